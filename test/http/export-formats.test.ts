/**
 * Export formats and quality over HTTP: the body's `output` is checked (400 naming what is offered),
 * GIF/WebP are for short loops, the job renders in the format asked, and the signed link downloads
 * it with its extension and Content-Type.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOOP_MS } from '../../src/render/output-format.ts';
import { startServer, type RunningServer } from '../../src/start/start-server.ts';
import { makeMusic, makePhoto } from '../helpers/media.ts';
import {
  injectUpload,
  tempDir,
  testApp,
  testConfig,
  tokenAndSession,
  waitFor,
  type TestApp,
} from '../helpers/server.ts';
import { probe } from '../helpers/video.ts';

function draftOf(photos: string[], music: string | undefined, msEach: number) {
  return {
    v: 1,
    w: 160,
    h: 90,
    fps: 10,
    t: [
      { tt: 0, sg: photos.map((src) => ({ src, d: msEach })) },
      ...(music ? [{ tt: 1, sg: [{ src: music, s: 0, d: photos.length * msEach }] }] : []),
    ],
  };
}

describe('export output checks (in process, no worker)', () => {
  let t: TestApp;
  let me: Awaited<ReturnType<typeof tokenAndSession>>;
  let ids: string[];

  beforeAll(async () => {
    t = await testApp({ maxRendersPerToken: 100 });
    me = await tokenAndSession(t.app);
    const photo = await readFile(await makePhoto(path.join(t.dir, 'p.jpg'), { width: 320, height: 240 }));
    const r = await injectUpload(t.app, me.auth, me.session, [
      { filename: 'a.jpg', data: photo },
      { filename: 'b.jpg', data: photo },
    ]);
    ids = (r.json().data.files as { id: string }[]).map((f) => f.id);
  });
  afterAll(() => t.close());

  const post = (id: string, output: object, msEach = 1000) =>
    t.app.inject({
      method: 'POST',
      url: '/api/render/proxy/lambda',
      headers: me.auth,
      payload: { id, sessionId: me.session, draft: draftOf(ids, undefined, msEach), output },
    });

  it('refuses a format or quality that is not offered, naming the ones that are', async () => {
    const avi = await post('render_avi', { format: 'avi' });
    expect(avi.statusCode).toBe(400);
    expect(avi.json().code).toBe(400);
    expect(avi.json().message).toContain('mp4, webm, mov, gif, webp');
    const ultra = await post('render_ultra', { format: 'mp4', quality: 'ultra' });
    expect(ultra.statusCode).toBe(400);
    expect(ultra.json().message).toContain('draft, standard, high');
  });

  it('refuses a GIF or WebP longer than a short loop, and accepts the same draft as WebM', async () => {
    const msEach = MAX_LOOP_MS / 2 + 500;
    for (const format of ['gif', 'webp']) {
      const long = await post(`render_long_${format}`, { format }, msEach);
      expect(long.statusCode).toBe(400);
      expect(long.json().message).toContain(`at most ${MAX_LOOP_MS / 1000} s`);
    }
    const webm = await post('render_long_webm', { format: 'WebM', quality: 'draft' }, msEach);
    expect(webm.json().data).toEqual({ id: 'render_long_webm', status: 'queued' });
  });

  it('accepts every offered format and quality, and a body without output (mp4, standard)', async () => {
    for (const [i, output] of [
      {},
      { format: 'mp4', quality: 'high' },
      { format: 'mov', quality: 'standard' },
      { format: 'gif', quality: 'draft' },
      { format: 'webp' },
    ].entries()) {
      const r = await post(`render_ok_${i}`, output);
      expect(r.json().data).toMatchObject({ status: 'queued' });
    }
  });
});

describe('export formats end to end (server renders, real ffmpeg)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let server: RunningServer;
  let headers: Record<string, string>;
  let session: string;
  let photos: string[];
  let music: string;

  beforeAll(async () => {
    tmp = await tempDir('photoreel-export-formats-');
    server = await startServer(testConfig(path.join(tmp.dir, 'data')));
    const t = (await (
      await fetch(`${server.url}/api/auth/anonymous-token`, {
        method: 'POST',
        headers: { 'X-Client-Id': '0b5e55ed-0000-4000-8000-0000000f0a75' },
      })
    ).json()) as { data: { token: string } };
    headers = { Authorization: `Bearer ${t.data.token}` };
    const s = (await (
      await fetch(`${server.url}/api/tasks/me/with-session/nemo_agent`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ task_name: 'formats', language: 'en' }),
      })
    ).json()) as { data: { session_id: string } };
    session = s.data.session_id;
    const form = new FormData();
    for (let i = 0; i < 2; i++) {
      const file = await makePhoto(path.join(tmp.dir, `p${i}.jpg`), { width: 320, height: 180, hue: i + 2 });
      form.append('files', new Blob([await readFile(file)], { type: 'image/jpeg' }), `p${i}.jpg`);
    }
    form.append(
      'files',
      new Blob([await readFile(await makeMusic(path.join(tmp.dir, 'song.m4a'), 3))], { type: 'audio/mp4' }),
      'song.m4a',
    );
    const up = (await (
      await fetch(`${server.url}/api/upload-video/nemo_agent/me/${session}`, {
        method: 'POST',
        headers,
        body: form,
      })
    ).json()) as { data: { files: { id: string; kind: string }[] } };
    photos = up.data.files.filter((f) => f.kind === 'image').map((f) => f.id);
    music = up.data.files.find((f) => f.kind === 'audio')!.id;
  });
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  async function exportAs(
    format: string,
    quality: string,
  ): Promise<{ url: string; bytes: Buffer; type: string }> {
    const id = `render_${format}_${quality}`;
    const r = await fetch(`${server.url}/api/render/proxy/lambda`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        sessionId: session,
        draft: draftOf(photos, music, 1000),
        output: { format, quality },
      }),
    });
    expect(((await r.json()) as { code: number }).code).toBe(0);
    const done = await waitFor(
      async () => {
        const s = (await (
          await fetch(`${server.url}/api/render/proxy/lambda/${id}`, { headers })
        ).json()) as {
          data: { status: string; output: { url: string | null }; error: unknown };
        };
        if (s.data.status === 'failed') throw new Error(`render failed: ${JSON.stringify(s.data.error)}`);
        return s.data.status === 'completed' ? s.data : undefined;
      },
      120_000,
      200,
    );
    const url = done.output.url!;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return { url, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
  }

  const cases = [
    { format: 'webm', quality: 'draft', type: 'video/webm', video: 'vp9', audio: 'opus' },
    { format: 'mov', quality: 'high', type: 'video/quicktime', video: 'h264', audio: 'aac' },
    { format: 'gif', quality: 'standard', type: 'image/gif', video: 'gif', audio: undefined },
  ];
  for (const c of cases) {
    it(`${c.format} (${c.quality}): a .${c.format} link, ${c.type}, ${c.video}${c.audio ? ` + ${c.audio}` : ''}`, async () => {
      const { url, bytes, type } = await exportAs(c.format, c.quality);
      expect(new URL(url).pathname).toMatch(new RegExp(`^/api/download/r_[0-9a-f]{32}\\.${c.format}$`));
      expect(type.startsWith(c.type)).toBe(true);
      const file = path.join(tmp.dir, `out.${c.format}`);
      await writeFile(file, bytes);
      const info = await probe(file);
      expect(info.video?.codec).toBe(c.video);
      expect(info.audio?.codec).toBe(c.audio);
    });
  }
});
