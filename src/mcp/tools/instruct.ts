import { z } from 'zod';
import type { ToolModule } from './context.ts';
import { projectId, turnShape } from './shared.ts';

/** `instruct`: the video described in plain words (English or Chinese). */
export const instructTool: ToolModule = {
  name: 'instruct',
  register(server, ctx) {
    server.registerTool(
      'instruct',
      {
        title: 'Edit the video in plain words',
        description:
          'Says what the video should be, in English or Chinese: format ("vertical", "square", "720p"), timing ("2 seconds each", ' +
          '"make it 30 seconds"), transitions ("fades"), motion, titles ("add the title \'Porto\'"), music ("music at 30%"), ' +
          'order ("reverse", "move photo 3 to the start"). Returns the reply, the edits applied and the one-line summary.',
        inputSchema: {
          project_id: projectId,
          text: z.string().min(1).max(2000).describe('The instruction, in plain words.'),
        },
        outputSchema: turnShape,
      },
      ({ project_id, text }) => ctx.run(() => ctx.instructTurn(project_id, text)),
    );
  },
};
