/**
 * A frozen Redis (SIGSTOP: the connection stays open, nothing answers) must not hang the queue's callers:
 * add, get, cancel and ping answer QUEUE_UNAVAILABLE (5005) within the timeout, and work again after SIGCONT.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/queue/bullmq-queue.ts';
import type { RenderJobPayload, RenderQueue } from '../../src/queue/types.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { skipWithoutRedis, startRedis, type RunningRedis } from '../helpers/redis.ts';

const payload: RenderJobPayload = {
  draft: slideshowDraft([{ id: 'p', kind: 'image' }], { seconds: 1 }),
  assets: {},
  output: 'renders/r.mp4',
};

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const t0 = Date.now();
  try {
    await run();
    return { ms: Date.now() - t0, error: undefined };
  } catch (error) {
    return { ms: Date.now() - t0, error };
  }
}

describe.skipIf(skipWithoutRedis())('BullMQ queue while Redis is frozen (SIGSTOP)', () => {
  let redis: RunningRedis;
  let queue: RenderQueue;
  beforeAll(async () => {
    redis = await startRedis();
    queue = createBullmqQueue({
      connection: redis.url,
      prefix: `f-${randomUUID().slice(0, 8)}`,
      timeoutMs: 1000,
      onError: () => {},
    });
    await queue.add('before', payload, { owner: 'A' });
  });
  afterAll(async () => {
    process.kill(redis.pid, 'SIGCONT');
    await queue?.close().catch(() => {});
    await redis?.stop();
  });

  it('add, get, cancel and ping answer 5005 in under 2 s, then work again after SIGCONT', async () => {
    process.kill(redis.pid, 'SIGSTOP');
    try {
      const calls: [string, () => Promise<unknown>][] = [
        ['get', () => queue.get('before')],
        ['add', () => queue.add('during', payload, { owner: 'A', maxPerOwner: 3, maxTotal: 10 })],
        ['cancel', () => queue.cancel('before')],
        ['ping', () => queue.ping()],
      ];
      const results = await Promise.all(calls.map(async ([name, run]) => [name, await timed(run)] as const));
      for (const [name, r] of results) {
        expect(r.error, name).toMatchObject({ key: 'QUEUE_UNAVAILABLE', code: 5005, status: 503 });
        expect(r.ms, name).toBeLessThan(2000);
      }
      // Calls after the first timeouts answer as quickly.
      const again = await timed(() => queue.get('before'));
      expect(again.error).toMatchObject({ code: 5005 });
      expect(again.ms).toBeLessThan(2000);
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    await expect(queue.ping()).resolves.toBeUndefined();
    expect((await queue.get('before'))?.status).toMatch(/queued|failed/);
    expect((await queue.add('after', payload, { owner: 'B' })).status).toBe('queued');
  }, 30_000);
});
