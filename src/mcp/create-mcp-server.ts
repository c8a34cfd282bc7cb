import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { resolveAllowedDirs } from './allowed-path.ts';
import type { Backend, McpOptions } from './options.ts';
import { TOOLS } from './tools/index.ts';
import { toolContext } from './tools/context.ts';

export { toolError } from './tools/shared.ts';

export const MCP_SERVER_NAME = 'photoreel';
export const MCP_SERVER_VERSION = '0.1.0';

/**
 * The MCP server: tools that make a video from photos over one protocol client.
 * `backend` opens lazily on the first tool call (the in-process service or a server URL).
 */
export function createMcpServerWith(options: McpOptions, openBackend: () => Promise<Backend>): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    {
      instructions:
        'photoreel turns photos into a finished 1080p H.264 MP4, deterministically. Call create_project with local ' +
        'paths or URLs (and optionally a first instruction), describe the video in plain words with instruct ' +
        '(English or Chinese: "vertical 720p, 2 seconds each, fades, add the title \'Porto\'"), check get_draft, ' +
        'then export and follow render_status.',
    },
  );
  const cwd = options.cwd ?? process.cwd();
  let backend: Promise<Backend> | undefined;
  let allowed: Promise<string[]> | undefined;
  const getBackend = () => (backend ??= openBackend());
  const getAllowed = () =>
    (allowed ??= resolveAllowedDirs((options.allowedDirs ?? [cwd]).map((d) => path.resolve(cwd, d))));

  let closing: Promise<void> | undefined;
  const closeBackend = () =>
    (closing ??= (backend ?? Promise.resolve(undefined)).then((b) => b?.close()).catch(() => undefined));
  server.server.onclose = () => void closeBackend();
  const closeServer = server.close.bind(server);
  server.close = async () => {
    await closeServer();
    await closeBackend();
  };

  const ctx = toolContext(options, cwd, getBackend, getAllowed);
  for (const tool of TOOLS) tool.register(server, ctx);
  return server;
}
