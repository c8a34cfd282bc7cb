import type { ToolModule } from './context.ts';
import { projectId, turnShape } from './shared.ts';

/** `undo`: the last instruction (all of its edits), set_draft or page edit taken back. */
export const undoTool: ToolModule = {
  name: 'undo',
  register(server, ctx) {
    server.registerTool(
      'undo',
      {
        title: 'Undo the last change',
        description: 'Undoes the last instruction (all of its edits) or the last set_draft.',
        inputSchema: { project_id: projectId },
        outputSchema: turnShape,
      },
      ({ project_id }) => ctx.run(() => ctx.instructTurn(project_id, 'undo')),
    );
  },
};
