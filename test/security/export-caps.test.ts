/**
 * Exports over the server's limits, through a real server on 127.0.0.1: the 24-hour 1080p60 drafts, a canvas
 * over 4K, 120 fps, a cost over the maximum, and one token (then all tokens) queueing more renders than allowed.
 * Each answers its 4xx catalog code (never a 5xx) and queues nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, httpToken } from '../helpers/server.ts';
import { attackServer, type AttackServer } from './raw-http.ts';
import { call, slideshow, uploadPhotos } from './render-helpers.ts';

describe('export caps and pending-render limits', () => {
  let s: AttackServer;
  let headers: Record<string, string>;
  let session: string;
  let photos: string[];

  beforeAll(async () => {
    // No worker: every accepted export stays queued, so the limits on pending renders are what is tested.
    s = await attackServer({ maxRendersPerToken: 3, maxRendersTotal: 5 });
    headers = (await httpToken(s.url, 'c0ffee00-0000-4000-8000-0000000ca9e1')).headers;
    session = await httpSession(s.url, headers);
    photos = await uploadPhotos(s.url, headers, session, 2);
  });
  afterAll(async () => {
    await s?.close();
  });

  const post = (id: string, draft: unknown, h = headers, sid = session) =>
    call(s.url, 'POST', '/api/render/proxy/lambda', h, { id, sessionId: sid, draft });

  it('refuses drafts over the length, canvas, frame rate and cost limits with their 4xx codes, queueing nothing', async () => {
    const [a, b] = photos as [string, string];
    const day = 12 * 3600 * 1000;
    const cases: [string, unknown, number, number][] = [
      ['day-long-1080p60', slideshow([a, b], day, 1920, 1080, 60), 422, 4201],
      ['eleven-minutes', slideshow([a, b], 330_000), 422, 4201],
      ['over-4k-wide', slideshow([a, b], 1000, 4320, 2160, 30), 422, 4202],
      ['over-4k-tall', slideshow([a, b], 1000, 2160, 4320, 30), 422, 4202],
      ['square-over-4k-pixels', slideshow([a, b], 1000, 3200, 3200, 30), 422, 4202],
      ['120-fps', slideshow([a, b], 1000, 640, 360, 120), 422, 4203],
      ['4k60-for-5-minutes', slideshow([a, b], 150_000, 3840, 2160, 60), 422, 4204],
    ];
    for (const [id, draft, status, code] of cases) {
      const r = await post(id, draft);
      expect(r.status, `${id}: ${r.body.message}`).toBe(status);
      expect(r.body.code, id).toBe(code);
      expect(r.body.message.length, id).toBeGreaterThan(20);
      const st = await call(s.url, 'GET', `/api/render/proxy/lambda/${id}`, headers);
      expect(st.body.code, `${id} was not queued`).toBe(4200);
    }
    // Within every limit: 4K in either orientation at 30 fps, 1080p60 for 9 minutes.
    expect((await post('ok-4k', slideshow([a, b], 1000, 2160, 3840, 30))).body.code).toBe(0);
    expect((await post('ok-9-minutes', slideshow([a, b], 270_000, 1920, 1080, 60))).body.code).toBe(0);
  });

  it('refuses a token its fourth pending render (429, 4205) and the server its sixth (429, 4206)', async () => {
    const [a] = photos as [string];
    // Two are pending from the test above; one more fits.
    expect((await post('third', slideshow([a], 1000))).body.code).toBe(0);
    const fourth = await post('fourth', slideshow([a], 1000));
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe(4205);
    // Re-posting a pending id is not a new render: it answers the render, not a refusal.
    expect((await post('third', slideshow([a], 1000))).body).toMatchObject({
      code: 0,
      data: { status: 'queued' },
    });
    // A parallel burst of one token cannot pass its limit either.
    const other = (await httpToken(s.url, 'c0ffee00-0000-4000-8000-0000000ca9e2')).headers;
    const otherSession = await httpSession(s.url, other);
    const [mine] = await uploadPhotos(s.url, other, otherSession, 1);
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post(`burst-${i}`, slideshow([mine as string], 1000), other, otherSession),
      ),
    );
    const codes = burst.map((r) => r.body.code).sort((x, y) => x - y);
    // The server holds 5 at most: 3 of the first token, so 2 of the second; the rest are refused, none with a 5xx.
    expect(codes.filter((c) => c === 0)).toHaveLength(2);
    expect(codes.every((c) => c === 0 || c === 4206 || c === 4205)).toBe(true);
    expect(burst.every((r) => r.status < 500)).toBe(true);
    const full = await post('sixth', slideshow([mine as string], 1000), other, otherSession);
    expect(full.status).toBe(429);
    expect(full.body.code).toBe(4206);
    // Cancelling a pending render frees its place.
    expect((await call(s.url, 'DELETE', '/api/render/proxy/lambda/third', headers)).body.data).toMatchObject({
      status: 'failed',
      error: { code: 5002 },
    });
    expect((await post('after-cancel', slideshow([a], 1000))).body.code).toBe(0);
  });
});
