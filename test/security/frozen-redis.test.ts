/**
 * Redis frozen (SIGSTOP of a real redis-server: connections stay open, nothing answers) behind a real server on
 * 127.0.0.1: export, render status, cancel and the session state answer 5005 (503) in under 2 s instead of hanging,
 * /healthz answers 503 naming the queue, other routes are unaffected, and all works again after SIGCONT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, httpToken } from '../helpers/server.ts';
import { skipWithoutRedis, startRedis, type RunningRedis } from '../helpers/redis.ts';
import { attackServer, type AttackServer } from './raw-http.ts';
import { call, slideshow, uploadPhotos } from './render-helpers.ts';

describe.skipIf(skipWithoutRedis())('a frozen Redis', () => {
  let redis: RunningRedis;
  let s: AttackServer;
  let headers: Record<string, string>;
  let session: string;
  let photos: string[];

  beforeAll(async () => {
    redis = await startRedis();
    s = await attackServer({ redisUrl: redis.url, queueTimeoutMs: 1000 });
    headers = (await httpToken(s.url, 'c0ffee00-0000-4000-8000-0000000f0ee1')).headers;
    session = await httpSession(s.url, headers);
    photos = await uploadPhotos(s.url, headers, session, 2);
  });
  afterAll(async () => {
    if (redis) process.kill(redis.pid, 'SIGCONT');
    await s?.close();
    await redis?.stop();
  });

  const exportBody = (id: string) => ({ id, sessionId: session, draft: slideshow(photos, 1000) });

  it('answers 5005 quickly while Redis is frozen, and works again after SIGCONT', async () => {
    const first = await call(s.url, 'POST', '/api/render/proxy/lambda', headers, exportBody('before'));
    expect(first.body.code, first.body.message).toBe(0);
    const healthy = await call(s.url, 'GET', '/healthz', {});
    expect(healthy.status).toBe(200);
    expect(healthy.body.data).toMatchObject({ queue: 'redis', checks: { queue: 'ok' } });

    process.kill(redis.pid, 'SIGSTOP');
    try {
      const answers = await Promise.all([
        call(s.url, 'POST', '/api/render/proxy/lambda', headers, exportBody('during')),
        call(s.url, 'GET', '/api/render/proxy/lambda/before', headers),
        call(s.url, 'DELETE', '/api/render/proxy/lambda/before', headers),
        call(s.url, 'GET', `/api/state/nemo_agent/me/${session}/latest`, headers),
      ]);
      for (const a of answers) {
        expect(a.status, a.body.message).toBe(503);
        expect(a.body.code).toBe(5005);
        expect(a.ms).toBeLessThan(2000);
      }
      const health = await call(s.url, 'GET', '/healthz', {});
      expect(health.status).toBe(503);
      expect(health.body.code).toBe(5006);
      expect(health.ms).toBeLessThan(2000);
      expect(health.body.data).toMatchObject({ checks: { database: 'ok', dataDir: 'ok' } });
      expect(String((health.body.data?.checks as { queue: string }).queue)).toMatch(/^unreachable/);
      expect(health.body.message).toMatch(/queue/);
      // What does not need the queue still answers.
      const credits = await call(s.url, 'GET', '/api/credits/balance/simple', headers);
      expect(credits.status).toBe(200);
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    expect((await call(s.url, 'GET', '/healthz', {})).status).toBe(200);
    const st = await call(s.url, 'GET', '/api/render/proxy/lambda/before', headers);
    expect(st.body.code).toBe(0);
    expect(
      (await call(s.url, 'POST', '/api/render/proxy/lambda', headers, exportBody('after'))).body.code,
    ).toBe(0);
  }, 60_000);
});
