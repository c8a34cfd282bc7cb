import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Service } from './create-service.ts';

export type HealthChecks = Record<'database' | 'dataDir' | 'queue', 'ok' | string>;

/** How often the full page check of the database runs at most (the cheap reads run on every call). */
const QUICK_CHECK_EVERY_MS = 60_000;
const TABLES = ['tokens', 'credits', 'sessions', 'media', 'renders'];

const lastQuickCheck = new WeakMap<Service, { at: number; result: string }>();

function checkDatabase(service: Service, now: number): string {
  try {
    const db = service.store.db;
    const known = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    for (const t of TABLES) if (known.has(t)) db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get();
    const last = lastQuickCheck.get(service);
    if (!last || now - last.at >= QUICK_CHECK_EVERY_MS || last.result !== 'ok') {
      const rows = db.prepare('PRAGMA quick_check(1)').all() as { quick_check: string }[];
      const result = rows[0]?.quick_check ?? 'no answer';
      lastQuickCheck.set(service, { at: now, result });
    }
    const r = lastQuickCheck.get(service)?.result ?? 'ok';
    return r === 'ok' ? 'ok' : `corrupt: ${r.slice(0, 200)}`;
  } catch (e) {
    return `unreadable: ${String((e as Error).message).slice(0, 200)}`;
  }
}

/** The render queue answers (Redis, or the embedded queue's database) within the queue's own timeout. */
async function checkQueue(service: Service): Promise<string> {
  try {
    await service.queue.ping();
    return 'ok';
  } catch (e) {
    return `unreachable: ${String((e as Error).message).slice(0, 200)}`;
  }
}

/**
 * What the server needs, each `ok` or why not: the database readable (its tables read on every call, a full
 * `quick_check` at most once a minute and on every call after a failure), the data folder writable and the
 * render queue reachable (a PING to Redis, or a read of the queue database, bounded by PHOTOREEL_QUEUE_TIMEOUT_MS).
 */
export async function checkHealth(service: Service): Promise<HealthChecks> {
  const queue = checkQueue(service);
  const database = checkDatabase(service, Date.now());
  const dataDir = await access(service.config.dataDir, constants.W_OK).then(
    () => 'ok',
    (e: Error) => `not writable: ${e.message.slice(0, 200)}`,
  );
  return { database, dataDir, queue: await queue };
}
