/** The MCP export tool's `format` and `quality` (or the format from save_to's extension). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/index.ts';
import { makeMediaSet } from '../helpers/media.ts';
import { probe } from '../helpers/video.ts';

let root: string;
let mediaDir: string;
let client: Client;
let close: () => Promise<void>;
let projectId: string;

async function call(name: string, args: Record<string, unknown>) {
  return (await client.callTool({ name, arguments: args }, undefined, {
    timeout: 300_000,
  })) as CallToolResult & {
    structuredContent?: Record<string, unknown>;
  };
}

function errorText(result: CallToolResult): string {
  expect(result.isError, JSON.stringify(result)).toBe(true);
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'photoreel-mcp-formats-'));
  mediaDir = path.join(root, 'trip');
  await makeMediaSet(mediaDir, 3, 4);
  const server = createMcpServer({
    dataDir: path.join(root, 'data'),
    allowedDirs: [mediaDir],
    cwd: mediaDir,
    pollIntervalMs: 200,
    env: {},
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'photoreel-test', version: '1' });
  await client.connect(clientSide);
  close = async () => {
    await client.close();
    await server.close();
  };
  const created = await call('create_project', { files: ['.'], instruction: 'make it 720p, 1 second each' });
  projectId = created.structuredContent!.project_id as string;
});
afterAll(async () => {
  await close?.();
  await rm(root, { recursive: true, force: true });
});

describe('export tool formats', () => {
  it('offers format and quality as choices', async () => {
    const { tools } = await client.listTools();
    const props = tools.find((t) => t.name === 'export')!.inputSchema.properties as Record<
      string,
      { enum?: string[] }
    >;
    expect(props.format?.enum).toEqual(['mp4', 'webm', 'mov', 'gif', 'webp']);
    expect(props.quality?.enum).toEqual(['draft', 'standard', 'high']);
  });

  it('refuses a save_to extension that contradicts the format, before rendering', async () => {
    const text = errorText(
      await call('export', { project_id: projectId, save_to: 'clip.gif', format: 'webm' }),
    );
    expect(text).toMatch(/400/);
    expect(text).toContain('.gif');
    const status = await call('render_status', { render_id: 'render_none' });
    expect(errorText(status)).toMatch(/4200/);
  });

  it('refuses a GIF longer than a short loop', async () => {
    await call('instruct', { project_id: projectId, text: '10 seconds each' });
    const text = errorText(await call('export', { project_id: projectId, format: 'gif', wait_seconds: 0 }));
    expect(text).toMatch(/400/);
    expect(text).toContain('short loops');
    await call('undo', { project_id: projectId });
  });
});

describe('export tool renders the format asked', () => {
  it('save_to trip.webm renders WebM (VP9 + Opus) in draft quality', async () => {
    const r = await call('export', {
      project_id: projectId,
      save_to: 'trip.webm',
      quality: 'draft',
      wait_seconds: 280,
    });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    expect(r.structuredContent!.status).toBe('completed');
    expect(String(r.structuredContent!.path)).toMatch(/\.webm$/);
    const info = await probe(r.structuredContent!.saved_to as string);
    expect(info.video?.codec).toBe('vp9');
    expect(info.audio?.codec).toBe('opus');
  });
});
