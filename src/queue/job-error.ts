import { PhotoreelError, catalog, isPhotoreelError } from '../errors.ts';

/** The `{code, message}` stored on a failed job. */
export interface JobError {
  code: number;
  message: string;
}

const MAX_CAUSE = 300;

/** A handler failure as a catalog error: a PhotoreelError keeps its code, anything else is RENDER_FAILED. */
export function toJobError(e: unknown): JobError {
  if (isPhotoreelError(e)) return { code: e.code, message: e.message };
  const cause = e instanceof Error ? e.message : String(e);
  const trimmed = cause.length > MAX_CAUSE ? `${cause.slice(0, MAX_CAUSE)}…` : cause;
  const err = new PhotoreelError(
    'RENDER_FAILED',
    trimmed
      ? `The render failed (${trimmed}): fix the input and export again.`
      : catalog.RENDER_FAILED.message,
  );
  return { code: err.code, message: err.message };
}

/** The message of a job cancelled by its owner. */
export const CANCELLED_MESSAGE =
  'The render was cancelled by its owner before it finished; nothing was written.';

/** The `{code, message}` of a job cancelled by its owner. */
export function cancelledError(): JobError {
  const e = new PhotoreelError('RENDER_CANCELLED', CANCELLED_MESSAGE);
  return { code: e.code, message: e.message };
}

/** Rejects with an Error naming `ms` when `promise` has not settled by then (the promise itself goes on). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs a queue read or write; a backend failure (Redis down, database locked) becomes QUEUE_UNAVAILABLE, and so
 * does no answer within `timeoutMs` (when given), so a frozen Redis answers quickly instead of hanging.
 */
export async function guardQueue<T>(
  backend: string,
  run: () => T | Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  try {
    if (timeoutMs === undefined) return await run();
    return await within(Promise.resolve().then(run), timeoutMs);
  } catch (e) {
    if (isPhotoreelError(e)) throw e;
    const cause = e instanceof Error ? e.message : String(e);
    throw new PhotoreelError(
      'QUEUE_UNAVAILABLE',
      `The ${backend} render queue cannot be reached (${cause.slice(0, MAX_CAUSE)}): ${
        backend === 'Redis'
          ? 'check that Redis is running at the configured URL'
          : 'check the data folder’s disk space and permissions'
      }, then try again.`,
      { backend, cause },
    );
  }
}
