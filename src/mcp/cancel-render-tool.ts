import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isPhotoreelError } from '../errors.ts';
import type { Backend } from './options.ts';
import type { RenderJob } from './protocol-client.ts';

/** The catalog code of a render cancelled by its owner (RENDER_CANCELLED). */
const CANCELLED = 5002;

function failure(e: unknown): CallToolResult {
  if (isPhotoreelError(e)) {
    return {
      isError: true,
      content: [{ type: 'text', text: `Error ${e.code} (${e.key}): ${e.message}` }],
      _meta: { code: e.code, key: e.key, ...(e.details ? { details: e.details } : {}) },
    };
  }
  return { isError: true, content: [{ type: 'text', text: `Error: ${(e as Error)?.message ?? String(e)}` }] };
}

/**
 * The MCP tool `cancel_render`: the owner stops a render (`DELETE /api/render/proxy/lambda/<id>`). A queued render
 * never starts, a running one stops and leaves no file; it then reads `failed` with error 5002 (cancelled).
 * A render that already ended is left as it is.
 */
export function registerCancelRenderTool(server: McpServer, getBackend: () => Promise<Backend>): void {
  server.registerTool(
    'cancel_render',
    {
      title: 'Cancel a render',
      description:
        'Cancels a render this client started (the id export returned): a queued one never starts, a running one ' +
        'stops and leaves no file. It then reads failed with error 5002 (cancelled). A finished render is left as it is.',
      inputSchema: { render_id: z.string().min(1).describe('The id export returned.') },
      outputSchema: {
        render_id: z.string(),
        status: z.enum(['queued', 'rendering', 'completed', 'failed']),
        cancelled: z.boolean().describe('True when the render is cancelled (now or before).'),
        error: z.object({ code: z.number(), message: z.string() }).optional(),
      },
      annotations: { destructiveHint: true, idempotentHint: true },
    },
    async ({ render_id }) => {
      try {
        const job: RenderJob = await (await getBackend()).client.cancelRender(render_id);
        const error =
          job.error && typeof job.error === 'object'
            ? { code: job.error.code, message: job.error.message }
            : undefined;
        const cancelled = job.status === 'failed' && error?.code === CANCELLED;
        const text = cancelled
          ? `Render ${render_id} is cancelled; nothing was written.`
          : `Render ${render_id} had already ended (${job.status}); it was left as it is.`;
        return {
          content: [{ type: 'text', text }],
          structuredContent: { render_id, status: job.status, cancelled, ...(error ? { error } : {}) },
        };
      } catch (e) {
        return failure(e);
      }
    },
  );
}
