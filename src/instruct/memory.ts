import { textTracks, type Draft } from '../timeline/draft.ts';
import type { EditJSON } from '../timeline/edit.ts';
import { History } from '../timeline/history.ts';
import { isPhotoreelError } from '../errors.ts';
import type { HistoryJSON } from './types.ts';

/** The step before this instruction: its edits (forward) and the draft before it. */
export interface PriorStep {
  forward: EditJSON[];
  base: Draft;
  /** The history without that step (to put a corrected step in its place). */
  without: HistoryJSON;
}

/** The newest undo step of the history, read forward (what the person did last), or undefined. */
export function priorStep(history: HistoryJSON | undefined, draft: Draft): PriorStep | undefined {
  if (!history || history.done.length === 0) return undefined;
  try {
    const step = History.fromJSON(history).undo(draft);
    if (!step) return undefined;
    const json = step.history.toJSON();
    // The edits as they were asked when the history keeps them, else the inverse of the inverse.
    const made = (history as { made?: EditJSON[][] }).made?.at(-1);
    const forward = made && made.length > 0 ? made : json.undone.at(-1);
    if (!forward) return undefined;
    const without: HistoryJSON = { done: json.done, undone: [] };
    const madeBefore = (history as { made?: EditJSON[][] }).made?.slice(0, -1);
    if (madeBefore) (without as { made?: EditJSON[][] }).made = madeBefore;
    return { forward: forward.map(asAsked), base: step.draft, without };
  } catch (e) {
    if (!isPhotoreelError(e)) throw e;
    return undefined;
  }
}

/** Markers that correct the previous words: "sorry", "hmm", "on second thought", "I meant", "算了", "我是说". */
export const CORRECTION =
  /^(?:sorry|oops|no|nope|wait|hmm+|hm+|actually|on second thought|on reflection|scratch that|rather|wrong(?: \w+)?|my (?:bad|mistake)|i meant|i mean|correction)\b|\binstead\b|\bi meant\b|^(?:算了|不对|不是|搞错了|说错了|我是说|其实|还是|嗯|呃|哦)/;

/** A clause that is only a correction marker ("sorry", "hmm", "算了"): it qualifies the clause after it. */
export const MARKER_ONLY =
  /^(?:sorry|oops|no|nope|wait|hmm+|hm+|actually|on second thought|on reflection|scratch that|my (?:bad|mistake)|wrong(?: \w+)?|算了|不对|搞错了|说错了|嗯|呃|哦|等等)$/;

/** "same for photo 5", "the title too", "最后一张也一样": the last frame again on a new target. */
export const SAME_FOR =
  /^(?:(?:and |do )?(?:the )?same (?:for|with|to|on)\b|(?:same|ditto) (?:for|with)\b)|\b(?:too|as well|also)$|也一样|也是这样|也这样|同样|也要|也改/;

/** "that", "it", "this caption", "那个标题": what was touched last. */
export const THAT = /\b(?:that|it|this|those|these)\b|那个|那张|那行|这个|它/;

/** The text segment the newest of these edits touched, as an index into the draft's text track. */
export function lastTextIndex(edits: readonly EditJSON[], draft: Draft): number | undefined {
  const segs = textTracks(draft)[0]?.sg ?? [];
  for (let k = edits.length - 1; k >= 0; k--) {
    const e = edits[k]!;
    const a = e.args as { text?: string; s?: number; index?: number };
    if (e.name === 'add_text') {
      const i = segs.findIndex((x) => x.text === a.text && (a.s === undefined || x.s === a.s));
      if (i >= 0) return i;
    }
    if (e.name === 'set_text' && typeof a.index === 'number' && a.index < segs.length) return a.index;
  }
  return undefined;
}

/** An inverse of an inverse read as the person's edit: `insert_text {index, item}` is the `add_text` it undoes. */
function asAsked(e: EditJSON): EditJSON {
  if (e.name === 'insert_text') {
    const a = e.args as { item?: { text: string; s: number; d: number; m?: Record<string, unknown> } };
    if (a.item)
      return { name: 'add_text', args: { text: a.item.text, s: a.item.s, d: a.item.d, ...(a.item.m ?? {}) } };
  }
  return e;
}
