import type { Draft } from '../timeline/draft.ts';
import type { OutputFormat, Quality } from '../render/output-format.ts';
import type { RenderAsset } from '../render/types.ts';

export type JobStatus = 'queued' | 'rendering' | 'completed' | 'failed';

/** Everything a worker needs to render, so workers on other machines need only the shared data folder. */
export interface RenderJobPayload {
  draft: Draft;
  /** Asset paths are relative to the data folder, so they resolve on every worker. */
  assets: Record<string, RenderAsset>;
  /** Where the finished video goes, relative to the data folder. Written atomically. */
  output: string;
  /** Output format (default mp4; jobs queued before formats existed have none). */
  format?: OutputFormat;
  /** Encoder quality (default standard). */
  quality?: Quality;
  /** The session the render belongs to (for listings), opaque to the queue. */
  sessionId?: string;
}

export interface JobState {
  id: string;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  /** Set when failed: a catalog code and its sentence. */
  error?: { code: number; message: string };
  /** How many times a worker has started this job. */
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** How `add` places a job: whose it is (fair scheduling) and how many pending jobs are allowed. */
export interface AddOptions {
  /**
   * Who the job belongs to (a token's hash), opaque to the queue. Jobs are picked by their rank, then by age:
   * a job's rank is 1 + its owner's jobs queued or rendering when it was added, so each owner's first job
   * comes before anyone's second. Jobs without an owner share one line.
   */
  owner?: string;
  /** Refuse (TOO_MANY_RENDERS) when the owner already has this many jobs queued or rendering. */
  maxPerOwner?: number;
  /** Refuse (RENDER_QUEUE_FULL) when this many jobs are queued or rendering in all. */
  maxTotal?: number;
}

export interface JobContext {
  /** Aborted when the worker shuts down or loses the job: stop and write nothing. */
  signal: AbortSignal;
  /** Report progress 0..1 (throttled by the queue). */
  progress(fraction: number): void;
}

export type JobHandler = (id: string, payload: RenderJobPayload, ctx: JobContext) => Promise<void>;

export interface WorkerHandle {
  /** Stop taking jobs; let running ones finish (or requeue them when `requeue` is true) and resolve. */
  close(options?: { requeue?: boolean }): Promise<void>;
}

/**
 * The render queue: embedded (SQLite in the data folder) or BullMQ on Redis.
 * Both pass the same conformance suite (test/queue/conformance.ts).
 */
export interface RenderQueue {
  /**
   * Adds a job. Idempotent: adding an id that exists returns that job unchanged and never renders twice
   * (limits are checked only for a new id).
   */
  add(id: string, payload: RenderJobPayload, options?: AddOptions): Promise<JobState>;
  get(id: string): Promise<JobState | undefined>;
  /**
   * Cancels a queued or rendering job: it reads `failed` with RENDER_CANCELLED (5002) from then on, a queued
   * one never starts, a rendering one has its handler's signal aborted (in any process, within about
   * half a second) and writes nothing. A job that already ended is left as it is. Undefined for an unknown id.
   */
  cancel(id: string): Promise<JobState | undefined>;
  /** Resolves when the queue's store (Redis, the queue database) answers; QUEUE_UNAVAILABLE when not. */
  ping(): Promise<void>;
  /** Starts a worker in this process. A job that was rendering when its worker died runs again. */
  process(handler: JobHandler, options: { concurrency: number }): WorkerHandle;
  /** Stops this instance's workers (their running jobs go back to the queue) and releases its connections. */
  close(): Promise<void>;
}
