import { isPhotoreelError, type PhotoreelError } from '../../src/errors.ts';

/** Awaits `p` (or runs `fn`) and returns the catalog error it failed with; fails the test otherwise. */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<PhotoreelError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isPhotoreelError(e)) return e;
    throw e;
  }
  throw new Error('expected a PhotoreelError, but the call succeeded');
}
