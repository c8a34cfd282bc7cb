import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { PhotoreelError } from '../errors.ts';
import type { AddressPolicy } from './address-policy.ts';

export interface SafeFetchOptions {
  policy: AddressPolicy;
  maxBytes: number;
  maxRedirects?: number;
  /** Per hop: time to the response headers, and the longest pause while the body streams. */
  timeoutMs?: number;
}

export interface SafeResponse {
  url: URL;
  body: Readable;
  contentType?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function refused(url: URL, why: string): PhotoreelError {
  return new PhotoreelError(
    'BAD_REQUEST',
    `This server does not fetch ${url.host}: ${why}. Upload the file instead.`,
    {
      url: url.origin,
    },
  );
}

/** Resolves the host and checks every address; returns the one to connect to. */
async function checkedAddress(url: URL, policy: AddressPolicy): Promise<LookupAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  let addresses: LookupAddress[];
  const family = isIP(host);
  if (family) addresses = [{ address: host, family }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new PhotoreelError('BAD_REQUEST', `The host ${url.hostname} could not be found: check the URL.`);
    }
  }
  if (addresses.length === 0)
    throw new PhotoreelError('BAD_REQUEST', `The host ${url.hostname} could not be found: check the URL.`);
  for (const a of addresses) {
    if (!policy(a.address, port)) throw refused(url, 'it is a private, loopback or link-local address');
  }
  return addresses[0] as LookupAddress;
}

/** An agent whose every connection goes to the address that was checked (so DNS rebinding cannot swap it). */
function pinnedAgent(pinned: LookupAddress, timeoutMs: number): Agent {
  return new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: {
      timeout: timeoutMs,
      lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (options?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
        else cb(null, pinned.address, pinned.family);
      }) as never,
    },
  });
}

/**
 * GETs an http(s) URL for import: only allowed addresses (checked on every hop), the connection pinned to the checked
 * address, redirects followed by hand (at most 5), FILE_TOO_LARGE when Content-Length says so up front.
 * The caller must consume or destroy `body`; the agent closes when it ends.
 */
export async function safeFetch(input: string, o: SafeFetchOptions): Promise<SafeResponse> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'The URL is not valid: send an absolute http:// or https:// URL.',
    );
  }
  const maxRedirects = o.maxRedirects ?? 5;
  const timeoutMs = o.timeoutMs ?? 30_000;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new PhotoreelError(
        'BAD_REQUEST',
        `Only http and https URLs can be imported, not ${url.protocol.slice(0, 20)}.`,
      );
    }
    if (url.username || url.password) {
      throw new PhotoreelError('BAD_REQUEST', 'URLs with a user name or password cannot be imported.');
    }
    const pinned = await checkedAddress(url, o.policy);
    const agent = pinnedAgent(pinned, timeoutMs);
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher: agent,
        headers: { 'user-agent': 'photoreel-import/1', accept: '*/*' },
      });
    } catch (e) {
      await agent.destroy();
      throw new PhotoreelError(
        'BAD_REQUEST',
        `The URL could not be fetched (${(e as Error).message}): check it and try again.`,
        {
          url: url.origin,
        },
      );
    }
    const closeAgent = (): void => void agent.close().catch(() => undefined);
    const location = res.headers.location;
    if (REDIRECTS.has(res.statusCode) && location) {
      await res.body.dump().catch(() => undefined);
      closeAgent();
      if (hop >= maxRedirects) {
        throw new PhotoreelError(
          'BAD_REQUEST',
          `The URL redirected more than ${maxRedirects} times: send the final URL.`,
        );
      }
      url = new URL(Array.isArray(location) ? String(location[0]) : location, url);
      continue;
    }
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      closeAgent();
      throw new PhotoreelError(
        'BAD_REQUEST',
        `The URL answered HTTP ${res.statusCode}: check that it points to the file.`,
        {
          url: url.origin,
          status: res.statusCode,
        },
      );
    }
    const length = Number(res.headers['content-length']);
    if (Number.isFinite(length) && length > o.maxBytes) {
      res.body.destroy();
      closeAgent();
      throw new PhotoreelError(
        'FILE_TOO_LARGE',
        `The file at ${url.host} is larger than this server's limit: compress or trim it.`,
      );
    }
    res.body.once('close', closeAgent);
    const type = res.headers['content-type'];
    return { url, body: res.body, ...(typeof type === 'string' ? { contentType: type } : {}) };
  }
}
