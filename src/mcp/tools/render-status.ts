import { z } from 'zod';
import { progressReporter, type ToolModule } from './context.ts';
import { renderShape, saveToInput } from './shared.ts';

/** `render_status`: a render's status, optionally waited for and saved. */
export const renderStatusTool: ToolModule = {
  name: 'render_status',
  register(server, ctx) {
    server.registerTool(
      'render_status',
      {
        title: 'Check a render',
        description:
          'Returns a render’s status (queued, rendering, completed, failed), progress 0..1, the download URL or, on a ' +
          'local data folder, the file path. With wait_seconds it waits (with progress notifications) for the render to ' +
          'end; with save_to, a completed render is saved there.',
        inputSchema: {
          render_id: z.string().min(1).describe('The id export returned.'),
          wait_seconds: z
            .number()
            .min(0)
            .max(3600)
            .optional()
            .describe('How long to wait for the render to finish (default 0: answer at once).'),
          save_to: saveToInput,
        },
        outputSchema: renderShape,
        annotations: { idempotentHint: true },
      },
      ({ render_id, wait_seconds, save_to }, extra) =>
        ctx.run(() =>
          ctx.followRender(
            render_id,
            (wait_seconds ?? 0) * 1000,
            save_to,
            progressReporter(extra),
            extra.signal,
          ),
        ),
    );
  },
};
