import { registerCancelRenderTool } from '../cancel-render-tool.ts';
import type { ToolModule } from './context.ts';

/** `cancel_render` (src/mcp/cancel-render-tool.ts): the owner stops a render. */
export const cancelRenderTool: ToolModule = {
  name: 'cancel_render',
  register: (server, ctx) => registerCancelRenderTool(server, () => ctx.getBackend()),
};
