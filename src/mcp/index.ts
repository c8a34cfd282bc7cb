import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServerWith } from './create-mcp-server.ts';
import { openBackend } from './open-backend.ts';
import type { McpOptions } from './options.ts';

export type { McpOptions, Backend } from './options.ts';
export { ProtocolClient, type FetchLike, type MediaFile, type RenderJob } from './protocol-client.ts';
export { injectFetch } from './inject-fetch.ts';
export { MCP_SERVER_NAME, MCP_SERVER_VERSION, toolError } from './create-mcp-server.ts';

/**
 * The photoreel MCP server. With `url` it drives a running server over HTTP; otherwise it runs the
 * service in this process on `dataDir` (default ./photoreel-data). Nothing starts until the first tool call.
 */
export function createMcpServer(options: McpOptions = {}): McpServer {
  return createMcpServerWith(options, () => openBackend(options));
}

export interface StdioOptions extends McpOptions {
  stdin?: Readable;
  stdout?: Writable;
}

/** Connects an MCP server to stdio (or the given streams) and returns at once; close() stops it. */
export async function startMcp(
  options: StdioOptions = {},
): Promise<{ server: McpServer; close(): Promise<void> }> {
  const server = createMcpServer(options);
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  await server.connect(transport);
  return { server, close: () => server.close() };
}

/**
 * `photoreel mcp`: serves MCP over stdio until the client closes stdin (or `signal` aborts).
 * Logs go to stderr: stdout carries only the protocol.
 */
export async function runMcpStdio(options: StdioOptions & { signal?: AbortSignal } = {}): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const { server, close } = await startMcp({ ...options, stdin });
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    const previous = server.server.onclose;
    server.server.onclose = () => {
      previous?.();
      done();
    };
    stdin.once('end', done);
    stdin.once('close', done);
    options.signal?.addEventListener('abort', done, { once: true });
  });
  await close();
}
