import type { Db } from './open-database.ts';

export interface SessionRow {
  id: string;
  taskId: string;
  tokenHash: string;
  taskName: string;
  language: string;
  /** Draft JSON text. */
  draft: string;
  /** History JSON text (undo/redo stacks). */
  history: string;
  /** Bumped on every save: saves name the version they started from (optimistic concurrency). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Raw {
  id: string;
  task_id: string;
  token_hash: string;
  task_name: string;
  language: string;
  draft: string;
  history: string;
  version: number;
  created_at: string;
  updated_at: string;
}

const toRow = (r: Raw): SessionRow => ({
  id: r.id,
  taskId: r.task_id,
  tokenHash: r.token_hash,
  taskName: r.task_name,
  language: r.language,
  draft: r.draft,
  history: r.history,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function sessionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, task_id, token_hash, task_name, language, draft, history, version, created_at, updated_at)
     VALUES (@id, @taskId, @tokenHash, @taskName, @language, @draft, @history, 0, @createdAt, @updatedAt)`,
  );
  const getOwned = db.prepare<[string, string], Raw>(
    'SELECT * FROM sessions WHERE id = ? AND token_hash = ?',
  );
  const save = db.prepare(
    `UPDATE sessions SET draft = @draft, history = @history, version = version + 1, updated_at = @now
     WHERE id = @id AND version = @version`,
  );
  return {
    insert(row: Omit<SessionRow, 'version'>): void {
      insert.run(row);
    },
    /** The session when it belongs to this token; undefined otherwise (another token's looks like a missing one). */
    getOwned(id: string, tokenHash: string): SessionRow | undefined {
      const r = getOwned.get(id, tokenHash);
      return r ? toRow(r) : undefined;
    },
    /** Saves draft and history together if nobody saved since `version`; false when someone did. */
    save(id: string, version: number, draft: string, history: string, now: string): boolean {
      return save.run({ id, version, draft, history, now }).changes === 1;
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
