import { PhotoreelError } from '../errors.ts';

export interface BodyDeadline {
  /** Aborted (its reason a REQUEST_TIMEOUT error) when the body stalls or takes too long. */
  signal: AbortSignal;
  /** Bytes arrived: the idle timer starts again. */
  touch(): void;
  /** Stops both timers (the body is complete, or the request failed otherwise). */
  clear(): void;
}

/**
 * Deadlines of one request body (an upload, a URL import): REQUEST_TIMEOUT when no bytes arrive for `idleMs`, or
 * when the whole body takes longer than `totalMs`, so a client sending 1 byte a second cannot hold the server.
 */
export function bodyDeadline(limits: { idleMs: number; totalMs: number }): BodyDeadline {
  const controller = new AbortController();
  const abort = (why: string) => {
    if (!controller.signal.aborted) controller.abort(new PhotoreelError('REQUEST_TIMEOUT', why));
  };
  const total = setTimeout(
    () =>
      abort(
        `The upload took longer than ${Math.round(limits.totalMs / 1000)} seconds: send smaller files, or fewer at a time.`,
      ),
    limits.totalMs,
  );
  const idleMessage = `No bytes of the upload arrived for ${Math.round(limits.idleMs / 1000)} seconds: send it again.`;
  let idle = setTimeout(() => abort(idleMessage), limits.idleMs);
  total.unref();
  idle.unref();
  return {
    signal: controller.signal,
    touch() {
      if (controller.signal.aborted) return;
      clearTimeout(idle);
      idle = setTimeout(() => abort(idleMessage), limits.idleMs);
      idle.unref();
    },
    clear() {
      clearTimeout(total);
      clearTimeout(idle);
    },
  };
}
