/**
 * Sends the controls' edits one request at a time, in order. An edit given a `key` (a seconds box, a volume
 * slider) waits `delayMs` for more of the same key: three quick presses of ↑ become ONE request, so one undo
 * step. Any other edit, or `flush()`, sends a waiting one first, so the order of what the person did is kept.
 */
import type { EditJSON } from './edit-builders.ts';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class EditQueue<R> {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting:
    { key: string; edits: EditJSON[]; timer: unknown; done: Array<(r: R | undefined) => void> } | undefined;
  /** Requests sent so far (a test reads it through the page). */
  sent = 0;

  constructor(
    private readonly send: (edits: EditJSON[]) => Promise<R>,
    private readonly onError: (err: unknown, edits: EditJSON[]) => void,
    readonly delayMs = 450,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** Queues edits; resolves with the send's answer (undefined if it failed or was replaced by a later value). */
  push(edits: EditJSON[], key?: string): Promise<R | undefined> {
    if (key !== undefined) {
      if (this.waiting && this.waiting.key !== key) this.flush();
      return new Promise((resolve) => {
        const w = this.waiting;
        if (w) {
          this.timers.clear(w.timer);
          w.edits = edits;
          w.done.push(resolve);
          w.timer = this.timers.set(() => this.flush(), this.delayMs);
        } else {
          this.waiting = {
            key,
            edits,
            done: [resolve],
            timer: this.timers.set(() => this.flush(), this.delayMs),
          };
        }
      });
    }
    this.flush();
    return this.enqueue(edits);
  }

  /** Whether an edit is waiting for its key's delay. */
  get pending(): boolean {
    return this.waiting !== undefined;
  }

  /** Sends a waiting edit now; resolves when everything sent so far is done. */
  flush(): Promise<unknown> {
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      this.timers.clear(w.timer);
      void this.enqueue(w.edits).then((r) => w.done.forEach((d) => d(r)));
    }
    return this.chain;
  }

  private enqueue(edits: EditJSON[]): Promise<R | undefined> {
    const run = async (): Promise<R | undefined> => {
      this.sent++;
      try {
        return await this.send(edits);
      } catch (err) {
        this.onError(err, edits);
        return undefined;
      }
    };
    const next = this.chain.then(run, run);
    this.chain = next;
    return next;
  }
}
