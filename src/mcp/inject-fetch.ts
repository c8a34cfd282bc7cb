import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { FetchLike } from './protocol-client.ts';

/** The part of a Fastify instance injectFetch needs (`app.inject`). */
export interface Injectable {
  inject(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: NodeJS.ReadableStream;
  }): PromiseLike<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    rawPayload: Buffer;
  }>;
}

/**
 * A fetch that answers from an in-process Fastify app through `app.inject()`: no socket, no port.
 * Only the path and query of the URL matter; the body (JSON or multipart FormData) streams in.
 */
export function injectFetch(app: Injectable): FetchLike {
  return async (url, init) => {
    const request = new Request(url, init);
    const u = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const payload = request.body ? Readable.fromWeb(request.body as NodeReadableStream) : undefined;
    const res = await app.inject({
      method: request.method,
      url: `${u.pathname}${u.search}`,
      headers,
      ...(payload ? { payload } : {}),
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(key, String(v));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304 || request.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: out,
    });
  };
}
