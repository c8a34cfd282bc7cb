/**
 * The embedded render queue: jobs in a SQLite table, a worker pool in this process.
 *
 * Workers claim a job with one UPDATE inside a BEGIN IMMEDIATE transaction and hold a lease
 * they renew while the handler runs. A job whose worker died (killed, server restarted) is
 * claimed again once its lease expires, so none is lost; a lease has one owner, so none runs
 * twice at the same time. Several processes may open the same database file.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { PhotoreelError } from '../errors.ts';
import { CANCELLED_MESSAGE, cancelledError, guardQueue, toJobError, type JobError } from './job-error.ts';
import { createProgressThrottle } from './progress-throttle.ts';
import type {
  AddOptions,
  JobHandler,
  JobState,
  JobStatus,
  RenderJobPayload,
  RenderQueue,
  WorkerHandle,
} from './types.ts';

export interface EmbeddedQueueOptions {
  /** SQLite file to open (created if missing). Give this or `db`. */
  dbPath?: string;
  /** An open database to use (the queue never closes it). */
  db?: Database.Database;
  /** How long a claim lasts without a heartbeat, in ms (default 30 000). Renewed every third of it. */
  leaseMs?: number;
  /** How often an idle worker looks for jobs, in ms (default 500). Jobs added in this process wake it at once. */
  pollMs?: number;
  /** Least time between two progress writes of one job, in ms (default 250). */
  progressMs?: number;
  /** A job whose worker died this many times is failed instead of run again (default 3). */
  maxAttempts?: number;
  /** How often a worker checks whether its running jobs were cancelled (from another process), in ms (default 500). */
  cancelPollMs?: number;
  /** How long a write waits for another process's lock, in ms (default 5 000). */
  busyTimeoutMs?: number;
  /** Receives errors the queue cannot hand to a caller (a heartbeat that failed, a busy database). */
  onError?: (err: unknown) => void;
}

interface Row {
  id: string;
  status: JobStatus;
  payload: string;
  progress: number;
  error_code: number | null;
  error_message: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
}

interface Claimed {
  id: string;
  payload: string;
  owner: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS render_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('queued', 'rendering', 'completed', 'failed')),
  payload TEXT NOT NULL,
  progress REAL NOT NULL DEFAULT 0,
  error_code INTEGER,
  error_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_expires INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS render_jobs_claim ON render_jobs (status, lease_expires);
`;

/** Columns added after the first version: whose job it is and its rank (fair scheduling). */
const ADDED_COLUMNS: [string, string][] = [
  ['owner', "ALTER TABLE render_jobs ADD COLUMN owner TEXT NOT NULL DEFAULT ''"],
  ['rank', 'ALTER TABLE render_jobs ADD COLUMN rank INTEGER NOT NULL DEFAULT 1'],
];

function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  // Inside one write transaction, so two processes opening an old file at once add each column once.
  db.transaction(() => {
    const have = new Set(
      (db.prepare('PRAGMA table_info(render_jobs)').all() as { name: string }[]).map((c) => c.name),
    );
    for (const [name, sql] of ADDED_COLUMNS) if (!have.has(name)) db.exec(sql);
    db.exec(
      "CREATE INDEX IF NOT EXISTS render_jobs_pending ON render_jobs (owner) WHERE status IN ('queued', 'rendering')",
    );
  }).immediate();
}

function toState(row: Row): JobState {
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    ...(row.status === 'failed' && row.error_code !== null
      ? { error: { code: row.error_code, message: row.error_message ?? '' } }
      : {}),
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function defaultOnError(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : new Error(String(err)), { code: 'PHOTOREEL_QUEUE' });
}

export function createEmbeddedQueue(options: EmbeddedQueueOptions): RenderQueue {
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 500;
  const progressMs = options.progressMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 3;
  const onError = options.onError ?? defaultOnError;
  if (!options.db && !options.dbPath) {
    throw new PhotoreelError('BAD_REQUEST', 'The embedded queue needs a database: pass dbPath or db.');
  }
  const ownsDb = !options.db;
  const db = options.db ?? new Database(options.dbPath as string);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
  if (ownsDb) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  migrate(db);
  const cancelPollMs = options.cancelPollMs ?? 500;

  const now = (): string => new Date().toISOString();
  const stmt = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO render_jobs (id, status, payload, progress, attempts, owner, rank, created_at, updated_at)
       VALUES (@id, 'queued', @payload, 0, 0, @owner, @rank, @now, @now)`,
    ),
    exists: db.prepare('SELECT 1 FROM render_jobs WHERE id = ?'),
    pendingTotal: db.prepare("SELECT COUNT(*) AS n FROM render_jobs WHERE status IN ('queued', 'rendering')"),
    pendingOfOwner: db.prepare(
      "SELECT COUNT(*) AS n FROM render_jobs WHERE owner = ? AND status IN ('queued', 'rendering')",
    ),
    cancel: db.prepare(
      `UPDATE render_jobs
       SET status = 'failed', error_code = @code, error_message = @message,
           lease_owner = NULL, lease_expires = NULL, updated_at = @now
       WHERE id = @id AND status IN ('queued', 'rendering')`,
    ),
    leaseOf: db.prepare('SELECT lease_owner FROM render_jobs WHERE id = ?'),
    ping: db.prepare('SELECT COUNT(*) AS n FROM render_jobs WHERE seq < 0'),
    get: db.prepare(
      `SELECT id, status, payload, progress, error_code, error_message, attempts, created_at, updated_at
       FROM render_jobs WHERE id = ?`,
    ),
    failWorn: db.prepare(
      `UPDATE render_jobs
       SET status = 'failed', error_code = @code, error_message = @message,
           lease_owner = NULL, lease_expires = NULL, updated_at = @now
       WHERE status = 'rendering' AND lease_expires < @nowMs AND attempts >= @maxAttempts`,
    ),
    claim: db.prepare(
      `UPDATE render_jobs
       SET status = 'rendering', lease_owner = @owner, lease_expires = @expires,
           attempts = attempts + 1, progress = 0, error_code = NULL, error_message = NULL, updated_at = @now
       WHERE seq = (
         SELECT seq FROM render_jobs
         WHERE status = 'queued' OR (status = 'rendering' AND lease_expires < @nowMs)
         ORDER BY status = 'rendering' DESC, rank, seq LIMIT 1
       )
       RETURNING id, payload`,
    ),
    renew: db.prepare(
      `UPDATE render_jobs SET lease_expires = @expires
       WHERE id = @id AND lease_owner = @owner AND status = 'rendering'`,
    ),
    progress: db.prepare(
      `UPDATE render_jobs SET progress = @progress, updated_at = @now
       WHERE id = @id AND lease_owner = @owner AND status = 'rendering'`,
    ),
    complete: db.prepare(
      `UPDATE render_jobs
       SET status = 'completed', progress = 1, lease_owner = NULL, lease_expires = NULL, updated_at = @now
       WHERE id = @id AND lease_owner = @owner AND status = 'rendering'`,
    ),
    fail: db.prepare(
      `UPDATE render_jobs
       SET status = 'failed', error_code = @code, error_message = @message,
           lease_owner = NULL, lease_expires = NULL, updated_at = @now
       WHERE id = @id AND lease_owner = @owner AND status = 'rendering'`,
    ),
    requeue: db.prepare(
      `UPDATE render_jobs
       SET status = 'queued', progress = 0, lease_owner = NULL, lease_expires = NULL, updated_at = @now
       WHERE id = @id AND lease_owner = @owner AND status = 'rendering'`,
    ),
  };

  const write = <A>(run: (args: A) => number) => {
    const tx = db.transaction(run);
    return (args: A): number => tx.immediate(args);
  };
  const count = (st: Database.Statement, ...args: unknown[]): number => (st.get(...args) as { n: number }).n;
  /** Checks the limits and inserts in one transaction, so parallel adds cannot pass a limit together. */
  const insert = write(
    (a: {
      id: string;
      payload: string;
      now: string;
      owner: string;
      maxPerOwner?: number;
      maxTotal?: number;
    }) => {
      if (stmt.exists.get(a.id)) return 0;
      if (a.maxTotal !== undefined && count(stmt.pendingTotal) >= a.maxTotal) {
        throw new PhotoreelError('RENDER_QUEUE_FULL', undefined, { max: a.maxTotal });
      }
      const mine = count(stmt.pendingOfOwner, a.owner);
      if (a.maxPerOwner !== undefined && mine >= a.maxPerOwner) {
        throw new PhotoreelError('TOO_MANY_RENDERS', undefined, { max: a.maxPerOwner });
      }
      return stmt.insert.run({ id: a.id, payload: a.payload, now: a.now, owner: a.owner, rank: mine + 1 })
        .changes;
    },
  );
  const cancelRow = write(
    (a: { id: string; code: number; message: string; now: string }) => stmt.cancel.run(a).changes,
  );
  const renew = write((a: { id: string; owner: string; expires: number }) => stmt.renew.run(a).changes);
  const setProgress = write(
    (a: { id: string; owner: string; progress: number; now: string }) => stmt.progress.run(a).changes,
  );
  const complete = write((a: { id: string; owner: string; now: string }) => stmt.complete.run(a).changes);
  const fail = write(
    (a: { id: string; owner: string; code: number; message: string; now: string }) =>
      stmt.fail.run(a).changes,
  );
  const requeue = write((a: { id: string; owner: string; now: string }) => stmt.requeue.run(a).changes);
  const claimTx = db.transaction((owner: string): Claimed | undefined => {
    const nowMs = Date.now();
    const stamp = now();
    const worn = new PhotoreelError(
      'RENDER_FAILED',
      `The render stopped ${maxAttempts} times because its worker died: check the worker's memory and logs, then export again.`,
    );
    stmt.failWorn.run({ code: worn.code, message: worn.message, now: stamp, nowMs, maxAttempts });
    const row = stmt.claim.get({ owner, expires: nowMs + leaseMs, now: stamp, nowMs }) as
      { id: string; payload: string } | undefined;
    return row ? { ...row, owner } : undefined;
  });

  let closed = false;
  const workers = new Set<{
    wake(): void;
    cancelled(id: string): void;
    close(o?: { requeue?: boolean }): Promise<void>;
  }>();

  function assertOpen(): void {
    if (closed) throw new PhotoreelError('BAD_REQUEST', 'The render queue is closed: open it again.');
  }

  function processJobs(handler: JobHandler, { concurrency }: { concurrency: number }): WorkerHandle {
    assertOpen();
    const slots = Math.max(1, Math.floor(concurrency));
    // Keyed by lease owner (one per claim), so a job this worker lost and claimed again is two entries.
    const running = new Map<string, Promise<void>>();
    const controllers = new Map<string, AbortController>();
    let stopping = false;
    let requeueing = false;
    let timer: NodeJS.Timeout | undefined;
    let closing: Promise<void> | undefined;

    const schedule = (ms: number): void => {
      if (stopping) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(pump, ms);
    };

    function pump(): void {
      timer = undefined;
      if (stopping) return;
      try {
        while (running.size < slots) {
          const job = claimTx.immediate(randomUUID());
          if (!job) break;
          start(job);
        }
      } catch (err) {
        onError(err);
      }
      schedule(pollMs);
    }

    const byJob = new Map<string, { owner: string; stop(): void }>();

    function start(job: Claimed): void {
      const { id, owner } = job;
      const controller = new AbortController();
      let lost = false;
      /** Cancelled by its owner (here or in another process): write nothing, the row already says so. */
      const stop = (): void => {
        if (lost) return;
        lost = true;
        controller.abort(new PhotoreelError('RENDER_CANCELLED', CANCELLED_MESSAGE));
      };
      byJob.set(id, { owner, stop });
      const watch = setInterval(() => {
        try {
          const row = stmt.leaseOf.get(id) as { lease_owner: string | null } | undefined;
          if (row?.lease_owner !== owner) stop();
        } catch (err) {
          onError(err);
        }
      }, cancelPollMs);
      const heartbeat = setInterval(
        () => {
          try {
            if (renew({ id, owner, expires: Date.now() + leaseMs }) === 0) {
              lost = true;
              controller.abort(
                new PhotoreelError(
                  'RENDER_CANCELLED',
                  'This worker lost the render to another worker; it stopped.',
                ),
              );
            }
          } catch (err) {
            onError(err);
          }
        },
        Math.max(50, Math.floor(leaseMs / 3)),
      );
      const throttle = createProgressThrottle(
        (progress) => void setProgress({ id, owner, progress, now: now() }),
        progressMs,
        onError,
      );
      const ctx = {
        signal: controller.signal,
        progress(fraction: number): void {
          if (!controller.signal.aborted) throttle.report(fraction);
        },
      };
      controllers.set(owner, controller);
      const run = (async () => {
        let failure: { error: JobError } | undefined;
        try {
          let payload: RenderJobPayload;
          try {
            payload = JSON.parse(job.payload) as RenderJobPayload;
          } catch {
            throw new PhotoreelError('RENDER_FAILED', 'The stored render job is damaged: export again.');
          }
          await handler(id, payload, ctx);
        } catch (err) {
          failure = { error: toJobError(err) };
        }
        clearInterval(heartbeat);
        clearInterval(watch);
        throttle.cancel();
        if (lost) return;
        const stamp = now();
        if (requeueing) requeue({ id, owner, now: stamp });
        else if (failure) fail({ id, owner, now: stamp, ...failure.error });
        else complete({ id, owner, now: stamp });
      })()
        .catch(onError)
        .finally(() => {
          running.delete(owner);
          controllers.delete(owner);
          if (byJob.get(id)?.owner === owner) byJob.delete(id);
          if (!stopping) setImmediate(pump);
        });
      running.set(owner, run);
    }

    const worker = {
      wake(): void {
        if (!stopping && running.size < slots) schedule(0);
      },
      cancelled(id: string): void {
        byJob.get(id)?.stop();
      },
      close(opts?: { requeue?: boolean }): Promise<void> {
        if (opts?.requeue && !requeueing) {
          requeueing = true;
          for (const c of controllers.values()) {
            c.abort(
              new PhotoreelError(
                'RENDER_CANCELLED',
                'The worker is shutting down: the render goes back to the queue and runs again.',
              ),
            );
          }
        }
        if (!closing) {
          stopping = true;
          if (timer) clearTimeout(timer);
          timer = undefined;
          closing = (async () => {
            while (running.size > 0) await Promise.allSettled([...running.values()]);
            workers.delete(worker);
          })();
        }
        return closing;
      },
    };
    workers.add(worker);
    schedule(0);
    return { close: (o) => worker.close(o) };
  }

  return {
    async add(id: string, payload: RenderJobPayload, opts: AddOptions = {}): Promise<JobState> {
      assertOpen();
      const row = await guardQueue('embedded', () => {
        insert({
          id,
          payload: JSON.stringify(payload),
          now: now(),
          owner: opts.owner ?? '',
          ...(opts.maxPerOwner !== undefined ? { maxPerOwner: opts.maxPerOwner } : {}),
          ...(opts.maxTotal !== undefined ? { maxTotal: opts.maxTotal } : {}),
        });
        return stmt.get.get(id) as Row | undefined;
      });
      if (!row) {
        throw new PhotoreelError(
          'RENDER_NOT_FOUND',
          `Render ${id} vanished right after it was added: add it again.`,
        );
      }
      for (const w of workers) w.wake();
      return toState(row);
    },
    async get(id: string): Promise<JobState | undefined> {
      assertOpen();
      const row = await guardQueue('embedded', () => stmt.get.get(id) as Row | undefined);
      return row ? toState(row) : undefined;
    },
    async cancel(id: string): Promise<JobState | undefined> {
      assertOpen();
      const row = await guardQueue('embedded', () => {
        const e = cancelledError();
        cancelRow({ id, ...e, now: now() });
        return stmt.get.get(id) as Row | undefined;
      });
      for (const w of workers) w.cancelled(id);
      return row ? toState(row) : undefined;
    },
    async ping(): Promise<void> {
      assertOpen();
      await guardQueue('embedded', () => stmt.ping.get());
    },
    process: processJobs,
    async close(): Promise<void> {
      if (closed) return;
      await Promise.all([...workers].map((w) => w.close({ requeue: true })));
      closed = true;
      if (ownsDb) db.close();
    },
  };
}
