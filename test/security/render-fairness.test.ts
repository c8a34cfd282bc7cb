/**
 * One token queues long exports; another token's 2-photo export must not wait behind them. And the owner can
 * cancel: a rendering export has its ffmpeg stopped and its partial files removed, a queued one never starts,
 * both then read `failed` with 5002; another token's DELETE answers 4200 as for status. A real server on
 * 127.0.0.1 renders with one worker slot, as a small self-hosted server does.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIdOf } from '../../src/service/exports.ts';
import { sha256Hex } from '../../src/service/ids.ts';
import { skipWithoutRedis, startRedis, type RunningRedis } from '../helpers/redis.ts';
import { httpSession, httpToken, waitFor } from '../helpers/server.ts';
import { attackServer, type AttackServer } from './raw-http.ts';
import { call, filesNaming, processesNaming, sleep, slideshow, uploadPhotos } from './render-helpers.ts';

const backends = [
  { queue: 'embedded', skip: false },
  { queue: 'redis', skip: skipWithoutRedis() },
] as const;

describe.each(backends)('render fairness and cancel ($queue queue)', ({ queue, skip }) => {
  let redis: RunningRedis | undefined;
  let s: AttackServer;
  let hog: { token: string; headers: Record<string, string> };
  let hogSession: string;
  let hogPhotos: string[];
  let small: { token: string; headers: Record<string, string> };
  let smallSession: string;
  let smallPhotos: string[];

  beforeAll(async () => {
    if (skip) return;
    redis = queue === 'redis' ? await startRedis() : undefined;
    s = await attackServer({
      serveWorker: true,
      renderConcurrency: 1,
      ...(redis ? { redisUrl: redis.url } : {}),
    });
    hog = await httpToken(s.url, 'c0ffee00-0000-4000-8000-00000000f001');
    hogSession = await httpSession(s.url, hog.headers);
    hogPhotos = await uploadPhotos(s.url, hog.headers, hogSession, 3);
    small = await httpToken(s.url, 'c0ffee00-0000-4000-8000-00000000f002');
    smallSession = await httpSession(s.url, small.headers);
    smallPhotos = await uploadPhotos(s.url, small.headers, smallSession, 2);
  });
  afterAll(async () => {
    await s?.close();
    await redis?.stop();
  });

  const status = (id: string, h: Record<string, string>) =>
    call(s.url, 'GET', `/api/render/proxy/lambda/${id}`, h).then(
      (r) => r.body.data as Record<string, unknown>,
    );

  it.skipIf(skip)(
    "another token's 2-photo export runs before the hog's queued long exports, and cancels stop renders",
    async () => {
      // Three long exports (3 minutes of 640x360 each) from one token.
      const long = slideshow(hogPhotos, 60_000, 640, 360, 30);
      for (const id of ['long-1', 'long-2', 'long-3']) {
        const r = await call(s.url, 'POST', '/api/render/proxy/lambda', hog.headers, {
          id,
          sessionId: hogSession,
          draft: long,
        });
        expect(r.body.code, r.body.message).toBe(0);
      }
      // long-1 is rendering, its ffmpeg running.
      const job1 = jobIdOf(sha256Hex(hog.token), 'long-1');
      await waitFor(async () => ((await processesNaming(job1)).length > 0 ? true : undefined), 30_000, 50);
      expect((await status('long-1', hog.headers)).status).toBe('rendering');

      // The other token's short export arrives after them.
      const short = await call(s.url, 'POST', '/api/render/proxy/lambda', small.headers, {
        id: 'short',
        sessionId: smallSession,
        draft: slideshow(smallPhotos, 1000),
      });
      expect(short.body.code).toBe(0);

      // Nobody else can cancel the hog's render: 4200, as for its status.
      const foreign = await call(s.url, 'DELETE', '/api/render/proxy/lambda/long-1', small.headers);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe(4200);
      expect((await status('long-1', hog.headers)).status).toBe('rendering');

      // The owner cancels the running render: it reads cancelled at once; ffmpeg and the partial file go.
      const t0 = Date.now();
      const cancelled = await call(s.url, 'DELETE', '/api/render/proxy/lambda/long-1', hog.headers);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data).toMatchObject({
        id: 'long-1',
        status: 'failed',
        output: { url: null },
        error: { code: 5002 },
      });
      await waitFor(
        async () =>
          (await processesNaming(job1)).length === 0 &&
          (await filesNaming(path.join(s.dataDir, 'renders'), job1)).length === 0
            ? true
            : undefined,
        8_000,
        50,
      );
      // ffmpeg gets SIGTERM, then SIGKILL after the renderer's 2 s grace.
      const stoppedMs = Date.now() - t0;
      expect(stoppedMs).toBeLessThan(5_000);

      // Next comes the short export, not the hog's second: it completes while long-2 still waits.
      const longBeforeShort: string[] = [];
      const done = await waitFor(
        async () => {
          // long-2 read first: rendering then, while short has not finished after, means it went first.
          const l2 = await status('long-2', hog.headers);
          const st = await status('short', small.headers);
          if (st.status === 'completed' || st.status === 'failed') return st;
          if (l2.status !== 'queued') longBeforeShort.push(String(l2.status));
          return undefined;
        },
        60_000,
        50,
      );
      expect(done.status).toBe('completed');
      expect(longBeforeShort).toEqual([]);
      expect((await status('long-2', hog.headers)).status).not.toBe('completed');
      expect((await status('long-1', hog.headers)).error).toMatchObject({ code: 5002 });

      // A queued render cancelled never starts; the hog's remaining one is cancelled while it renders.
      expect(
        (await call(s.url, 'DELETE', '/api/render/proxy/lambda/long-3', hog.headers)).body.data,
      ).toMatchObject({
        status: 'failed',
        error: { code: 5002 },
      });
      await waitFor(async () =>
        (await status('long-2', hog.headers)).status === 'rendering' ? true : undefined,
      );
      await call(s.url, 'DELETE', '/api/render/proxy/lambda/long-2', hog.headers);
      const job2 = jobIdOf(sha256Hex(hog.token), 'long-2');
      const job3 = jobIdOf(sha256Hex(hog.token), 'long-3');
      await waitFor(async () => ((await processesNaming(job2)).length === 0 ? true : undefined), 5_000, 50);
      await sleep(500);
      expect(await filesNaming(path.join(s.dataDir, 'renders'), job2)).toEqual([]);
      expect(await filesNaming(path.join(s.dataDir, 'renders'), job3)).toEqual([]);
      expect((await status('long-3', hog.headers)).status).toBe('failed');
      // Cancelling a finished render leaves it as it is.
      expect(
        (await call(s.url, 'DELETE', '/api/render/proxy/lambda/short', small.headers)).body.data,
      ).toMatchObject({
        status: 'completed',
      });
    },
    120_000,
  );
});
