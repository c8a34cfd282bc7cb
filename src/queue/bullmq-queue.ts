/**
 * The render queue on Redis through BullMQ: for several machines sharing one data folder.
 *
 * The job id is the BullMQ jobId, so adding an id twice keeps the first job. A worker that dies
 * mid-job loses its lock; BullMQ's stalled-job check puts the job back and another worker runs it.
 * Handler failures are stored as `{code, message}` JSON in failedReason and are not retried.
 */
import { Queue, Worker, WaitingError, type Job } from 'bullmq';
import { PhotoreelError } from '../errors.ts';
import { guardQueue, toJobError, type JobError } from './job-error.ts';
import { clampFraction, createProgressThrottle } from './progress-throttle.ts';
import type {
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
  // Workers block on Redis and must retry forever; the queue itself fails fast so add/get answer when Redis is down.
  const connection = { url: options.connection, maxRetriesPerRequest: null };

  const queue = new Queue<RenderJobPayload, void, string>(name, {
    connection: { url: options.connection, maxRetriesPerRequest: 3 },
    prefix,
    skipWaitingForReady: true,
  });
  queue.on('error', onError);
  const workers = new Set<{ close(o?: { requeue?: boolean }): Promise<void> }>();
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new PhotoreelError('BAD_REQUEST', 'The render queue is closed: open it again.');
  }

  const read = (id: string): Promise<JobState | undefined> => guardQueue('Redis', () => readState(queue, id));

  function processJobs(handler: JobHandler, { concurrency }: { concurrency: number }): WorkerHandle {
    assertOpen();
    let requeueing = false;
    /** Jobs whose lock this worker failed to renew: another worker may own them now, so write nothing. */
    const lost = new Set<string>();

    const processor = async (job: RenderJob, token?: string, signal?: AbortSignal): Promise<void> => {
      const id = job.id ?? '';
      lost.delete(id);
      const throttle = createProgressThrottle((p) => job.updateProgress(p), progressMs, onError);
      const controller = new AbortController();
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
        signal?.removeEventListener('abort', onAbort);
      }
      if (lost.delete(id)) {
        throw new PhotoreelError(
          'RENDER_CANCELLED',
          'This worker lost the render to another worker; it stopped.',
        );
      }
      if (requeueing) {
        await job.updateProgress(0);
        await job.moveToWait(token);
        throw new WaitingError();
      }
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
    return handle;
  }

  return {
    async add(id: string, payload: RenderJobPayload): Promise<JobState> {
      assertOpen();
      await guardQueue('Redis', () =>
        queue.add(JOB_NAME, payload, {
          jobId: id,
          attempts: 1,
          removeOnComplete: false,
          removeOnFail: false,
        }),
      );
      const state = await read(id);
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
    process: processJobs,
    async close(): Promise<void> {
      if (closed) return;
      await Promise.all([...workers].map((w) => w.close({ requeue: true })));
      closed = true;
      await queue.close();
    },
  };
}
