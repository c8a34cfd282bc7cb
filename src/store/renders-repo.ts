import type { Db } from './open-database.ts';

export interface RenderRow {
  /** The client's id (`render_<ts>`), unique per token. */
  id: string;
  tokenHash: string;
  /** The queue's id: unique across tokens, so two clients choosing the same id never meet. */
  jobId: string;
  sessionId: string;
  /** Relative to the data folder: renders/<jobId>.mp4. */
  output: string;
  createdAt: string;
}

interface Raw {
  id: string;
  token_hash: string;
  job_id: string;
  session_id: string;
  output: string;
  created_at: string;
}

const toRow = (r: Raw): RenderRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  jobId: r.job_id,
  sessionId: r.session_id,
  output: r.output,
  createdAt: r.created_at,
});

export function rendersRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO renders (token_hash, id, job_id, session_id, output, created_at)
     VALUES (@tokenHash, @id, @jobId, @sessionId, @output, @createdAt)`,
  );
  const getOwned = db.prepare<[string, string], Raw>('SELECT * FROM renders WHERE token_hash = ? AND id = ?');
  const byJob = db.prepare<[string], Raw>('SELECT * FROM renders WHERE job_id = ?');
  const bySession = db.prepare<[string], Raw>(
    'SELECT * FROM renders WHERE session_id = ? ORDER BY created_at, id',
  );
  return {
    /** Inserts unless this token already has this id; returns the stored row either way. */
    insertOrGet(row: RenderRow): { row: RenderRow; created: boolean } {
      const created = insert.run(row).changes === 1;
      const stored = getOwned.get(row.tokenHash, row.id);
      if (!stored) throw new Error(`render ${row.id} vanished after insert`);
      return { row: toRow(stored), created };
    },
    getOwned(tokenHash: string, id: string): RenderRow | undefined {
      const r = getOwned.get(tokenHash, id);
      return r ? toRow(r) : undefined;
    },
    byJob(jobId: string): RenderRow | undefined {
      const r = byJob.get(jobId);
      return r ? toRow(r) : undefined;
    },
    listForSession(sessionId: string): RenderRow[] {
      return bySession.all(sessionId).map(toRow);
    },
  };
}
export type RendersRepo = ReturnType<typeof rendersRepo>;
