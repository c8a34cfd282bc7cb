import { opendir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Temporary files photoreel writes in the data folder, and the pid of the process that wrote each
 * (when its name says): a render's `.<name>.<pid>-<n>.partial`, an upload's `.incoming-<pid>-<id>`
 * (older servers: `.incoming-<id>`), a cache file's `<name>.<pid>.<hex>.tmp`, and `.work-*` files
 * or folders.
 */
export function tempFileOwner(name: string): { pid?: number } | undefined {
  const partial = /\.(\d+)-\d+\.partial$/.exec(name);
  if (partial) return { pid: Number(partial[1]) };
  if (name.endsWith('.partial')) return {};
  const incoming = /^\.incoming-(?:(\d+)-)?/.exec(name);
  if (incoming) return incoming[1] ? { pid: Number(incoming[1]) } : {};
  const work = /^\.work-(?:(\d+)-)?/.exec(name);
  if (work) return work[1] ? { pid: Number(work[1]) } : {};
  const tmp = /\.(\d+)\.[0-9a-f]{6,}\.tmp$/.exec(name);
  if (tmp) return { pid: Number(tmp[1]) };
  return undefined;
}

export interface SweepOptions {
  /**
   * A temp file nobody has written for this long, whose writer is not a live process other than this
   * one, is stale (default 60 s: renders and uploads write every few seconds while they run).
   */
  quietMs?: number;
  /** Stale whatever its owner when nobody has written it for this long (default 30 min). */
  abandonedMs?: number;
  /** Look again once `quietMs` has passed at temp files that were too fresh at start (default true). */
  recheck?: boolean;
  /** Hears of every file removed (for the log). */
  onRemove?: (file: string) => void;
}

export interface SweepResult {
  removed: string[];
  /** Too fresh to judge at start; looked at again later when `recheck` is on. */
  pending: string[];
  /** Settles once the later look is done (at once when there is none). */
  recheckDone: Promise<void>;
}

/**
 * At start-up of a server or worker: removes the `.partial`, `.work-*`, `.incoming-*` and cache
 * `.tmp` files a killed process left in the data folder. A file is kept while it may still be
 * written: its writer is alive (another local process) or it changed within `quietMs`.
 * Errors (a file removed meanwhile, an unreadable folder) are ignored: the sweep never stops a start.
 */
export async function sweepStaleFiles(dataDir: string, o: SweepOptions = {}): Promise<SweepResult> {
  const quietMs = o.quietMs ?? 60_000;
  const abandonedMs = o.abandonedMs ?? 30 * 60_000;
  const removed: string[] = [];
  const pending: { file: string; mtimeMs: number }[] = [];
  const judge = async (file: string, name: string, firstLook: boolean): Promise<void> => {
    const owner = tempFileOwner(name);
    if (!owner) return;
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(file)).mtimeMs;
    } catch {
      return;
    }
    const age = Date.now() - mtimeMs;
    const ownerRunning = owner.pid !== undefined && owner.pid !== process.pid && processAlive(owner.pid);
    if (age >= abandonedMs || (!ownerRunning && age >= quietMs)) {
      await rm(file, { recursive: true, force: true }).then(
        () => {
          removed.push(file);
          o.onRemove?.(file);
        },
        () => undefined,
      );
    } else if (firstLook && !ownerRunning) {
      pending.push({ file, mtimeMs });
    }
  };
  for await (const { file, name } of walk(path.resolve(dataDir))) await judge(file, name, true);

  let recheckDone: Promise<void> = Promise.resolve();
  if (pending.length > 0 && o.recheck !== false) {
    recheckDone = new Promise<void>((resolve) => {
      const newest = Math.max(...pending.map((p) => p.mtimeMs));
      const timer = setTimeout(
        () => {
          void (async () => {
            for (const p of pending) await judge(p.file, path.basename(p.file), false);
            resolve();
          })();
        },
        Math.max(0, newest + quietMs - Date.now()) + 1000,
      );
      // Never keeps a process alive just to tidy up.
      timer.unref();
    });
  }
  return { removed, pending: pending.map((p) => p.file), recheckDone };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every entry under `dir` (temp folders such as `.work-*` are yielded, not entered). */
async function* walk(dir: string, depth = 0): AsyncGenerator<{ file: string; name: string }> {
  if (depth > 8) return;
  let entries;
  try {
    entries = await opendir(dir);
  } catch {
    return;
  }
  try {
    for await (const e of entries) {
      const file = path.join(dir, e.name);
      if (e.isDirectory() && !tempFileOwner(e.name)) yield* walk(file, depth + 1);
      else if (e.isFile() || e.isDirectory()) yield { file, name: e.name };
    }
  } catch {
    // a folder removed while read
  }
}
