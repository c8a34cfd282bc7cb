import type { Worker } from 'node:worker_threads';
import type { FrameJob, FromWorker, ToWorker } from './frame-job.ts';
import { startWorker } from './start-worker.ts';

/**
 * The frame workers: `size` worker threads that draw frames in parallel. Frames are handed out
 * round-robin and come back in any order; `frames()` hands them on in order. At most `inFlight`
 * frames are out at once, so memory stays bounded however long the video is.
 *
 * From the compiled package the worker is frame-worker.js; from the TypeScript sources (tsx, tests)
 * the worker first registers tsx, then imports frame-worker.ts.
 */
/** Idle pools kept for the next render, by size: starting worker threads costs CPU every time. */
const idle = new Map<number, { pool: WorkerPool; timer: NodeJS.Timeout }[]>();
/** How long an idle pool is kept. */
const IDLE_MS = 60_000;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly done = new Map<number, number>();
  /** Frame slots (shared memory), each one frame; the caller hands a free one with each job. */
  slots: SharedArrayBuffer[];
  private readonly waiting = new Map<number, () => void>();
  private failure: Error | undefined;
  private onFailure: (() => void)[] = [];
  private closed = false;

  /**
   * A pool of `size` workers with `slots.count` frame slots of `slots.bytes`: an idle one left by an
   * earlier render (its workers reset by the next `init` message), or a new one.
   */
  static acquire(size: number, slots: { count: number; bytes: number }): WorkerPool {
    const kept = idle.get(size)?.pop();
    if (!kept) return new WorkerPool(size, slots);
    clearTimeout(kept.timer);
    const { pool } = kept;
    for (const w of pool.workers) w.ref();
    pool.setSlots(slots);
    return pool;
  }

  /**
   * After a render that took every frame it submitted: keeps the pool for the next render (its
   * threads no longer hold the process open), or closes it if it failed.
   */
  async release(): Promise<void> {
    if (this.failure || this.closed || this.done.size > 0) return this.close();
    this.onFailure = [];
    for (const w of this.workers) w.unref();
    const list = idle.get(this.workers.length) ?? [];
    const entry = { pool: this as WorkerPool, timer: setTimeout(() => void this.dropIdle(), IDLE_MS) };
    entry.timer.unref();
    list.push(entry);
    idle.set(this.workers.length, list);
  }

  private async dropIdle(): Promise<void> {
    const list = idle.get(this.workers.length) ?? [];
    const i = list.findIndex((e) => e.pool === this);
    if (i >= 0) list.splice(i, 1);
    await this.close();
  }

  /** Frame slots for a render: the last render's when they are the same (no new memory), else new ones. */
  private setSlots(slots: { count: number; bytes: number }): void {
    const same = this.slots.length === slots.count && this.slots.every((b) => b.byteLength === slots.bytes);
    if (!same) this.slots = Array.from({ length: slots.count }, () => new SharedArrayBuffer(slots.bytes));
  }

  constructor(size: number, slots: { count: number; bytes: number } = { count: 0, bytes: 0 }) {
    this.slots = [];
    this.setSlots(slots);
    const ts = import.meta.url.endsWith('.ts');
    const entry = new URL(`./frame-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = startWorker(entry);
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'error') this.fail(new Error(`frame worker: ${msg.message}`));
        else {
          this.done.set(msg.f, msg.slot);
          this.waiting.get(msg.f)?.();
        }
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`frame worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  private fail(err: Error): void {
    if (this.failure || this.closed) return;
    this.failure = err;
    for (const wake of this.waiting.values()) wake();
    for (const cb of this.onFailure) cb();
  }

  /** Stops waiting: every take() now throws `err`. */
  abort(err: Error): void {
    this.fail(err);
  }

  /** Calls `cb` once if a worker fails. */
  onError(cb: () => void): void {
    this.onFailure.push(cb);
  }

  /** Sends a message to every worker (the same payload: shared memory is shared, not copied). */
  broadcast(msg: ToWorker): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  /** Hands frame `job.f` to its worker (round-robin by frame number). */
  submit(job: FrameJob): void {
    const transfer: ArrayBuffer[] = [];
    for (const l of job.layers) if (l.kind === 'clip') transfer.push(l.data.buffer as ArrayBuffer);
    const msg: ToWorker = { type: 'frame', job };
    this.workers[job.f % this.workers.length]!.postMessage(msg, transfer);
  }

  /** Waits for frame `f` and returns the slot it was drawn in. Throws if a worker failed. */
  async take(f: number): Promise<number> {
    for (;;) {
      if (this.failure) throw this.failure;
      const slot = this.done.get(f);
      if (slot !== undefined) {
        this.done.delete(f);
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.set(f, resolve));
      this.waiting.delete(f);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
