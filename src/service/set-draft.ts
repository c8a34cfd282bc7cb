import { PhotoreelError } from '../errors.ts';
import { parseDraft, TRACK_TEXT, type Draft } from '../timeline/draft.ts';
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

/** Every asset an item draws must be this session's media: MEDIA_NOT_FOUND naming the first item that is not. */
function checkAssets(draft: Draft, has: (id: string) => boolean): void {
  for (const [ti, track] of draft.t.entries()) {
    if (track.tt === TRACK_TEXT) continue;
    for (const [si, seg] of track.sg.entries()) {
      if (has(seg.src)) continue;
      const where = `t[${ti}].sg[${si}].src`;
      throw new PhotoreelError(
        'MEDIA_NOT_FOUND',
        `The draft uses asset ${seg.src.slice(0, 64)} at ${where}, which is not in this session: use an id the session's video_infos list, or upload the file to this session first.`,
        { path: ['t', String(ti), 'sg', String(si), 'src'], asset: seg.src.slice(0, 64) },
      );
    }
  }
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
  const byId = new Map(media.map((m) => [m.id, { name: m.label, kind: m.kind }]));
  checkAssets(draft, (id) => byId.has(id));
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
