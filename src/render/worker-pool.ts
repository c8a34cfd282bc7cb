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
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly done = new Map<number, ArrayBuffer>();
  private readonly waiting = new Map<number, () => void>();
  private failure: Error | undefined;
  private onFailure: (() => void)[] = [];
  private closed = false;

  constructor(size: number) {
    const ts = import.meta.url.endsWith('.ts');
    const entry = new URL(`./frame-worker.${ts ? 'ts' : 'js'}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = startWorker(entry);
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'error') this.fail(new Error(`frame worker: ${msg.message}`));
        else {
          this.done.set(msg.f, msg.data);
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
    if (job.out) transfer.push(job.out);
    for (const l of job.layers) if (l.kind === 'clip') transfer.push(l.data.buffer as ArrayBuffer);
    const msg: ToWorker = { type: 'frame', job };
    this.workers[job.f % this.workers.length]!.postMessage(msg, transfer);
  }

  /** Waits for frame `f` and returns its bytes. Throws if a worker failed. */
  async take(f: number): Promise<ArrayBuffer> {
    for (;;) {
      if (this.failure) throw this.failure;
      const data = this.done.get(f);
      if (data) {
        this.done.delete(f);
        return data;
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
