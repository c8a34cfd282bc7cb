import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/index.ts';
import type { McpOptions } from '../../src/mcp/options.ts';
import { makeMediaSet } from '../helpers/media.ts';
import { probe } from '../helpers/video.ts';

let root: string;
let mediaDir: string;
let outside: string;

async function connect(options: McpOptions): Promise<{ client: Client; close(): Promise<void> }> {
  const server = createMcpServer(options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'photoreel-test', version: '1' });
  await client.connect(clientSide);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: number) => void,
) {
  return (await client.callTool({ name, arguments: args }, undefined, {
    timeout: 300_000,
    ...(onprogress ? { onprogress: (p: { progress: number }) => onprogress(p.progress) } : {}),
  })) as CallToolResult & { structuredContent?: Record<string, unknown> };
}

function errorText(result: CallToolResult): string {
  expect(result.isError, JSON.stringify(result)).toBe(true);
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'photoreel-mcp-'));
  mediaDir = path.join(root, 'trip');
  outside = path.join(root, 'elsewhere');
  await makeMediaSet(mediaDir, 3, 4);
  await mkdir(outside);
  await writeFile(path.join(outside, 'private.jpg'), 'not for the agent');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('MCP server on a data folder (in process)', () => {
  let session: Awaited<ReturnType<typeof connect>>;
  let projectId: string;

  beforeAll(async () => {
    session = await connect({
      dataDir: path.join(root, 'data'),
      allowedDirs: [mediaDir],
      cwd: mediaDir,
      pollIntervalMs: 200,
      env: {},
    });
  });
  afterAll(() => session?.close());

  it('lists its tools with input and output schemas', async () => {
    const { tools } = await session.client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        'add_media',
        'cancel_render',
        'create_project',
        'credits',
        'export',
        'get_draft',
        'instruct',
        'redo',
        'render_status',
        'set_draft',
        'undo',
      ].sort(),
    );
    for (const tool of tools) expect(tool.outputSchema, tool.name).toBeDefined();
  });

  it('creates a project from a folder of photos and music', async () => {
    const result = await call(session.client, 'create_project', { files: ['.'] });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const data = result.structuredContent!;
    projectId = data.project_id as string;
    expect(projectId).toMatch(/\S/);
    const media = data.media as { kind: string; name: string }[];
    expect(media.map((m) => m.kind).sort()).toEqual(['audio', 'image', 'image', 'image']);
    expect(data.summary).toMatch(/3 photos/);
  });

  it('follows plain words, renders a vertical 720p video with music and reports progress', async () => {
    const turn = await call(session.client, 'instruct', {
      project_id: projectId,
      text: "make it vertical 720p with music, 1 second each and add the title 'Porto'",
    });
    expect(turn.isError, JSON.stringify(turn.content)).toBeFalsy();
    expect((turn.structuredContent!.edits as unknown[]).length).toBeGreaterThan(0);
    expect(turn.structuredContent!.summary).toMatch(/Porto/);

    const draft = (await call(session.client, 'get_draft', { project_id: projectId })).structuredContent!;
    expect(draft.draft).toMatchObject({ w: 720, h: 1280 });

    const progress: number[] = [];
    const exported = await call(
      session.client,
      'export',
      { project_id: projectId, save_to: 'porto.mp4', wait_seconds: 280 },
      (p) => progress.push(p),
    );
    expect(exported.isError, JSON.stringify(exported.content)).toBeFalsy();
    const r = exported.structuredContent!;
    expect(r.status).toBe('completed');
    // On a local data folder the answer is the file on this machine, not a link nobody serves.
    expect(r.url).toBeUndefined();
    expect(path.isAbsolute(r.path as string)).toBe(true);
    expect(existsSync(r.path as string)).toBe(true);
    expect(JSON.stringify(exported)).not.toMatch(/https?:\/\/(localhost|photoreel\.local)/);
    expect(exported.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining(r.saved_to as string),
    });
    expect(r.saved_to).toBe(path.join(mediaDir, 'porto.mp4'));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);

    for (const file of [r.path as string, r.saved_to as string]) {
      const info = await probe(file);
      expect(info.video).toMatchObject({ width: 720, height: 1280, codec: 'h264' });
      expect(info.audio).toBeDefined();
      expect(info.duration).toBeGreaterThan(2.8);
      expect(info.duration).toBeLessThan(3.3);
    }

    const status = await call(session.client, 'render_status', { render_id: r.render_id });
    expect(status.structuredContent).toMatchObject({ status: 'completed', progress: 1, path: r.path });
    expect(status.structuredContent!.url).toBeUndefined();
    expect(status.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining(r.path as string),
    });
    // Nor do the media lists carry thumbnail links to a server that is not running.
    const read = await call(session.client, 'get_draft', { project_id: projectId });
    expect(JSON.stringify(read.structuredContent)).not.toMatch(/https?:\/\//);
  });

  it('undoes and redoes an instruction', async () => {
    await call(session.client, 'instruct', { project_id: projectId, text: '2 seconds each' });
    const undone = await call(session.client, 'undo', { project_id: projectId });
    expect(undone.isError, JSON.stringify(undone.content)).toBeFalsy();
    expect(undone.structuredContent!.summary).toMatch(/\(0-3s\)/);
    const redone = await call(session.client, 'redo', { project_id: projectId });
    expect(redone.structuredContent!.summary).toMatch(/\(0-6s\)/);
  });

  it('replaces the draft with set_draft, validated; instructions edit it and undo brings the previous draft back', async () => {
    const current = (await call(session.client, 'get_draft', { project_id: projectId })).structuredContent!;
    const media = current.media as { id: string; kind: string }[];
    const photo = media.find((m) => m.kind === 'image')!.id;
    expect(current.draft).toMatchObject({ w: 720, h: 1280 });

    const bad = await call(session.client, 'set_draft', {
      project_id: projectId,
      draft: { v: 1, w: 321, h: 180, fps: 10, t: [] },
    });
    expect(errorText(bad)).toMatch(/4100/);
    expect(errorText(bad)).toMatch(/\bw\b/);

    const unknownSrc = await call(session.client, 'set_draft', {
      project_id: projectId,
      draft: { v: 1, w: 320, h: 180, fps: 10, t: [{ tt: 0, sg: [{ src: 'a_nope', d: 1000 }] }] },
    });
    expect(errorText(unknownSrc)).toMatch(/4004/);
    expect(errorText(unknownSrc)).toMatch(/t\[0\]\.sg\[0\]\.src/);

    const set = await call(session.client, 'set_draft', {
      project_id: projectId,
      draft: { v: 1, w: 320, h: 180, fps: 10, t: [{ tt: 0, sg: [{ src: photo, d: 1000 }] }] },
    });
    expect(set.isError, JSON.stringify(set.content)).toBeFalsy();
    expect(set.structuredContent!.summary).toMatch(/1 photo \(0-1s\)/);
    const replaced = (await call(session.client, 'get_draft', { project_id: projectId })).structuredContent!;
    expect(replaced.draft).toMatchObject({ w: 320, h: 180 });

    // Instructions go on from the draft that was set.
    const turn = await call(session.client, 'instruct', { project_id: projectId, text: '2 seconds each' });
    expect(turn.isError, JSON.stringify(turn.content)).toBeFalsy();
    expect(turn.structuredContent!.summary).toMatch(/1 photo \(0-2s\)/);

    await call(session.client, 'undo', { project_id: projectId });
    const back = (await call(session.client, 'get_draft', { project_id: projectId })).structuredContent!;
    expect(back.draft).toEqual(replaced.draft);
    await call(session.client, 'undo', { project_id: projectId });
    const instructed = (await call(session.client, 'get_draft', { project_id: projectId }))
      .structuredContent!;
    expect(instructed.draft).toEqual(current.draft);
    await call(session.client, 'redo', { project_id: projectId });
    expect(
      (await call(session.client, 'get_draft', { project_id: projectId })).structuredContent!.draft,
    ).toEqual(replaced.draft);
    await call(session.client, 'undo', { project_id: projectId });
  });

  it('refuses paths outside the allowed folders, even through a symlink', async () => {
    const direct = errorText(
      await call(session.client, 'create_project', { files: [path.join(outside, 'private.jpg')] }),
    );
    expect(direct).toMatch(/4005/);
    expect(direct).toMatch(/outside the folders/);
    expect(
      errorText(
        await call(session.client, 'add_media', {
          project_id: projectId,
          files: ['../elsewhere/private.jpg'],
        }),
      ),
    ).toMatch(/4005/);
    const { symlink } = await import('node:fs/promises');
    await symlink(path.join(outside, 'private.jpg'), path.join(mediaDir, 'sneaky.jpg'));
    try {
      expect(
        errorText(await call(session.client, 'add_media', { project_id: projectId, files: ['sneaky.jpg'] })),
      ).toMatch(/4005/);
    } finally {
      await rm(path.join(mediaDir, 'sneaky.jpg'));
    }
    expect(
      errorText(await call(session.client, 'export', { project_id: projectId, save_to: '/tmp/x.mp4' })),
    ).toMatch(/4005/);
  });

  it('says a missing file, a missing project, an unknown render and a bad file type plainly', async () => {
    expect(errorText(await call(session.client, 'create_project', { files: ['missing.jpg'] }))).toMatch(
      /4004/,
    );
    expect(errorText(await call(session.client, 'get_draft', { project_id: 's_doesnotexist' }))).toMatch(
      /1002/,
    );
    expect(errorText(await call(session.client, 'render_status', { render_id: 'render_nope' }))).toMatch(
      /4200/,
    );
    await writeFile(path.join(mediaDir, 'notes.jpg'), 'this is text, not a photo');
    try {
      expect(
        errorText(await call(session.client, 'add_media', { project_id: projectId, files: ['notes.jpg'] })),
      ).toMatch(/4001/);
    } finally {
      await rm(path.join(mediaDir, 'notes.jpg'));
    }
    const noInput = await call(session.client, 'create_project', {});
    expect(errorText(noInput)).toMatch(/400/);
  });
});

describe('MCP server out of credits', () => {
  it('says so with the catalog code and still names the project it made', async () => {
    const s = await connect({
      dataDir: path.join(root, 'data-poor'),
      allowedDirs: [mediaDir],
      cwd: mediaDir,
      env: { PHOTOREEL_CREDITS_PER_TOKEN: '0' },
    });
    try {
      const text = errorText(await call(s.client, 'create_project', { files: ['01.jpg'] }));
      expect(text).toMatch(/2001/);
      const id = /Project (\S+) was created/.exec(text)?.[1];
      expect(id).toBeDefined();
      const draft = await call(s.client, 'get_draft', { project_id: id });
      expect(draft.structuredContent!.media).toHaveLength(1);
      expect((await call(s.client, 'credits', {})).structuredContent).toMatchObject({ available: 0 });
    } finally {
      await s.close();
    }
  });
});

describe('MCP server restarted on the same data folder', () => {
  it('keeps a draft set with set_draft, and its undo step', async () => {
    const options: McpOptions = {
      dataDir: path.join(root, 'data-restart'),
      allowedDirs: [mediaDir],
      cwd: mediaDir,
      env: { PHOTOREEL_SERVE_WORKER: 'false' },
    };
    const first = await connect(options);
    let projectId: string;
    let draft: unknown;
    let instructed: unknown;
    try {
      const created = await call(first.client, 'create_project', { files: ['01.jpg', '02.jpg'] });
      expect(created.isError, JSON.stringify(created.content)).toBeFalsy();
      projectId = created.structuredContent!.project_id as string;
      const media = created.structuredContent!.media as { id: string }[];
      instructed = (await call(first.client, 'get_draft', { project_id: projectId })).structuredContent!
        .draft;
      const set = await call(first.client, 'set_draft', {
        project_id: projectId,
        draft: {
          v: 1,
          w: 320,
          h: 180,
          fps: 10,
          t: [{ tt: 0, sg: media.map((m) => ({ src: m.id, d: 1500 })) }],
        },
      });
      expect(set.isError, JSON.stringify(set.content)).toBeFalsy();
      draft = (await call(first.client, 'get_draft', { project_id: projectId })).structuredContent!.draft;
    } finally {
      await first.close();
    }

    const second = await connect(options);
    try {
      const again = (await call(second.client, 'get_draft', { project_id: projectId })).structuredContent!;
      expect(again.draft).toEqual(draft);
      expect(again.summary).toMatch(/2 photos \(0-3s\)/);
      const turn = await call(second.client, 'instruct', { project_id: projectId, text: 'square' });
      expect(turn.isError, JSON.stringify(turn.content)).toBeFalsy();
      const square = (await call(second.client, 'get_draft', { project_id: projectId })).structuredContent!
        .draft as { w: number; h: number };
      expect(square.w).toBe(square.h);
      await call(second.client, 'undo', { project_id: projectId });
      await call(second.client, 'undo', { project_id: projectId });
      expect(
        (await call(second.client, 'get_draft', { project_id: projectId })).structuredContent!.draft,
      ).toEqual(instructed);
    } finally {
      await second.close();
    }
  });
});
