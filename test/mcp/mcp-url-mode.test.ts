import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/index.ts';
import type { McpOptions } from '../../src/mcp/options.ts';
import { loadConfig, startServer, type RunningServer } from '../../src/start/index.ts';
import { makeMediaSet } from '../helpers/media.ts';
import { probe } from '../helpers/video.ts';

let root: string;
let mediaDir: string;
let server: RunningServer;

async function connect(options: McpOptions) {
  const mcp = createMcpServer(options);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await mcp.connect(b);
  const client = new Client({ name: 'photoreel-test', version: '1' });
  await client.connect(a);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 300_000 })) as CallToolResult & {
      structuredContent?: Record<string, unknown>;
    };
  return { call, close: async () => (await client.close(), await mcp.close()) };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'photoreel-mcp-url-'));
  mediaDir = path.join(root, 'photos');
  await makeMediaSet(mediaDir, 2, 2);
  server = await startServer(
    loadConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir: path.join(root, 'data'),
      logLevel: 'silent',
      renderConcurrency: 1,
    }),
  );
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('MCP server driving a running server (--url)', () => {
  it('uploads, takes a draft, renders it and downloads the MP4 through the signed link', async () => {
    const mcp = await connect({
      url: server.url,
      allowedDirs: [mediaDir],
      cwd: mediaDir,
      pollIntervalMs: 200,
    });
    try {
      const created = await mcp.call('create_project', { files: ['01.jpg', '02.jpg', 'music.m4a'] });
      expect(created.isError, JSON.stringify(created.content)).toBeFalsy();
      const projectId = created.structuredContent!.project_id as string;
      const media = created.structuredContent!.media as { id: string; kind: string }[];
      const [a, b] = media.filter((m) => m.kind === 'image').map((m) => m.id);
      const music = media.find((m) => m.kind === 'audio')!.id;

      const set = await mcp.call('set_draft', {
        project_id: projectId,
        draft: {
          v: 1,
          w: 320,
          h: 180,
          fps: 10,
          t: [
            {
              tt: 0,
              sg: [
                { src: a, d: 1000, m: { tr: { type: 'fade', d: 400 } } },
                { src: b, d: 1000 },
              ],
            },
            { tt: 1, sg: [{ src: music, s: 0, d: 2000, m: { volume: 0.5 } }] },
          ],
        },
      });
      expect(set.isError, JSON.stringify(set.content)).toBeFalsy();
      // Kept by the server (not by this MCP process): the state answers it.
      const kept = await mcp.call('get_draft', { project_id: projectId });
      expect(kept.structuredContent!.draft).toMatchObject({ w: 320, h: 180, fps: 10 });

      // Start without waiting, then follow it with render_status: what an agent does with a long render.
      const started = await mcp.call('export', { project_id: projectId, wait_seconds: 0 });
      expect(started.isError, JSON.stringify(started.content)).toBeFalsy();
      expect(['queued', 'rendering', 'completed']).toContain(started.structuredContent!.status);
      const exported = await mcp.call('render_status', {
        render_id: started.structuredContent!.render_id,
        wait_seconds: 240,
        save_to: 'out.mp4',
      });
      expect(exported.isError, JSON.stringify(exported.content)).toBeFalsy();
      expect(exported.structuredContent).toMatchObject({
        status: 'completed',
        progress: 1,
        saved_to: path.join(mediaDir, 'out.mp4'),
      });
      expect(exported.structuredContent!.path).toBeUndefined(); // no local path: the server may be elsewhere
      expect(exported.structuredContent!.url).toMatch(new RegExp(`^${server.url}/`));

      const info = await probe(path.join(mediaDir, 'out.mp4'));
      expect(info.video).toMatchObject({ width: 320, height: 180 });
      expect(info.audio).toBeDefined();
      expect(info.duration).toBeGreaterThan(1.8);
      expect(info.duration).toBeLessThan(2.3);

      const credits = await mcp.call('credits', {});
      expect(credits.structuredContent).toMatchObject({ available: expect.any(Number) });
    } finally {
      await mcp.close();
    }
  });

  it('says when the server cannot be reached', async () => {
    const mcp = await connect({ url: 'http://127.0.0.1:9', allowedDirs: [mediaDir], cwd: mediaDir });
    try {
      const result = await mcp.call('create_project', { files: ['01.jpg'] });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/5004/);
      expect(JSON.stringify(result.content)).toMatch(/photoreel serve/);
    } finally {
      await mcp.close();
    }
  });
});
