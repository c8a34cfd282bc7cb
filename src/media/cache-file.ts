import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/** sha256 of a file's bytes, hex: the part of a cache key that says which photo. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** A cache key: sha256 over its parts, 32 hex characters. */
export function cacheKey(...parts: Array<string | number>): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** True when `file` exists and is not empty. */
export async function hasFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

/**
 * Writes `out` all at once: `write` fills a temporary file beside it, which is then renamed over
 * `out` (atomic on one file system). A reader sees no file or the whole file, never half of one;
 * two writers racing each leave a whole file and the last rename wins.
 */
export async function writeAtomic(out: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, out);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/**
 * Runs `make` once per key at a time within this process: concurrent callers for the same key share
 * one promise (and so one decode). The entry is dropped when it settles.
 */
export function once<T>(inflight: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const running = inflight.get(key);
  if (running) return running;
  const p = make().finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}
