/**
 * One conformance suite for every RenderQueue backend (embedded SQLite, BullMQ on Redis):
 * the HTTP service and the CLI rely on exactly these behaviours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PhotoreelError } from '../../src/errors.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import type {
  JobContext,
  JobState,
  RenderJobPayload,
  RenderQueue,
  WorkerHandle,
} from '../../src/queue/types.ts';
import { openFromSpec, type QueueSpec } from './open-spec.ts';

export interface QueueBackend {
  /** How to open this backend; every open is a new instance over the same shared state. */
  spec: QueueSpec;
  /** Removes what the backend left behind (temp files, Redis keys). */
  cleanup(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function payload(n: number): RenderJobPayload {
  return {
    draft: slideshowDraft([{ id: `photo-${n}`, kind: 'image' }], { preset: 'youtube', seconds: 1 }),
    assets: {},
    output: `renders/job-${n}.mp4`,
    sessionId: `session-${n}`,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

async function waitForStatus(queue: RenderQueue, id: string, status: JobState['status']): Promise<JobState> {
  return await waitFor(`${id} to be ${status}`, async () => {
    const state = await queue.get(id);
    return state?.status === status ? state : undefined;
  });
}

/** A promise and the function that resolves it. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** Resolves when the signal aborts (or at once if it already has). */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((r) => signal.addEventListener('abort', () => r(), { once: true }));
}

export function runQueueConformance(name: string, makeBackend: () => Promise<QueueBackend>): void {
  describe(`RenderQueue conformance: ${name}`, () => {
    let backend: QueueBackend | undefined;
    const queues: RenderQueue[] = [];
    const handles: WorkerHandle[] = [];
    const children: ChildProcess[] = [];

    async function setup(): Promise<QueueBackend> {
      backend = await makeBackend();
      return backend;
    }
    function open(b: QueueBackend): RenderQueue {
      const q = openFromSpec(b.spec);
      queues.push(q);
      return q;
    }
    function work(
      q: RenderQueue,
      handler: (id: string, p: RenderJobPayload, ctx: JobContext) => Promise<void>,
      concurrency = 1,
    ): WorkerHandle {
      const h = q.process(handler, { concurrency });
      handles.push(h);
      return h;
    }

    afterEach(async () => {
      for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await Promise.all(handles.splice(0).map((h) => h.close({ requeue: true })));
      await Promise.all(queues.splice(0).map((q) => q.close()));
      await backend?.cleanup();
      backend = undefined;
    });

    it('adds a job as queued and reads it back; an unknown id is undefined', async () => {
      const q = open(await setup());
      const added = await q.add('job-1', payload(1));
      expect(added).toMatchObject({ id: 'job-1', status: 'queued', progress: 0, attempts: 0 });
      expect(added.error).toBeUndefined();
      expect(Number.isNaN(Date.parse(added.createdAt))).toBe(false);
      expect(Number.isNaN(Date.parse(added.updatedAt))).toBe(false);
      expect(await q.get('job-1')).toMatchObject({ id: 'job-1', status: 'queued' });
      expect(await q.get('no-such-job')).toBeUndefined();
    });

    it('adding the same id twice keeps one job, with its first payload, handled once', async () => {
      const q = open(await setup());
      const [a, b] = await Promise.all([q.add('dup', payload(1)), q.add('dup', payload(2))]);
      expect(a.id).toBe('dup');
      expect(b.id).toBe('dup');
      const calls: RenderJobPayload[] = [];
      work(q, async (_id, p) => {
        calls.push(p);
      });
      await waitForStatus(q, 'dup', 'completed');
      const again = await q.add('dup', payload(3));
      expect(again.status).toBe('completed');
      await sleep(300);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.output === payload(1).output || calls[0]?.output === payload(2).output).toBe(true);
    });

    it('a handler that resolves leaves the job completed with progress 1, handed the payload it was added with', async () => {
      const q = open(await setup());
      await q.add('ok', payload(7));
      let seen: RenderJobPayload | undefined;
      work(q, async (_id, p, ctx) => {
        seen = p;
        ctx.progress(0.5);
      });
      const done = await waitForStatus(q, 'ok', 'completed');
      expect(done.progress).toBe(1);
      expect(done.attempts).toBe(1);
      expect(done.error).toBeUndefined();
      expect(seen).toEqual(payload(7));
    });

    it('a handler that throws fails the job with its catalog code; other errors become RENDER_FAILED; no retry', async () => {
      const q = open(await setup());
      await q.add('bad-file', payload(1));
      await q.add('crashy', payload(2));
      const calls: string[] = [];
      work(q, async (id) => {
        calls.push(id);
        if (id === 'bad-file')
          throw new PhotoreelError('FILE_DAMAGED', 'Photo 2 is truncated: export it again.');
        throw new TypeError('boom');
      });
      const damaged = await waitForStatus(q, 'bad-file', 'failed');
      expect(damaged.error).toEqual({ code: 4003, message: 'Photo 2 is truncated: export it again.' });
      const crashed = await waitForStatus(q, 'crashy', 'failed');
      expect(crashed.error?.code).toBe(5001);
      expect(crashed.error?.message).toContain('boom');
      await sleep(400);
      expect(calls.sort()).toEqual(['bad-file', 'crashy']);
    });

    it('progress reported by a running handler is visible to readers', async () => {
      const b = await setup();
      const q = open(b);
      const reader = open(b);
      await q.add('slow', payload(1));
      const release = gate();
      work(q, async (_id, _p, ctx) => {
        ctx.progress(0.1);
        ctx.progress(0.4);
        await release.promise;
      });
      const mid = await waitFor('progress 0.4 while rendering', async () => {
        const s = await reader.get('slow');
        return s?.status === 'rendering' && Math.abs(s.progress - 0.4) < 1e-9 ? s : undefined;
      });
      expect(mid.attempts).toBe(1);
      release.open();
      expect((await waitForStatus(reader, 'slow', 'completed')).progress).toBe(1);
    });

    it('never runs more than `concurrency` handlers at once in one worker', async () => {
      const q = open(await setup());
      const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
      for (const [i, id] of ids.entries()) await q.add(id, payload(i));
      let active = 0;
      let peak = 0;
      work(
        q,
        async () => {
          active++;
          peak = Math.max(peak, active);
          await sleep(120);
          active--;
        },
        3,
      );
      for (const id of ids) await waitForStatus(q, id, 'completed');
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThan(1);
    });

    it('two workers over the same jobs never handle one job at the same time, and handle each once', async () => {
      const b = await setup();
      const q1 = open(b);
      const q2 = open(b);
      const ids = Array.from({ length: 24 }, (_, i) => `m${i}`);
      for (const [i, id] of ids.entries()) await q1.add(id, payload(i));
      const running = new Set<string>();
      const handled = new Map<string, number>();
      let overlaps = 0;
      const handler = async (id: string): Promise<void> => {
        if (running.has(id)) overlaps++;
        running.add(id);
        handled.set(id, (handled.get(id) ?? 0) + 1);
        await sleep(20);
        running.delete(id);
      };
      work(q1, handler, 2);
      work(q2, handler, 2);
      for (const id of ids) await waitForStatus(q1, id, 'completed');
      expect(overlaps).toBe(0);
      expect([...handled.values()].every((n) => n === 1)).toBe(true);
      expect(handled.size).toBe(ids.length);
    });

    it('a job whose worker process was killed mid-job runs again on another worker and completes once', async () => {
      const b = await setup();
      const q = open(b);
      await q.add('survivor', payload(1));
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'crash-worker.ts'), JSON.stringify(b.spec)],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      let out = '';
      let err = '';
      child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
      await waitFor(
        'the child worker to start the job',
        () =>
          out.includes('started survivor') ||
          (child.exitCode !== null ? Promise.reject(new Error(err)) : false),
        30_000,
      );
      expect((await q.get('survivor'))?.status).toBe('rendering');
      child.kill('SIGKILL');
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
      );

      let runs = 0;
      work(q, async () => {
        runs++;
      });
      const done = await waitForStatus(q, 'survivor', 'completed');
      await sleep(300);
      const why = `state ${JSON.stringify(done)}, child stdout ${JSON.stringify(out)}, stderr ${JSON.stringify(err)}`;
      expect(runs, why).toBe(1);
      expect(done.attempts, why).toBeGreaterThanOrEqual(2);
    });

    it('close({requeue: true}) aborts the running handler and puts its job back in the queue', async () => {
      const b = await setup();
      const q = open(b);
      await q.add('interrupted', payload(1));
      let signalled = false;
      const started = gate();
      const handle = q.process(
        async (_id, _p, ctx) => {
          started.open();
          await aborted(ctx.signal);
          signalled = true;
          throw new PhotoreelError('RENDER_CANCELLED');
        },
        { concurrency: 1 },
      );
      await started.promise;
      await waitForStatus(q, 'interrupted', 'rendering');
      await handle.close({ requeue: true });
      expect(signalled).toBe(true);
      expect((await q.get('interrupted'))?.status).toBe('queued');

      const q2 = open(b);
      let runs = 0;
      work(q2, async () => {
        runs++;
      });
      await waitForStatus(q2, 'interrupted', 'completed');
      expect(runs).toBe(1);
    });

    it('close() without requeue lets the running handler finish', async () => {
      const q = open(await setup());
      await q.add('finish-me', payload(1));
      const started = gate();
      let sawAbort = false;
      const handle = q.process(
        async (_id, _p, ctx) => {
          started.open();
          await sleep(200);
          sawAbort = ctx.signal.aborted;
        },
        { concurrency: 1 },
      );
      await started.promise;
      await handle.close();
      expect(sawAbort).toBe(false);
      expect((await q.get('finish-me'))?.status).toBe('completed');
    });

    it("fair order: each owner's first job runs before anyone's second, then by age", async () => {
      const q = open(await setup());
      // Owner A posts four long jobs, then B and C one short export each, then A a fifth.
      for (const i of [1, 2, 3, 4]) await q.add(`a${i}`, payload(i), { owner: 'A' });
      await q.add('b1', payload(5), { owner: 'B' });
      await q.add('c1', payload(6), { owner: 'C' });
      await q.add('c2', payload(7), { owner: 'C' });
      const order: string[] = [];
      work(q, async (id) => {
        order.push(id);
      });
      for (const id of ['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2']) await waitForStatus(q, id, 'completed');
      expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3', 'a4']);
    });

    it('a short job of another owner runs next, ahead of the queued jobs of an owner whose job is running', async () => {
      const b = await setup();
      const q = open(b);
      const release = gate();
      const order: string[] = [];
      await q.add('long-1', payload(1), { owner: 'A' });
      work(q, async (id) => {
        order.push(id);
        if (id === 'long-1') await release.promise;
      });
      await waitForStatus(q, 'long-1', 'rendering');
      await q.add('long-2', payload(2), { owner: 'A' });
      await q.add('long-3', payload(3), { owner: 'A' });
      await q.add('short', payload(4), { owner: 'B' });
      release.open();
      for (const id of ['long-2', 'long-3', 'short']) await waitForStatus(q, id, 'completed');
      expect(order).toEqual(['long-1', 'short', 'long-2', 'long-3']);
    });

    it('limits pending jobs per owner and in total; an existing id is returned, not refused', async () => {
      const q = open(await setup());
      const limits = { maxPerOwner: 2, maxTotal: 3 };
      await q.add('p1', payload(1), { owner: 'A', ...limits });
      await q.add('p2', payload(2), { owner: 'A', ...limits });
      await expect(q.add('p3', payload(3), { owner: 'A', ...limits })).rejects.toMatchObject({
        key: 'TOO_MANY_RENDERS',
        code: 4205,
        status: 429,
      });
      expect(await q.get('p3')).toBeUndefined();
      expect((await q.add('p2', payload(2), { owner: 'A', ...limits })).status).toBe('queued');
      await q.add('o1', payload(4), { owner: 'B', ...limits });
      await expect(q.add('o2', payload(5), { owner: 'C', ...limits })).rejects.toMatchObject({
        key: 'RENDER_QUEUE_FULL',
        code: 4206,
        status: 429,
      });
      // Parallel adds cannot pass a limit together.
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => q.add(`r${i}`, payload(i), { owner: 'D', maxPerOwner: 2 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      // A cancelled or finished job no longer counts.
      await q.cancel('p1');
      expect((await q.add('p4', payload(6), { owner: 'A', maxPerOwner: 2 })).status).toBe('queued');
      work(q, async () => {});
      for (const id of ['p2', 'p4', 'o1']) await waitForStatus(q, id, 'completed');
      await expect(q.add('p5', payload(7), { owner: 'A', ...limits })).resolves.toMatchObject({ id: 'p5' });
    });

    it('cancel of a queued job: it reads failed with 5002 and never runs; cancel again changes nothing', async () => {
      const b = await setup();
      const q = open(b);
      await q.add('doomed', payload(1), { owner: 'A' });
      await q.add('kept', payload(2), { owner: 'A' });
      const cancelled = await q.cancel('doomed');
      expect(cancelled).toMatchObject({ id: 'doomed', status: 'failed', error: { code: 5002 } });
      expect(await q.get('doomed')).toMatchObject({ status: 'failed', error: { code: 5002 } });
      expect(await q.cancel('no-such-job')).toBeUndefined();
      const ran: string[] = [];
      work(q, async (id) => {
        ran.push(id);
      });
      await waitForStatus(q, 'kept', 'completed');
      await sleep(200);
      expect(ran).toEqual(['kept']);
      expect(await open(b).get('doomed')).toMatchObject({ status: 'failed', error: { code: 5002 } });
      expect((await q.add('doomed', payload(1))).status).toBe('failed');
      expect((await q.cancel('kept'))?.status).toBe('completed');
    });

    it('cancel of a running job from another instance aborts its handler at once and writes nothing more', async () => {
      const b = await setup();
      const q = open(b);
      const other = open(b);
      await q.add('running', payload(1));
      const started = gate();
      let abortedAt = 0;
      let reason: unknown;
      work(q, async (_id, _p, ctx) => {
        started.open();
        ctx.progress(0.3);
        await aborted(ctx.signal);
        abortedAt = Date.now();
        reason = ctx.signal.reason;
        throw ctx.signal.reason;
      });
      await started.promise;
      await waitForStatus(q, 'running', 'rendering');
      const t0 = Date.now();
      expect(await other.cancel('running')).toMatchObject({ status: 'failed', error: { code: 5002 } });
      await waitFor('the handler to see the abort', () => abortedAt > 0, 5_000);
      expect(abortedAt - t0).toBeLessThan(2_000);
      expect(reason).toMatchObject({ key: 'RENDER_CANCELLED' });
      await sleep(300);
      const end = await q.get('running');
      expect(end).toMatchObject({ status: 'failed', error: { code: 5002 } });
      expect(end?.attempts).toBe(1);
    });

    it('ping resolves while the backend answers', async () => {
      const q = open(await setup());
      await expect(q.ping()).resolves.toBeUndefined();
    });

    it('state survives reopening the queue, and queued jobs run on the reopened one', async () => {
      const b = await setup();
      const first = open(b);
      await first.add('done', payload(1));
      await first.add('broken', payload(2));
      const h = first.process(
        async (id) => {
          if (id === 'broken')
            throw new PhotoreelError('MEDIA_NOT_FOUND', 'Photo 1 is missing: upload it again.');
        },
        { concurrency: 1 },
      );
      await waitForStatus(first, 'done', 'completed');
      await waitForStatus(first, 'broken', 'failed');
      await h.close();
      await first.add('later', payload(3));
      await first.close();

      const second = open(b);
      expect(await second.get('done')).toMatchObject({ status: 'completed', progress: 1, attempts: 1 });
      expect(await second.get('broken')).toMatchObject({
        status: 'failed',
        error: { code: 4004, message: 'Photo 1 is missing: upload it again.' },
      });
      expect(await second.get('later')).toMatchObject({ status: 'queued' });
      const ran: string[] = [];
      work(second, async (id) => {
        ran.push(id);
      });
      await waitForStatus(second, 'later', 'completed');
      expect(ran).toEqual(['later']);
    });
  });
}
