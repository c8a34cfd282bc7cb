/** Embedded-only behaviour beyond the conformance suite: leases lost to another owner, and workers that keep dying. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedQueue } from '../../src/queue/embedded-queue.ts';
import { createQueue, embeddedQueuePath } from '../../src/queue/create-queue.ts';
import type { RenderJobPayload, RenderQueue } from '../../src/queue/types.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';

const payload: RenderJobPayload = {
  draft: slideshowDraft([{ id: 'p1', kind: 'image' }], { seconds: 1 }),
  assets: {},
  output: 'renders/x.mp4',
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('embedded queue leases', () => {
  let dir: string;
  let dbPath: string;
  const open: RenderQueue[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-lease-'));
    dbPath = path.join(dir, 'queue.db');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its jobs in a WAL-mode SQLite file', async () => {
    const q = createEmbeddedQueue({ dbPath });
    open.push(q);
    await q.add('a', payload);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT status FROM render_jobs WHERE id = ?').get('a')).toEqual({
        status: 'queued',
      });
    } finally {
      db.close();
    }
  });

  it('opens a queue file of the first version: its queued jobs keep their order and run; owners are added', async () => {
    const old = new Database(dbPath);
    old.exec(`CREATE TABLE render_jobs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('queued', 'rendering', 'completed', 'failed')),
      payload TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, error_code INTEGER, error_message TEXT,
      attempts INTEGER NOT NULL DEFAULT 0, lease_owner TEXT, lease_expires INTEGER,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
    const insert = old.prepare(
      "INSERT INTO render_jobs (id, status, payload, created_at, updated_at) VALUES (?, 'queued', ?, 'x', 'x')",
    );
    insert.run('old-1', JSON.stringify(payload));
    insert.run('old-2', JSON.stringify(payload));
    old.close();
    // Two processes' worth of opens at once: each column is added once.
    const [q, q2] = [
      createEmbeddedQueue({ dbPath, pollMs: 20 }),
      createEmbeddedQueue({ dbPath, pollMs: 20 }),
    ];
    open.push(q!, q2!);
    await q!.add('new-1', payload, { owner: 'A', maxPerOwner: 1 });
    await expect(q!.add('new-2', payload, { owner: 'A', maxPerOwner: 1 })).rejects.toMatchObject({
      code: 4205,
    });
    const ran: string[] = [];
    q!.process(
      async (id) => {
        ran.push(id);
      },
      { concurrency: 1 },
    );
    await until('all ran', async () => ran.length === 3);
    expect(ran).toEqual(['old-1', 'old-2', 'new-1']);
  });

  it('a worker that loses its lease is aborted and writes nothing', async () => {
    const q = createEmbeddedQueue({ dbPath, leaseMs: 300, pollMs: 20 });
    open.push(q);
    await q.add('stolen', payload);
    let aborted = false;
    q.process(
      async (_id, _p, ctx) => {
        await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }));
        aborted = true;
      },
      { concurrency: 1 },
    );
    await until('rendering', async () => (await q.get('stolen'))?.status === 'rendering');
    const db = new Database(dbPath);
    try {
      db.prepare(
        `UPDATE render_jobs SET lease_owner = 'someone-else', lease_expires = ? WHERE id = 'stolen'`,
      ).run(Date.now() + 60_000);
      await until('the handler to be aborted', () => aborted);
      await sleep(100);
      expect(db.prepare(`SELECT status, lease_owner FROM render_jobs WHERE id = 'stolen'`).get()).toEqual({
        status: 'rendering',
        lease_owner: 'someone-else',
      });
    } finally {
      db.close();
    }
  });

  it('a job whose worker died maxAttempts times fails with RENDER_FAILED instead of running again', async () => {
    const q = createEmbeddedQueue({ dbPath, leaseMs: 300, pollMs: 20, maxAttempts: 2 });
    open.push(q);
    await q.add('poison', payload);
    const db = new Database(dbPath);
    db.prepare(
      `UPDATE render_jobs SET status = 'rendering', attempts = 2, lease_owner = 'dead', lease_expires = ? WHERE id = 'poison'`,
    ).run(Date.now() - 1);
    db.close();
    let calls = 0;
    q.process(
      async () => {
        calls++;
      },
      { concurrency: 1 },
    );
    const failed = await until('failed', async () => {
      const s = await q.get('poison');
      return s?.status === 'failed' ? s : undefined;
    });
    expect(failed.error?.code).toBe(5001);
    expect(calls).toBe(0);
  });

  it('worker processes sharing one database file handle every job exactly once', async () => {
    const q = createEmbeddedQueue({ dbPath, pollMs: 20 });
    open.push(q);
    const ids = Array.from({ length: 60 }, (_, i) => `x${i}`);
    const spec = JSON.stringify({ kind: 'embedded', dbPath, leaseMs: 5000 });
    const script = path.join(import.meta.dirname, 'count-worker.ts');
    const procs = [0, 1].map(() =>
      spawn(process.execPath, ['--import', 'tsx', script, spec], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const outs = procs.map(() => '');
    procs.forEach((p, i) => p.stdout.on('data', (c: Buffer) => (outs[i] += c.toString())));
    // Two tsx processes start slowly on a busy machine.
    await until('both worker processes to be ready', () => outs.every((o) => o.includes('ready')), 40_000);
    for (const id of ids) await q.add(id, payload);
    const handledHere: string[] = [];
    q.process(
      async (id) => {
        await sleep(15);
        handledHere.push(id);
      },
      { concurrency: 2 },
    );
    try {
      await until('all jobs completed', async () => {
        for (const id of ids) if ((await q.get(id))?.status !== 'completed') return false;
        return true;
      });
    } finally {
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(
        procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))),
      );
    }
    const handled = [
      ...outs.flatMap((o) => [...o.matchAll(/^done (\S+)$/gm)].map((m) => m[1])),
      ...handledHere,
    ];
    expect(handled.sort()).toEqual([...ids].sort());
    expect(outs.some((o) => o.includes('done '))).toBe(true);
  });

  it('a database locked longer than busyTimeoutMs answers QUEUE_UNAVAILABLE', async () => {
    const q = createEmbeddedQueue({ dbPath, busyTimeoutMs: 100 });
    open.push(q);
    const holder = new Database(dbPath);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      await expect(q.add('blocked', payload)).rejects.toMatchObject({ key: 'QUEUE_UNAVAILABLE', code: 5005 });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await q.add('blocked', payload)).status).toBe('queued');
  });

  it('createQueue without a Redis URL keeps jobs in <dataDir>/queue.db', async () => {
    const dataDir = path.join(dir, 'data');
    const q = createQueue({ dataDir });
    open.push(q);
    await q.add('here', payload);
    await q.close();
    const again = createEmbeddedQueue({ dbPath: embeddedQueuePath(dataDir) });
    open.push(again);
    expect((await again.get('here'))?.status).toBe('queued');
  });
});
