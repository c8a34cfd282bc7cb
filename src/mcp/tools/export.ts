import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_FORMAT, DEFAULT_QUALITY, resolveOutputFormat } from '../../render/output-format.ts';
import { resolveAllowedOutput } from '../allowed-path.ts';
import { progressReporter, type ToolModule } from './context.ts';
import { formatInput, projectId, qualityInput, renderShape, saveToInput } from './shared.ts';

/**
 * How long export waits by default: under the 60 s request timeout many MCP clients use.
 * A longer render answers `timed_out: true`; render_status (with wait_seconds) follows it.
 */
export const DEFAULT_WAIT_SECONDS = 50;

/** `export`: renders the project's draft and waits for it (progress notifications when asked). */
export const exportTool: ToolModule = {
  name: 'export',
  register(server, ctx) {
    server.registerTool(
      'export',
      {
        title: 'Render the video',
        description:
          'Renders the project’s draft to a video (MP4 unless `format` or the save_to extension says otherwise) and waits ' +
          'for it (progress notifications when the call has a progressToken). ' +
          'Returns the render id and status; when completed, the download URL (or, on a local data folder, the file path). ' +
          'If the wait ends first, follow it with render_status.',
        inputSchema: {
          project_id: projectId,
          wait_seconds: z
            .number()
            .min(0)
            .max(3600)
            .optional()
            .describe(
              `How long to wait for the render (default ${ctx.options.exportWaitSeconds ?? DEFAULT_WAIT_SECONDS}; 0 returns at once).`,
            ),
          save_to: saveToInput,
          format: formatInput,
          quality: qualityInput,
        },
        outputSchema: renderShape,
      },
      ({ project_id, wait_seconds, save_to, format, quality }, extra) =>
        ctx.run(async () => {
          const { client } = await ctx.getBackend();
          // Refused before rendering: a path outside the allowed folders, or an extension that is not the format.
          const output = {
            format: save_to ? resolveOutputFormat(save_to, format) : (format ?? DEFAULT_FORMAT),
            quality: quality ?? DEFAULT_QUALITY,
          };
          if (save_to) await resolveAllowedOutput(save_to, await ctx.getAllowed(), ctx.cwd);
          const { draft } = await client.state(project_id);
          const renderId = `render_${Date.now()}_${randomBytes(4).toString('hex')}`;
          await client.startExport(renderId, project_id, draft, output);
          const wait = (wait_seconds ?? ctx.options.exportWaitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
          return ctx.followRender(renderId, wait, save_to, progressReporter(extra), extra.signal);
        }),
    );
  },
};
