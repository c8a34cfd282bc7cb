import type { ToolModule } from './context.ts';
import { projectId, turnShape } from './shared.ts';

/** `redo`: what undo last undid, done again. */
export const redoTool: ToolModule = {
  name: 'redo',
  register(server, ctx) {
    server.registerTool(
      'redo',
      {
        title: 'Redo the last undone change',
        description: 'Redoes what undo last undid.',
        inputSchema: { project_id: projectId },
        outputSchema: turnShape,
      },
      ({ project_id }) => ctx.run(() => ctx.instructTurn(project_id, 'redo')),
    );
  },
};
