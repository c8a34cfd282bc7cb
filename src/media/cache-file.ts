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

const producing = new Map<string, Promise<void>>();

/**
 * Makes sure the cache file `out` exists: when it is missing, `produce` writes it (with writeAtomic),
 * once per path at a time within this process, so concurrent callers share one decode. The check is
 * made again after waiting, since another caller may have finished it meanwhile.
 */
export async function ensureCached(out: string, produce: () => Promise<void>): Promise<void> {
  if (await hasFile(out)) return;
  let running = producing.get(out);
  if (!running) {
    running = (async () => {
      if (!(await hasFile(out))) await produce();
    })().finally(() => producing.delete(out));
    producing.set(out, running);
  }
  await running;
}
