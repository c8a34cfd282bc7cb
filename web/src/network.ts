/** Telling apart what went wrong with a call, so the page can say it plainly and offer the right way out. */
import { ApiError } from './api-types.ts';

export type Trouble = 'offline' | 'server-down' | 'server-error' | 'credits' | 'rate' | 'refused';

/**
 * `offline`: this device has no network (the browser says so); `server-down`: the network is there but the server
 * does not answer (a failed fetch, or a proxy's 502/503/504 without our envelope); `server-error`: it answered 5xx;
 * `credits` 2001; `rate` 429; `refused`: any other answer from the server (a 4xx with its message).
 */
export function classify(err: unknown, online: boolean): Trouble {
  if (!online) return 'offline';
  if (err instanceof ApiError) {
    if (err.code === 2001) return 'credits';
    if (err.code === 429 || err.status === 429) return 'rate';
    if (err.status === 0) return 'server-down';
    if ([502, 503, 504].includes(err.status) && err.code === err.status) return 'server-down';
    if (err.status >= 500) return 'server-error';
    return 'refused';
  }
  // fetch rejects with a TypeError when nothing answers.
  return 'server-down';
}

/** Whether trying the same call again later can help. */
export function retryable(trouble: Trouble): boolean {
  return (
    trouble === 'offline' || trouble === 'server-down' || trouble === 'server-error' || trouble === 'rate'
  );
}
