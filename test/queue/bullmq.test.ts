import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/queue/bullmq-queue.ts';
import { createQueue, embeddedQueuePath } from '../../src/queue/create-queue.ts';
import type { RenderJobPayload } from '../../src/queue/types.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { skipWithoutRedis, startRedis, type RunningRedis } from '../helpers/redis.ts';
import { runQueueConformance } from './conformance.ts';

const skip = skipWithoutRedis();

describe.skipIf(skip)('BullMQ on a real redis-server', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  runQueueConformance('BullMQ (Redis)', async () => {
    const prefix = `t-${randomUUID().slice(0, 8)}`;
    return {
      spec: { kind: 'bullmq', connection: redis.url, prefix, lockDurationMs: 1000 },
      async cleanup() {
        const client = new Redis(redis.url);
        try {
          const keys = await client.keys(`${prefix}:*`);
          if (keys.length > 0) await client.del(...keys);
        } finally {
          client.disconnect();
        }
      },
    };
  });
});

describe.skipIf(skip)('createQueue with a Redis URL', () => {
  it('uses BullMQ on that Redis and writes no queue file in the data folder', async () => {
    const redis = await startRedis();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-cq-'));
    const queue = createQueue({ redisUrl: redis.url, dataDir });
    try {
      const payload: RenderJobPayload = {
        draft: slideshowDraft([{ id: 'p', kind: 'image' }], { seconds: 1 }),
        assets: {},
        output: 'renders/r.mp4',
      };
      expect((await queue.add('via-redis', payload)).status).toBe('queued');
      const client = new Redis(redis.url);
      expect(await client.exists('photoreel:render:via-redis')).toBe(1);
      client.disconnect();
      expect(existsSync(embeddedQueuePath(dataDir))).toBe(false);
    } finally {
      await queue.close();
      await redis.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('BullMQ queue when Redis is down', () => {
  it('add and get reject with QUEUE_UNAVAILABLE instead of hanging', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const queue = createBullmqQueue({ connection: `redis://127.0.0.1:${port}`, onError: () => {} });
    try {
      await expect(queue.get('x')).rejects.toMatchObject({ key: 'QUEUE_UNAVAILABLE', code: 5005 });
      const payload: RenderJobPayload = {
        draft: slideshowDraft([{ id: 'p', kind: 'image' }], { seconds: 1 }),
        assets: {},
        output: 'renders/r.mp4',
      };
      await expect(queue.add('x', payload)).rejects.toMatchObject({ key: 'QUEUE_UNAVAILABLE' });
    } finally {
      await queue.close().catch(() => {});
    }
  }, 30_000);
});
