import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaSet } from '../helpers/media.ts';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx by absolute URL: the child runs in the photos folder, where node_modules is out of reach. */
const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'photoreel-mcp-stdio-'));
  await makeMediaSet(path.join(root, 'photos'), 1, 1);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('MCP over stdio in a child process', () => {
  it('`photoreel mcp` speaks only the protocol on stdout and works on a data folder', async () => {
    const stderr: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', tsx, cli, 'mcp', '--data', path.join(root, 'data')],
      cwd: path.join(root, 'photos'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const client = new Client({ name: 'photoreel-test', version: '1' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('create_project');
      const created = (await client.callTool({
        name: 'create_project',
        arguments: { files: ['01.jpg'] },
      })) as CallToolResult;
      expect(created.isError, `${JSON.stringify(created.content)}\n${stderr.join('')}`).toBeFalsy();
      const id = (created.structuredContent as { project_id: string }).project_id;
      const draft = (await client.callTool({
        name: 'get_draft',
        arguments: { project_id: id },
      })) as CallToolResult;
      expect(draft.isError).toBeFalsy();
      // Outside the current directory (the default allowed folder): refused.
      const refused = (await client.callTool({
        name: 'add_media',
        arguments: { project_id: id, files: ['/etc/hostname'] },
      })) as CallToolResult;
      expect(JSON.stringify(refused.content)).toMatch(/4005/);
    } finally {
      await client.close();
    }
  });
});
