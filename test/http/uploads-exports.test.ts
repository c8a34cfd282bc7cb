/** Uploads (hostile names, several files), state, and exports (validation, idempotency, ownership) in process. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMusic, makePhoto } from '../helpers/media.ts';
import { injectUpload, testApp, tokenAndSession, type PartSpec, type TestApp } from '../helpers/server.ts';

describe('uploads and exports', () => {
  let t: TestApp;
  let photos: Buffer[];
  let music: Buffer;
  beforeAll(async () => {
    t = await testApp();
    photos = await Promise.all(
      [0, 1, 2].map(async (i) =>
        readFile(await makePhoto(path.join(t.dir, `p${i}.jpg`), { width: 320, height: 240, hue: i })),
      ),
    );
    music = await readFile(await makeMusic(path.join(t.dir, 'm.m4a'), 2));
  });
  afterAll(() => t.close());

  const upload = (session: string, auth: Record<string, string>, parts: PartSpec[]) =>
    injectUpload(t.app, auth, session, parts);

  it('keeps hostile file names only as safe labels; files live under server ids', async () => {
    const { session, auth } = await tokenAndSession(t.app);
    const names = [
      '../../etc/passwd',
      'nul\u0000byte.jpg',
      `${'long'.repeat(125)}.jpg`,
      'abc\u202egpj.exe',
      '🌅 sunset.jpg',
    ];
    const r = await upload(
      session,
      auth,
      names.map((filename, i) => ({ filename, data: photos[i % 3] as Buffer, type: 'image/jpeg' })),
    );
    expect(r.statusCode).toBe(200);
    const files = r.json().data.files as { id: string; name: string; kind: string; width: number }[];
    expect(files.map((f) => f.name)).toEqual([
      'passwd',
      'nulbyte.jpg',
      expect.stringMatching(/^(long)+lo?n?g?\.jpg$/),
      'abcgpj.exe',
      '🌅 sunset.jpg',
    ]);
    expect(Array.from(files[2]?.name ?? '')).toHaveLength(100);
    for (const f of files) {
      expect(f.id).toMatch(/^a_[0-9a-f]{16}$/);
      expect(f).toMatchObject({ kind: 'image', width: 320, height: 240 });
      // eslint-disable-next-line no-control-regex
      expect(f.name).not.toMatch(/[/\\\u0000\u202e]/);
    }
    const stored = await readdir(path.join(t.service.config.dataDir, 'uploads', session));
    expect(stored.sort()).toEqual(files.map((f) => `${f.id}.jpg`).sort());
    const dataEntries = await readdir(t.service.config.dataDir);
    expect(dataEntries).not.toContain('etc');
  });

  it('lists uploads in the state, with thumbnails, and exports idempotently on the id', async () => {
    const me = await tokenAndSession(t.app, 'b0b0b0b0-0000-4000-8000-000000000001');
    const them = await tokenAndSession(t.app, 'b0b0b0b0-0000-4000-8000-000000000002');
    const r = await upload(me.session, me.auth, [
      { filename: 'a.jpg', data: photos[0] as Buffer },
      { filename: 'b.jpg', data: photos[1] as Buffer },
      { filename: 'song.m4a', data: music },
    ]);
    const files = r.json().data.files as { id: string; kind: string; duration_ms: number | null }[];
    expect(files.map((f) => f.kind)).toEqual(['image', 'image', 'audio']);
    expect(files[2]?.duration_ms).toBeGreaterThan(1500);

    const state = await t.app.inject({
      method: 'GET',
      url: `/api/state/nemo_agent/me/${me.session}/latest`,
      headers: me.auth,
    });
    const s = state.json().data.state;
    expect(s.video_infos.map((v: { id: string }) => v.id)).toEqual(files.map((f) => f.id));
    expect(s.draft).toMatchObject({ v: 1 });
    expect(s.generated_media).toEqual([]);

    const thumbUrl = new URL(s.video_infos[0].thumbnail_url as string);
    const thumb = await t.app.inject({ method: 'GET', url: thumbUrl.pathname, headers: me.auth });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toMatch(/image\/jpeg/);
    const noThumb = await t.app.inject({ method: 'GET', url: thumbUrl.pathname, headers: them.auth });
    expect(noThumb.json().code).toBe(1002);

    const draft = {
      v: 1,
      w: 320,
      h: 180,
      fps: 10,
      t: [
        {
          tt: 0,
          sg: [
            { src: files[0]?.id, d: 1000 },
            { src: files[1]?.id, d: 1000 },
          ],
        },
        { tt: 1, sg: [{ src: files[2]?.id, s: 0, d: 2000 }] },
      ],
    };
    const post = (auth: Record<string, string>, body: object) =>
      t.app.inject({ method: 'POST', url: '/api/render/proxy/lambda', headers: auth, payload: body });
    const body = {
      id: 'render_1700000000',
      sessionId: me.session,
      draft,
      output: { format: 'mp4', quality: 'high' },
    };
    const first = await post(me.auth, body);
    expect(first.json()).toEqual({
      code: 0,
      message: 'success',
      data: { id: 'render_1700000000', status: 'queued' },
    });
    const again = await post(me.auth, body);
    expect(again.json().data).toEqual({ id: 'render_1700000000', status: 'queued' });

    const get = await t.app.inject({
      method: 'GET',
      url: '/api/render/proxy/lambda/render_1700000000',
      headers: me.auth,
    });
    expect(get.json().data).toMatchObject({
      id: 'render_1700000000',
      status: 'queued',
      progress: 0,
      output: { url: null },
      error: null,
    });
    // Another token: the same id is not theirs.
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/render/proxy/lambda/render_1700000000',
      headers: them.auth,
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe(4200);
    // Another token exporting my assets from their session: the assets are not in their session.
    const stolen = await post(them.auth, { ...body, sessionId: them.session });
    expect(stolen.json().code).toBe(4004);
    // ... nor may they use my session.
    const mySession = await post(them.auth, { ...body, id: 'render_2' });
    expect(mySession.json().code).toBe(1002);

    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/state/nemo_agent/me/${me.session}/latest`,
      headers: me.auth,
    });
    expect(listed.json().data.state.generated_media).toMatchObject([
      { id: 'render_1700000000', status: 'queued', url: null },
    ]);
  });

  it('refuses download links that are forged, altered or expired', async () => {
    for (const q of ['', '?expires=9999999999&sig=abc', `?expires=1&sig=x`]) {
      const r = await t.app.inject({ method: 'GET', url: `/api/download/r_${'0'.repeat(32)}.mp4${q}` });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe(1001);
    }
    const traversal = await t.app.inject({
      method: 'GET',
      url: '/api/download/..%2f..%2fphotoreel.db?expires=9999999999&sig=x',
    });
    expect(traversal.json().code).toBe(1001);
  });
});
