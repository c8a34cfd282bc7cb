import { PhotoreelError } from '../errors.ts';
import { checkRenderable } from '../render/renderable.ts';
import { parseDraft, type Draft } from '../timeline/draft.ts';
import { replaceDraft } from '../timeline/edits/replace-draft.ts';
import { History } from '../timeline/history.ts';
import { summarize } from '../timeline/summary.ts';
import type { ServiceContext } from './context.ts';
import { draftWithinLimits, historyWithinLimits } from './draft-limits.ts';
import { ownedSession, sessionDraft, sessionHistory } from './sessions.ts';

export interface SetDraftResult {
  /** The draft as saved (validated, defaults filled in). */
  draft: Draft;
  /** The one-line timeline summary of the saved draft. */
  summary: string;
}

/**
 * Replaces a session's draft (no credits). Validates it (DRAFT_INVALID naming the field, DRAFT_TOO_NEW), checks
 * that every asset is this session's media (MEDIA_NOT_FOUND naming the item), then saves draft and history
 * together as one undoable `replace_draft` step, so "undo" brings the previous draft back. A save that lost a
 * race with an instruction is retried on the newer history.
 */
export function setSessionDraft(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string,
  input: unknown,
): SetDraftResult {
  const session = ownedSession(ctx, tokenHash, sessionId);
  const draft = parseDraft(input);
  draftWithinLimits(draft, ctx.config);
  const media = ctx.store.media.list(session.id);
  const byId = new Map(media.map((m) => [m.id, { name: m.label, kind: m.kind, info: m.info }]));
  checkRenderable(draft, (id) => byId.get(id)?.info);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = attempt === 0 ? session : ownedSession(ctx, tokenHash, session.id);
    const step = History.fromJSON(sessionHistory(row)).push(sessionDraft(row), [replaceDraft({ draft })]);
    const history = historyWithinLimits(step.history.toJSON(), ctx.config);
    const saved = ctx.store.sessions.save(
      row.id,
      row.version,
      draftWithinLimits(step.draft, ctx.config),
      history.json,
      ctx.now().toISOString(),
    );
    if (!saved) continue; // an instruction saved first: push onto its history
    ctx.log.info({ session: row.id, historyDropped: history.dropped }, 'draft replaced');
    return { draft: step.draft, summary: summarize(step.draft, (id) => byId.get(id)) };
  }
  throw new PhotoreelError(
    'BAD_REQUEST',
    'This session kept changing while the draft was saved: send it again.',
  );
}
