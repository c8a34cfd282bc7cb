import { z } from 'zod';
import type { ToolModule } from './context.ts';
import { ok, projectId } from './shared.ts';

/** `set_draft`: the project's draft replaced by the given JSON, as one undo step on the server. */
export const setDraftTool: ToolModule = {
  name: 'set_draft',
  register(server, ctx) {
    server.registerTool(
      'set_draft',
      {
        title: 'Replace the draft',
        description:
          'Replaces the project’s draft with the given draft JSON (validated: errors name the field; every `src` must be one ' +
          'of the project’s media ids). It is saved on the server as one undo step: instruct edits it further, undo brings ' +
          'the previous draft back, export renders it.',
        inputSchema: {
          project_id: projectId,
          draft: z.record(z.string(), z.unknown()).describe('A draft, version 1.'),
        },
        outputSchema: { project_id: z.string(), summary: z.string() },
      },
      ({ project_id, draft }) =>
        ctx.run(async () => {
          const { summary } = await (await ctx.getBackend()).client.setDraft(project_id, draft);
          return ok(`Draft replaced. ${summary}`, { project_id, summary });
        }),
    );
  },
};
