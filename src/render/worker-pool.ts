import type { Worker } from 'node:worker_threads';
import type { FrameJob, FromWorker, ToWorker } from './frame-job.ts';
import { startWorker } from './start-worker.ts';

/**
 * The frame workers: `size` worker threads that draw frames in parallel. Frames are handed out
 * round-robin (frame f to worker f mod size) and come back in any order; `take()` hands them on in
 * order. Each worker draws into its own frame slots, in its shared memory (see frame-worker.ts): a
 * frame is submitted with a free slot of its worker, so memory stays bounded however long the video is.
 *
 * From the compiled package the worker is frame-worker.js; from the TypeScript sources (tsx, tests)
 * the worker first registers tsx, then imports frame-worker.ts.
 */
/** Idle pools kept for the next render, by size: starting worker threads costs CPU every time. */
const idle = new Map<number, { pool: WorkerPool; timer: NodeJS.Timeout }[]>();
/** How long an idle pool is kept. */
const IDLE_MS = 60_000;
/** Spare still memories a pool keeps: as many as a render holds at once (the photo on screen, the next, two ahead). */
const MAX_SPARE = 4;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly done = new Map<number, number>();
  /** Each worker's frame slots (views on its shared memory), set by init(). */
  slots: Uint8Array[][] = [];
  private ready: ((slots: Uint8Array[]) => void)[] = [];
  private readonly waiting = new Map<number, () => void>();
  private failure: Error | undefined;
  private onFailure: (() => void)[] = [];
  private closed = false;
  /**
   * Shared memory of stills no longer drawn, for the stills of this render and of the next ones on
   * this pool. A worker lets go of shared memory only when its own garbage collector runs, which a
   * thread that allocates little seldom does: new memory for every photo grew the process by about
   * 4 MB a photo, and by tens of MB from render to render. Reused, it stays flat.
   */
  private readonly spare: SharedArrayBuffer[] = [];

  /** A pool of `size` workers: an idle one left by an earlier render (reset by init()), or a new one. */
  static acquire(size: number): WorkerPool {
    const kept = idle.get(size)?.pop();
    if (!kept) return new WorkerPool(size);
    clearTimeout(kept.timer);
    const { pool } = kept;
    for (const w of pool.workers) w.ref();
    return pool;
  }

  /**
   * Starts a render: every worker forgets the last one, lays out `slots` frame slots of the canvas
   * size and answers with them (this.slots[worker]). Throws if a worker fails.
   */
  async init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
    if (this.failure) throw this.failure;
    const answers = this.workers.map(
      (_, i) => new Promise<Uint8Array[]>((resolve) => (this.ready[i] = resolve)),
    );
    const failed = new Promise<never>((_, reject) => this.onError(() => reject(this.failure)));
    failed.catch(() => undefined);
    this.broadcast(msg);
    this.slots = await Promise.race([Promise.all(answers), failed]);
    this.ready = [];
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

  constructor(size: number) {
    const ts = import.meta.url.endsWith('.ts');
    const entry = new URL(`./frame-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = startWorker(entry);
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'error') this.fail(new Error(`frame worker: ${msg.message}`));
        else if (msg.type === 'ready') this.ready[i]?.(msg.slots);
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

  /** Shared memory of `bytes` bytes for a still: a spare one of that size, or new. */
  stillMemory(bytes: number): SharedArrayBuffer {
    const i = this.spare.findIndex((b) => b.byteLength === bytes);
    return i >= 0 ? this.spare.splice(i, 1)[0]! : new SharedArrayBuffer(bytes);
  }

  /** Gives back memory from stillMemory once no frame still to be drawn reads it (the newest few are kept). */
  spareStill(memory: SharedArrayBuffer): void {
    this.spare.push(memory);
    if (this.spare.length > MAX_SPARE) this.spare.shift();
  }

  /** Sends a message to every worker (the same payload: shared memory is shared, not copied). */
  broadcast(msg: ToWorker): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  /** The worker that draws frame `f` (whose slots its job must use). */
  workerOf(f: number): number {
    return f % this.workers.length;
  }

  /** Hands frame `job.f` to its worker (round-robin by frame number). */
  submit(job: FrameJob): void {
    const transfer: ArrayBuffer[] = [];
    for (const l of job.layers) if (l.kind === 'clip') transfer.push(l.data.buffer as ArrayBuffer);
    const msg: ToWorker = { type: 'frame', job };
    this.workers[this.workerOf(job.f)]!.postMessage(msg, transfer);
  }

  /** Waits for frame `f` and returns the slot (of its worker) it was drawn in. Throws if a worker failed. */
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
