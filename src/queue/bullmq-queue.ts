/**
 * The render queue on Redis through BullMQ: for several machines sharing one data folder.
 *
 * The job id is the BullMQ jobId, so adding an id twice keeps the first job. A worker that dies
 * mid-job loses its lock; BullMQ's stalled-job check puts the job back and another worker runs it.
 * Handler failures are stored as `{code, message}` JSON in failedReason and are not retried.
 *
 * Fair scheduling: a job's BullMQ priority is its rank, 1 + its owner's jobs queued or rendering when it was
 * added (kept in the `pending` hash, checked against the limits and reserved by one Lua script), so BullMQ
 * (lowest priority first, FIFO within one priority) runs each owner's first job before anyone's second, like
 * the embedded queue's `ORDER BY rank, seq`. Cancels are marks in the `cancelled` hash: a queued job is removed
 * from BullMQ, a running one is stopped by the worker that polls the mark.
 */
import { Queue, Worker, WaitingError, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { PhotoreelError } from '../errors.ts';
import { CANCELLED_MESSAGE, cancelledError, guardQueue, toJobError, type JobError } from './job-error.ts';
import { clampFraction, createProgressThrottle } from './progress-throttle.ts';
import type {
  AddOptions,
  JobHandler,
  JobState,
  JobStatus,
  RenderJobPayload,
  RenderQueue,
  WorkerHandle,
} from './types.ts';

export interface BullmqQueueOptions {
  /** Redis URL, e.g. redis://127.0.0.1:6379. */
  connection: string;
  /** Key prefix in Redis (default `photoreel`). */
  prefix?: string;
  /** BullMQ queue name (default `render`). */
  name?: string;
  /** How long a worker's claim on a job lasts without renewal, in ms (default 30 000). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died, in ms (default: lockDurationMs). */
  stalledIntervalMs?: number;
  /** How many times a job whose worker died runs again before it fails (default 2). */
  maxStalledCount?: number;
  /** Least time between two progress writes of one job, in ms (default 250). */
  progressMs?: number;
  /** How long add, get, cancel and ping wait for Redis before they answer QUEUE_UNAVAILABLE, in ms (default 1 500). */
  timeoutMs?: number;
  /** How often a worker checks whether its running jobs were cancelled, in ms (default 500). */
  cancelPollMs?: number;
  /** Receives errors the queue cannot hand to a caller (lost connections, lock renewals). */
  onError?: (err: unknown) => void;
}

type RenderJob = Job<RenderJobPayload, void, string>;

const JOB_NAME = 'render';

function defaultOnError(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : new Error(String(err)), { code: 'PHOTOREEL_QUEUE' });
}

function mapStatus(state: string): JobStatus | undefined {
  switch (state) {
    case 'waiting':
    case 'wait':
    case 'delayed':
    case 'prioritized':
    case 'paused':
    case 'waiting-children':
      return 'queued';
    case 'active':
      return 'rendering';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    default:
      return undefined;
  }
}

/** failedReason holds `{code, message}` JSON written by this module; anything else (a stall) is RENDER_FAILED. */
function parseFailure(reason: string | undefined): JobError {
  if (reason) {
    try {
      const parsed = JSON.parse(reason) as Partial<JobError>;
      if (typeof parsed.code === 'number' && typeof parsed.message === 'string') {
        return { code: parsed.code, message: parsed.message };
      }
    } catch {
      // not ours: fall through
    }
  }
  return toJobError(new Error(reason || 'the worker stopped'));
}

/**
 * Reserves a place in the `pending` hash (jobId → "rank|ms|owner") within the limits, atomically.
 * Returns the rank (an existing reservation's own), -1 over the owner's limit, -2 over the total.
 */
const RESERVE = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then return tonumber(string.match(v, '^(%d+)|')) end
local all = redis.call('HVALS', KEYS[1])
local maxTotal = tonumber(ARGV[4])
if maxTotal >= 0 and #all >= maxTotal then return -2 end
local n = 0
for _, x in ipairs(all) do
  if string.match(x, '^%d+|%d+|(.*)$') == ARGV[2] then n = n + 1 end
end
local maxOwner = tonumber(ARGV[3])
if maxOwner >= 0 and n >= maxOwner then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], (n + 1) .. '|' .. ARGV[5] .. '|' .. ARGV[2])
return n + 1
`;

/** A reservation younger than this is never pruned (its job may be on its way into BullMQ). */
const RESERVATION_GRACE_MS = 10_000;

function iso(ms: number | undefined): string {
  return new Date(ms && Number.isFinite(ms) ? ms : Date.now()).toISOString();
}

/**
 * Reads the job's state first and its hash second: BullMQ moves a job and writes its fields in one
 * script, so fields read after the state are at least as new (a completed job always has its
 * failedReason, attempts and finish time). The other order can pair "failed" with a hash from before.
 */
async function readState(
  queue: Queue<RenderJobPayload, void, string>,
  id: string,
): Promise<JobState | undefined> {
  const status = mapStatus(await queue.getJobState(id));
  if (!status) return undefined;
  const job = (await queue.getJob(id)) as RenderJob | undefined;
  if (!job) return undefined;
  const progress =
    status === 'completed' ? 1 : typeof job.progress === 'number' ? clampFraction(job.progress) : 0;
  const updated = Math.max(job.timestamp ?? 0, job.processedOn ?? 0, job.finishedOn ?? 0);
  return {
    id,
    status,
    progress: status === 'queued' ? 0 : progress,
    ...(status === 'failed' ? { error: parseFailure(job.failedReason) } : {}),
    // Starts: BullMQ counts them in attemptsStarted; a stalled restart also shows in stalledCounter.
    attempts: Math.max(job.attemptsStarted ?? 0, (job.attemptsMade ?? 0) + (job.stalledCounter ?? 0)),
    createdAt: iso(job.timestamp),
    updatedAt: iso(updated),
  };
}

export function createBullmqQueue(options: BullmqQueueOptions): RenderQueue {
  const prefix = options.prefix ?? 'photoreel';
  const name = options.name ?? JOB_NAME;
  const lockDuration = options.lockDurationMs ?? 30_000;
  const stalledInterval = options.stalledIntervalMs ?? lockDuration;
  const progressMs = options.progressMs ?? 250;
  const onError = options.onError ?? defaultOnError;
  const timeoutMs = options.timeoutMs ?? 1500;
  const cancelPollMs = options.cancelPollMs ?? 500;
  const pendingKey = `${prefix}:${name}:photoreel-pending`;
  const cancelledKey = `${prefix}:${name}:photoreel-cancelled`;
  // Workers block on Redis and must retry forever; the queue itself fails fast so add/get answer when Redis is down.
  const connection = { url: options.connection, maxRetriesPerRequest: null };

  const queue = new Queue<RenderJobPayload, void, string>(name, {
    // No commandTimeout here: BullMQ keeps its connection's first INFO, and one timed out under load would
    // leave the queue failing for good. `guard` bounds every call instead.
    connection: { url: options.connection, maxRetriesPerRequest: 3 },
    prefix,
    skipWaitingForReady: true,
  });
  queue.on('error', onError);
  /** Our own keys (pending reservations, cancel marks): a plain client whose commands time out. */
  const marks = new Redis(options.connection, {
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1000),
    lazyConnect: false,
  });
  marks.on('error', onError);
  const workers = new Set<{
    cancelled(id: string): void;
    close(o?: { requeue?: boolean }): Promise<void>;
  }>();
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new PhotoreelError('BAD_REQUEST', 'The render queue is closed: open it again.');
  }

  const guard = <T>(run: () => Promise<T>): Promise<T> => guardQueue('Redis', run, timeoutMs);

  /** A job's state with its cancel mark applied: a cancelled job reads failed (5002) from the moment of cancel. */
  async function stateOf(id: string): Promise<JobState | undefined> {
    const state = await readState(queue, id);
    if (state && (state.status === 'completed' || state.status === 'failed')) return state;
    const mark = await marks.hget(cancelledKey, id);
    if (!mark) return state;
    let at = Date.now();
    let created = at;
    try {
      const m = JSON.parse(mark) as { at?: number; createdAt?: number };
      at = m.at ?? at;
      created = m.createdAt ?? at;
    } catch {
      // an old or foreign mark: now will do
    }
    return {
      id,
      status: 'failed',
      progress: 0,
      error: cancelledError(),
      attempts: state?.attempts ?? 0,
      createdAt: state?.createdAt ?? iso(created),
      updatedAt: iso(at),
    };
  }

  const release = (id: string): Promise<unknown> => marks.hdel(pendingKey, id).catch(onError);

  /** Drops reservations whose job ended without its worker releasing it (a stall that failed it, a crash). */
  async function prunePending(): Promise<void> {
    const all = await marks.hgetall(pendingKey);
    const now = Date.now();
    for (const [id, v] of Object.entries(all)) {
      const ms = Number(/^\d+\|(\d+)\|/.exec(v)?.[1] ?? 0);
      if (now - ms < RESERVATION_GRACE_MS) continue;
      const state = mapStatus(await queue.getJobState(id));
      if (state !== 'queued' && state !== 'rendering') await marks.hdel(pendingKey, id);
    }
  }

  async function reserve(id: string, opts: AddOptions): Promise<number> {
    const args = [
      id,
      opts.owner ?? '',
      String(opts.maxPerOwner ?? -1),
      String(opts.maxTotal ?? -1),
      String(Date.now()),
    ];
    let rank = Number(await marks.eval(RESERVE, 1, pendingKey, ...args));
    if (rank < 0) {
      await prunePending();
      rank = Number(await marks.eval(RESERVE, 1, pendingKey, ...args));
    }
    if (rank === -2) throw new PhotoreelError('RENDER_QUEUE_FULL', undefined, { max: opts.maxTotal });
    if (rank === -1) throw new PhotoreelError('TOO_MANY_RENDERS', undefined, { max: opts.maxPerOwner });
    return rank;
  }

  const read = (id: string): Promise<JobState | undefined> => guard(() => stateOf(id));

  function processJobs(handler: JobHandler, { concurrency }: { concurrency: number }): WorkerHandle {
    assertOpen();
    let requeueing = false;
    /** Jobs whose lock this worker failed to renew: another worker may own them now, so write nothing. */
    const lost = new Set<string>();
    /** Running jobs of this worker: how to stop each when its owner cancels it. */
    const running = new Map<string, () => void>();

    const processor = async (job: RenderJob, token?: string, signal?: AbortSignal): Promise<void> => {
      const id = job.id ?? '';
      lost.delete(id);
      // Cancelled while it waited (remove lost the race with this worker): fail it at once. A Redis hiccup here
      // is not a cancel; the poll below looks again.
      if ((await marks.hexists(cancelledKey, id).catch(() => 0)) === 1) {
        await release(id);
        throw new Error(JSON.stringify(cancelledError()));
      }
      const throttle = createProgressThrottle((p) => job.updateProgress(p), progressMs, onError);
      const controller = new AbortController();
      let cancelled = false;
      const stop = (): void => {
        if (cancelled) return;
        cancelled = true;
        controller.abort(new PhotoreelError('RENDER_CANCELLED', CANCELLED_MESSAGE));
      };
      running.set(id, stop);
      let polling = false;
      const watch = setInterval(() => {
        if (polling) return;
        polling = true;
        marks
          .hexists(cancelledKey, id)
          .then((n) => {
            if (n) stop();
          }, onError)
          .finally(() => (polling = false));
      }, cancelPollMs);
      const onAbort = (): void =>
        controller.abort(
          new PhotoreelError(
            'RENDER_CANCELLED',
            typeof signal?.reason === 'string' ? signal.reason : undefined,
          ),
        );
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      let failure: unknown;
      let failed = false;
      try {
        await handler(id, job.data, {
          signal: controller.signal,
          progress(fraction) {
            if (!controller.signal.aborted) throttle.report(fraction);
          },
        });
      } catch (err) {
        failed = true;
        failure = err;
      } finally {
        throttle.cancel();
        clearInterval(watch);
        if (running.get(id) === stop) running.delete(id);
        signal?.removeEventListener('abort', onAbort);
      }
      if (lost.delete(id)) {
        throw new PhotoreelError(
          'RENDER_CANCELLED',
          'This worker lost the render to another worker; it stopped.',
        );
      }
      if (cancelled) {
        await release(id);
        throw new Error(JSON.stringify(cancelledError()));
      }
      if (requeueing) {
        await job.updateProgress(0);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      await release(id);
      if (failed) throw new Error(JSON.stringify(toJobError(failure)));
    };

    const worker = new Worker<RenderJobPayload, void, string>(name, processor, {
      connection,
      prefix,
      concurrency: Math.max(1, Math.floor(concurrency)),
      lockDuration,
      stalledInterval,
      maxStalledCount: options.maxStalledCount ?? 2,
      drainDelay: 1,
    });
    worker.on('error', onError);
    worker.on('lockRenewalFailed', (ids: string[]) => {
      for (const id of ids) {
        lost.add(id);
        worker.cancelJob(
          id,
          new PhotoreelError('RENDER_CANCELLED', 'This worker lost the render to another worker; it stopped.')
            .message,
        );
      }
    });

    let closing: Promise<void> | undefined;
    const handle = {
      cancelled(id: string): void {
        running.get(id)?.();
      },
      close(opts?: { requeue?: boolean }): Promise<void> {
        if (opts?.requeue && !requeueing) {
          requeueing = true;
          worker.cancelAllJobs(
            new PhotoreelError(
              'RENDER_CANCELLED',
              'The worker is shutting down: the render goes back to the queue and runs again.',
            ).message,
          );
        }
        closing ??= (async () => {
          try {
            await worker.close();
          } finally {
            workers.delete(handle);
          }
        })();
        return closing;
      },
    };
    workers.add(handle);
    return { close: (o) => handle.close(o) };
  }

  return {
    async add(id: string, payload: RenderJobPayload, opts: AddOptions = {}): Promise<JobState> {
      assertOpen();
      const state = await guard(async () => {
        const existing = await stateOf(id);
        if (existing) return existing;
        const rank = await reserve(id, opts);
        try {
          await queue.add(JOB_NAME, payload, {
            jobId: id,
            attempts: 1,
            priority: rank,
            removeOnComplete: false,
            removeOnFail: false,
          });
        } catch (e) {
          await release(id);
          throw e;
        }
        return await stateOf(id);
      });
      if (!state) {
        throw new PhotoreelError(
          'RENDER_NOT_FOUND',
          `Render ${id} vanished right after it was added: add it again.`,
        );
      }
      return state;
    },
    async get(id: string): Promise<JobState | undefined> {
      assertOpen();
      return await read(id);
    },
    async cancel(id: string): Promise<JobState | undefined> {
      assertOpen();
      const state = await guard(async () => {
        const before = await stateOf(id);
        if (!before || (before.status !== 'queued' && before.status !== 'rendering')) return before;
        await marks.hset(
          cancelledKey,
          id,
          JSON.stringify({ at: Date.now(), createdAt: Date.parse(before.createdAt) }),
        );
        // A queued job leaves BullMQ; one that a worker took meanwhile (remove answers 0) is stopped by the mark.
        if (before.status === 'queued' && (await queue.remove(id)) === 1) await release(id);
        return await stateOf(id);
      });
      for (const w of workers) w.cancelled(id);
      return state;
    },
    async ping(): Promise<void> {
      assertOpen();
      await guard(async () => {
        await marks.ping();
      });
    },
    process: processJobs,
    async close(): Promise<void> {
      if (closed) return;
      await Promise.all([...workers].map((w) => w.close({ requeue: true })));
      closed = true;
      marks.disconnect();
      await queue.close();
    },
  };
}
