import { z } from 'zod';
import type { ToolModule } from './context.ts';
import { mediaSchema, ok, projectId, summaryOf } from './shared.ts';

/** `get_draft`: the project's draft JSON, its summary and media. */
export const getDraftTool: ToolModule = {
  name: 'get_draft',
  register(server, ctx) {
    server.registerTool(
      'get_draft',
      {
        title: 'Read the draft',
        description:
          'Returns the project’s draft JSON (the timeline, see the draft schema), its one-line summary and media.',
        inputSchema: { project_id: projectId },
        outputSchema: {
          project_id: z.string(),
          draft: z.unknown(),
          summary: z.string(),
          media: z.array(mediaSchema),
        },
        annotations: { readOnlyHint: true },
      },
      ({ project_id }) =>
        ctx.run(async () => {
          const state = await ctx.state(project_id);
          const summary = summaryOf(state.draft, state.video_infos);
          return ok(`${summary}\n${JSON.stringify(state.draft)}`, {
            project_id,
            draft: state.draft,
            summary,
            media: state.video_infos,
          });
        }),
    );
  },
};
