import { PhotoreelError } from '../errors.ts';
import type { HistoryJSON } from '../instruct/types.ts';
import type { SessionRow } from '../store/sessions-repo.ts';
import { slideshowDraft } from '../timeline/build.ts';
import { parseDraft, type Draft } from '../timeline/draft.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';

export interface NewSession {
  task_id: string;
  session_id: string;
}

const LANGUAGE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

/** A new session (a project) of this token, starting from an empty landscape draft. */
export function createSession(
  ctx: ServiceContext,
  tokenHash: string,
  input: { task_name?: string | undefined; language?: string | undefined },
): NewSession {
  const language = input.language?.trim() || 'en';
  if (!LANGUAGE.test(language)) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'The language is not valid: send a language code such as "en" or "zh".',
    );
  }
  const now = ctx.now().toISOString();
  const id = newId('s_');
  const taskId = newId('t_');
  const history: HistoryJSON = { done: [], undone: [] };
  ctx.store.sessions.insert({
    id,
    taskId,
    tokenHash,
    taskName: (input.task_name ?? 'project').slice(0, 200),
    language: language.toLowerCase(),
    draft: JSON.stringify(slideshowDraft([])),
    history: JSON.stringify(history),
    createdAt: now,
    updatedAt: now,
  });
  return { task_id: taskId, session_id: id };
}

/** The session if it is this token's; SESSION_NOT_FOUND otherwise (another token's looks exactly like a missing one). */
export function ownedSession(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string | undefined,
): SessionRow {
  const row =
    sessionId && sessionId.length <= 100 ? ctx.store.sessions.getOwned(sessionId, tokenHash) : undefined;
  if (!row)
    throw new PhotoreelError('SESSION_NOT_FOUND', 'This session does not exist: create a new session.');
  return row;
}

export function sessionDraft(row: SessionRow): Draft {
  return parseDraft(JSON.parse(row.draft));
}

export function sessionHistory(row: SessionRow): HistoryJSON {
  const h = JSON.parse(row.history) as Partial<HistoryJSON>;
  return { done: h.done ?? [], undone: h.undone ?? [], ...(h.made ? { made: h.made } : {}) };
}
