import { PhotoreelError } from '../errors.ts';
import { addressPolicy } from './address-policy.ts';
import { bodyDeadline } from './body-deadline.ts';
import type { ServiceContext } from './context.ts';
import { safeFetch } from './safe-fetch.ts';
import { maxUploadBytes, UploadBatch, type UploadedFile } from './uploads.ts';

export const MAX_URLS = 20;

function urlLabel(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Imports files by URL with the same type and size rules as uploads: every file or none. */
export async function importUrls(
  ctx: ServiceContext,
  sessionId: string,
  urls: readonly string[],
): Promise<UploadedFile[]> {
  if (urls.length === 0 || urls.length > MAX_URLS) {
    throw new PhotoreelError('BAD_REQUEST', `Send between 1 and ${MAX_URLS} URLs in "urls".`);
  }
  const policy = addressPolicy(ctx.config.allowPrivateUrls);
  const deadline = bodyDeadline({ idleMs: ctx.config.uploadIdleMs, totalMs: ctx.config.uploadTotalMs });
  const batch = new UploadBatch(ctx, sessionId, deadline);
  try {
    for (const u of urls) {
      const res = await safeFetch(u, {
        policy,
        maxBytes: maxUploadBytes(ctx),
        timeoutMs: ctx.config.uploadIdleMs,
      });
      await batch.add(res.body, urlLabel(res.url), res.url.hostname);
    }
    return batch.commit();
  } catch (e) {
    await batch.discard();
    throw e;
  } finally {
    deadline.clear();
  }
}
