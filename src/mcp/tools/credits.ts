import { z } from 'zod';
import type { ToolModule } from './context.ts';
import { ok } from './shared.ts';

/** `credits`: the balance (each instruction costs one; exports and edits are free). */
export const creditsTool: ToolModule = {
  name: 'credits',
  register(server, ctx) {
    server.registerTool(
      'credits',
      {
        title: 'Credit balance',
        description: 'Returns the credits left: each instruction costs one; exports are free.',
        inputSchema: {},
        outputSchema: { available: z.number(), frozen: z.number(), total: z.number() },
        annotations: { readOnlyHint: true },
      },
      () =>
        ctx.run(async () => {
          const c = await (await ctx.getBackend()).client.credits();
          return ok(`${c.available} credits available (${c.frozen} reserved).`, { ...c });
        }),
    );
  },
};
