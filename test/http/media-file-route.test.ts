/** GET /api/media/:sessionId/:id/file: the uploaded file for the page's live player (bearer token, Range, previews). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, makeMusic, makePhoto } from '../helpers/media.ts';
import { injectUpload, testApp, tokenAndSession, type TestApp } from '../helpers/server.ts';

describe('media file route', () => {
  let t: TestApp;
  let me: Awaited<ReturnType<typeof tokenAndSession>>;
  let them: Awaited<ReturnType<typeof tokenAndSession>>;
  let ids: { photo: string; portrait: string; clip: string; music: string };
  let clip: Buffer;
  let music: Buffer;
  const url = (id: string, session = me.session, query = '') => `/api/media/${session}/${id}/file${query}`;

  beforeAll(async () => {
    t = await testApp();
    const photo = await readFile(await makePhoto(path.join(t.dir, 'big.jpg'), { width: 3000, height: 2000 }));
    const portrait = await readFile(
      await makePhoto(path.join(t.dir, 'tall.jpg'), { width: 600, height: 900, hue: 3 }),
    );
    music = await readFile(await makeMusic(path.join(t.dir, 'song.m4a'), 2));
    const clipFile = path.join(t.dir, 'clip.mp4');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x120:rate=10:duration=1',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      clipFile,
    ]);
    clip = await readFile(clipFile);
    me = await tokenAndSession(t.app, 'f11e0000-0000-4000-8000-000000000001');
    them = await tokenAndSession(t.app, 'f11e0000-0000-4000-8000-000000000002');
    const r = await injectUpload(t.app, me.auth, me.session, [
      { filename: 'big.jpg', data: photo },
      { filename: 'tall.jpg', data: portrait },
      { filename: 'clip.mp4', data: clip },
      { filename: 'song.m4a', data: music },
    ]);
    expect(r.statusCode).toBe(200);
    const files = r.json().data.files as { id: string }[];
    ids = { photo: files[0]!.id, portrait: files[1]!.id, clip: files[2]!.id, music: files[3]!.id };
  });
  afterAll(() => t.close());

  it('needs the bearer token; another token’s session or media is not found', async () => {
    const anon = await t.app.inject({ method: 'GET', url: url(ids.music) });
    expect(anon.statusCode).toBe(401);
    // Their token, my session: the session is not theirs.
    const cross = await t.app.inject({ method: 'GET', url: url(ids.music), headers: them.auth });
    expect(cross.statusCode).toBe(404);
    expect(cross.json().code).toBe(1002);
    // Their own session, my media id: no such file in it.
    const crossMedia = await t.app.inject({
      method: 'GET',
      url: url(ids.clip, them.session),
      headers: them.auth,
    });
    expect(crossMedia.statusCode).toBe(404);
    expect(crossMedia.json().code).toBe(4004);
    expect(crossMedia.body).not.toContain('ftyp');
  });

  it('answers music as uploaded, byte for byte', async () => {
    const r = await t.app.inject({ method: 'GET', url: url(ids.music), headers: me.auth });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^audio\//);
    expect(r.rawPayload.equals(music)).toBe(true);
  });

  it('answers clips with Range: 206 with Content-Range, 416 past the end', async () => {
    const whole = await t.app.inject({ method: 'GET', url: url(ids.clip), headers: me.auth });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toMatch(/^video\/mp4/);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(clip)).toBe(true);

    const part = await t.app.inject({
      method: 'GET',
      url: url(ids.clip),
      headers: { ...me.auth, range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${clip.length}`);
    expect(part.rawPayload.equals(clip.subarray(100, 200))).toBe(true);

    const past = await t.app.inject({
      method: 'GET',
      url: url(ids.clip),
      headers: { ...me.auth, range: `bytes=${clip.length + 10}-` },
    });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${clip.length}`);
    expect(past.json().code).toBe(416);
  });

  it('answers photos as a JPEG preview: 1280 px long side by default, the asked size, never enlarged', async () => {
    const dims = async (query: string, id = ids.photo) => {
      const r = await t.app.inject({ method: 'GET', url: url(id, me.session, query), headers: me.auth });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^image\/jpeg/);
      const m = await sharp(r.rawPayload).metadata();
      return { w: m.width, h: m.height, format: m.format };
    };
    expect(await dims('')).toEqual({ w: 1280, h: 853, format: 'jpeg' });
    expect(await dims('?size=640')).toEqual({ w: 640, h: 427, format: 'jpeg' });
    // Again: from the cache, the same answer.
    expect(await dims('')).toEqual({ w: 1280, h: 853, format: 'jpeg' });
    expect(await dims('', ids.portrait)).toEqual({ w: 600, h: 900, format: 'jpeg' });

    const odd = await t.app.inject({
      method: 'GET',
      url: url(ids.photo, me.session, '?size=5000'),
      headers: me.auth,
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().message).toMatch(/640, 1280, 1920/);
  });
});
