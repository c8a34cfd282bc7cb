import { PhotoreelError } from '../errors.ts';
import { MAX_EDITS_PER_REQUEST } from '../protocol/requests.ts';
import { checkRenderable } from '../render/renderable.ts';
import { TRACK_TEXT, type Draft } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import { jsonEqual } from '../timeline/edits/json.ts';
import { editFromJSON } from '../timeline/edits/registry.ts';
import { History } from '../timeline/history.ts';
import type { ServiceContext } from './context.ts';
import { draftWithinLimits, historyWithinLimits } from './draft-limits.ts';
import { ownedSession, sessionDraft, sessionHistory } from './sessions.ts';

export { MAX_EDITS_PER_REQUEST };

export interface AppliedEdits {
  /** Whether the draft changed (false when the edits left it as it was: no undo step was recorded). */
  changed: boolean;
  /** How many edits were applied (groups opened into their parts). */
  applied: number;
}

/** The asset ids the draft's video and audio items draw. */
function assetIds(draft: Draft): Set<string> {
  const ids = new Set<string>();
  for (const track of draft.t) {
    if (track.tt === TRACK_TEXT) continue;
    for (const seg of track.sg) ids.add(seg.src);
  }
  return ids;
}

/** Reads the edits of a request (BAD_REQUEST for a malformed one, naming its index). */
function readEdits(input: readonly unknown[]): Edit[] {
  if (input.length > MAX_EDITS_PER_REQUEST) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The request has ${input.length} edits, more than ${MAX_EDITS_PER_REQUEST}: send them in several requests, or as one replace_draft.`,
    );
  }
  return input.map((json, i) => {
    try {
      return editFromJSON(json);
    } catch (e) {
      if (e instanceof PhotoreelError) {
        throw new PhotoreelError(e.key, `Edit ${i}: ${e.message}`, { ...(e.details ?? {}), index: i });
      }
      throw e;
    }
  });
}

/**
 * Applies timeline edits (the JSON of src/timeline/edits, `{name, args}`) to a session's draft as ONE undo step,
 * free of charge: "undo" then takes the whole request back, like an instruction's step. All or nothing: an edit that
 * is malformed (BAD_REQUEST) or does not fit the draft (EDIT_INVALID), an asset that is not this session's
 * (MEDIA_NOT_FOUND) or a result over the draft limits (DRAFT_TOO_LARGE) leaves the session as it was. A save that
 * lost a race with an instruction is redone on the newer draft. Edits that change nothing record no step.
 */
export function applySessionEdits(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string,
  input: readonly unknown[],
): AppliedEdits {
  const session = ownedSession(ctx, tokenHash, sessionId);
  const edits = readEdits(input);
  const media = new Map(ctx.store.media.list(session.id).map((m) => [m.id, m.info]));
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = attempt === 0 ? session : ownedSession(ctx, tokenHash, session.id);
    const before = sessionDraft(row);
    const step = History.fromJSON(sessionHistory(row)).push(before, edits);
    if (step.applied.length === 0 || jsonEqual(before, step.draft)) return { changed: false, applied: 0 };
    // Judged on what the edits bring: assets the draft already drew are accepted as they are.
    checkRenderable(step.draft, (id) => media.get(id), { known: assetIds(before) });
    const draftJson = draftWithinLimits(step.draft, ctx.config);
    const history = historyWithinLimits(step.history.toJSON(), ctx.config);
    const saved = ctx.store.sessions.save(
      row.id,
      row.version,
      draftJson,
      history.json,
      ctx.now().toISOString(),
    );
    if (!saved) continue; // an instruction saved first: apply onto its draft
    ctx.log.info(
      { session: row.id, edits: step.applied.length, historyDropped: history.dropped },
      'edits applied',
    );
    return { changed: true, applied: step.applied.length };
  }
  throw new PhotoreelError(
    'BAD_REQUEST',
    'This session kept changing while the edits were saved: send them again.',
  );
}

/**
 * Takes back the session's newest undo step (`undo`), or does again the newest undone one (`redo`), free of charge:
 * the same history instructions, `PUT …/draft` and `POST …/edits` record into ("undo" through /run_sse does the
 * same for a credit). `changed` is false when there was nothing to undo or redo.
 */
export function stepSessionHistory(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string,
  direction: 'undo' | 'redo',
): AppliedEdits {
  const session = ownedSession(ctx, tokenHash, sessionId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = attempt === 0 ? session : ownedSession(ctx, tokenHash, session.id);
    const history = History.fromJSON(sessionHistory(row));
    const draft = sessionDraft(row);
    const step = direction === 'undo' ? history.undo(draft) : history.redo(draft);
    if (!step) return { changed: false, applied: 0 };
    const draftJson = draftWithinLimits(step.draft, ctx.config);
    const limited = historyWithinLimits(step.history.toJSON(), ctx.config);
    if (!ctx.store.sessions.save(row.id, row.version, draftJson, limited.json, ctx.now().toISOString()))
      continue;
    ctx.log.info({ session: row.id, edits: step.applied.length }, direction === 'undo' ? 'undone' : 'redone');
    return { changed: true, applied: step.applied.length };
  }
  throw new PhotoreelError(
    'BAD_REQUEST',
    `This session kept changing during the ${direction}: send it again.`,
  );
}
