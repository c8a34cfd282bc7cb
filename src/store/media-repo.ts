import type { MediaInfo, MediaKind } from '../media/types.ts';
import type { Db } from './open-database.ts';

export interface MediaRow {
  id: string;
  sessionId: string;
  kind: MediaKind;
  mime: string;
  ext: string;
  size: number;
  width?: number;
  height?: number;
  durationMs?: number;
  /** The client's file name, sanitised: shown to people, never used as a path. */
  label: string;
  /** Relative to the data folder: uploads/<session>/<id>.<ext>. */
  path: string;
  capturedAt?: string;
  info: MediaInfo;
  createdAt: string;
}

interface Raw {
  id: string;
  session_id: string;
  kind: MediaKind;
  mime: string;
  ext: string;
  size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  label: string;
  path: string;
  captured_at: string | null;
  info: string;
  created_at: string;
}

function toRow(r: Raw): MediaRow {
  return {
    id: r.id,
    sessionId: r.session_id,
    kind: r.kind,
    mime: r.mime,
    ext: r.ext,
    size: r.size,
    ...(r.width != null ? { width: r.width } : {}),
    ...(r.height != null ? { height: r.height } : {}),
    ...(r.duration_ms != null ? { durationMs: r.duration_ms } : {}),
    label: r.label,
    path: r.path,
    ...(r.captured_at ? { capturedAt: r.captured_at } : {}),
    info: JSON.parse(r.info) as MediaInfo,
    createdAt: r.created_at,
  };
}

export function mediaRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO media (id, session_id, seq, kind, mime, ext, size, width, height, duration_ms, label, path, captured_at, info, created_at)
     VALUES (@id, @sessionId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM media WHERE session_id = @sessionId),
             @kind, @mime, @ext, @size, @width, @height, @durationMs, @label, @path, @capturedAt, @info, @createdAt)`,
  );
  const list = db.prepare<[string], Raw>('SELECT * FROM media WHERE session_id = ? ORDER BY seq');
  const get = db.prepare<[string, string], Raw>('SELECT * FROM media WHERE session_id = ? AND id = ?');
  const insertAll = db.transaction((rows: MediaRow[]) => {
    for (const m of rows) {
      insert.run({
        id: m.id,
        sessionId: m.sessionId,
        kind: m.kind,
        mime: m.mime,
        ext: m.ext,
        size: m.size,
        width: m.width ?? null,
        height: m.height ?? null,
        durationMs: m.durationMs ?? null,
        label: m.label,
        path: m.path,
        capturedAt: m.capturedAt ?? null,
        info: JSON.stringify(m.info),
        createdAt: m.createdAt,
      });
    }
  });
  return {
    /** Adds the items of one upload together (all or none), in upload order. */
    insertAll(rows: MediaRow[]): void {
      insertAll.immediate(rows);
    },
    list(sessionId: string): MediaRow[] {
      return list.all(sessionId).map(toRow);
    },
    get(sessionId: string, id: string): MediaRow | undefined {
      const r = get.get(sessionId, id);
      return r ? toRow(r) : undefined;
    },
  };
}
export type MediaRepo = ReturnType<typeof mediaRepo>;
