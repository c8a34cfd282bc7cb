/**
 * The MCP tool `cancel_render` on a data folder (in process, with its worker): a long export started with
 * wait_seconds 0 is cancelled, reads failed with 5002 in render_status, and leaves no video; an unknown id is 4200.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/index.ts';
import { makeMediaSet } from '../helpers/media.ts';

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

describe('MCP cancel_render', () => {
  let root: string;
  let client: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'photoreel-mcp-cancel-'));
    const media = path.join(root, 'trip');
    await makeMediaSet(media, 2, 2);
    const server = createMcpServer({
      dataDir: path.join(root, 'data'),
      allowedDirs: [media],
      cwd: media,
      pollIntervalMs: 100,
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
  });
  afterAll(async () => {
    await close?.();
    await rm(root, { recursive: true, force: true });
  });

  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as Result;

  it('cancels a running export; render_status then reads failed with 5002 and no video is left', async () => {
    const created = await call('create_project', { files: ['.'], instruction: 'make a slideshow' });
    expect(created.isError, JSON.stringify(created.content)).toBeFalsy();
    const projectId = created.structuredContent?.project_id as string;
    const ids = (created.structuredContent?.media as { id: string; kind: string }[])
      .filter((m) => m.kind === 'image')
      .map((m) => m.id);
    const long = {
      v: 1,
      w: 640,
      h: 360,
      fps: 30,
      t: [{ tt: 0, sg: ids.map((src) => ({ src, d: 90_000 })) }],
    };
    expect((await call('set_draft', { project_id: projectId, draft: long })).isError).toBeFalsy();
    const started = await call('export', { project_id: projectId, wait_seconds: 0 });
    const renderId = started.structuredContent?.render_id as string;
    expect(started.structuredContent?.status).toMatch(/queued|rendering/);

    const cancelled = await call('cancel_render', { render_id: renderId });
    expect(cancelled.isError, JSON.stringify(cancelled.content)).toBeFalsy();
    expect(cancelled.structuredContent).toMatchObject({
      render_id: renderId,
      status: 'failed',
      cancelled: true,
      error: { code: 5002 },
    });
    const status = await call('render_status', { render_id: renderId, wait_seconds: 2 });
    expect(status.structuredContent).toMatchObject({ status: 'failed', error: { code: 5002 } });
    await new Promise((r) => setTimeout(r, 3000));
    const renders = await readdir(path.join(root, 'data', 'renders'));
    expect(renders).toEqual([]);

    const unknown = await call('cancel_render', { render_id: 'render_no_such' });
    expect(unknown.isError).toBe(true);
    expect(unknown._meta).toMatchObject({ code: 4200 });
  }, 120_000);
});
