/**
 * Queue overhead, measured once: `npx tsx test/queue/throughput.ts [jobs]`.
 * Adds N jobs, then drains them with a no-op handler (concurrency 4) on each backend,
 * so the numbers are the queue's own cost per job, not rendering. Needs redis-server for BullMQ.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { hasRedisServer, startRedis } from '../helpers/redis.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import type { RenderJobPayload, RenderQueue } from '../../src/queue/types.ts';
import { openFromSpec, type QueueSpec } from './open-spec.ts';

const jobs = Number(process.argv[2] ?? 500);
const payload: RenderJobPayload = {
  draft: slideshowDraft(
    Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, kind: 'image' as const })),
    { seconds: 2 },
  ),
  assets: {},
  output: 'renders/bench.mp4',
};

async function measure(name: string, spec: QueueSpec): Promise<void> {
  const q: RenderQueue = openFromSpec(spec);
  const ids = Array.from({ length: jobs }, (_, i) => `b${i}`);
  const t0 = performance.now();
  for (const id of ids) await q.add(id, payload);
  const t1 = performance.now();
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    q.process(
      async () => {
        if (++done === jobs) resolve();
      },
      { concurrency: 4 },
    );
  });
  await finished;
  // The last handler resolved; wait until its job is marked completed.
  while ((await q.get(ids[ids.length - 1] as string))?.status !== 'completed')
    await new Promise((r) => setTimeout(r, 5));
  const t2 = performance.now();
  await q.close();
  const add = (t1 - t0) / jobs;
  const drain = (t2 - t1) / jobs;
  console.log(
    `${name.padEnd(9)} ${jobs} jobs: add ${add.toFixed(2)} ms/job, drain ${drain.toFixed(2)} ms/job (${Math.round(1000 / drain)} jobs/s)`,
  );
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-qbench-'));
try {
  await measure('embedded', { kind: 'embedded', dbPath: path.join(dir, 'queue.db'), leaseMs: 30_000 });
  if (hasRedisServer()) {
    const redis = await startRedis();
    try {
      await measure('bullmq', {
        kind: 'bullmq',
        connection: redis.url,
        prefix: `bench-${randomUUID().slice(0, 6)}`,
        lockDurationMs: 30_000,
      });
    } finally {
      await redis.stop();
    }
  } else {
    console.log('bullmq    skipped: redis-server is not installed');
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
