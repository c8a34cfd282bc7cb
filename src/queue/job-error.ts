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

/** Runs a queue read or write; a backend failure (Redis down, database locked) becomes QUEUE_UNAVAILABLE. */
export async function guardQueue<T>(backend: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
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
