import {
  TRACK_AUDIO,
  TRACK_TEXT,
  videoTrack,
  type AudioItem,
  type Draft,
  type TextItem,
  type VideoItem,
} from '../draft.ts';
import { itemTimings, type ItemTiming } from '../timing.ts';
import { jsonEqual, clone } from './json.ts';

export interface SettleOptions {
  /** For each item after the edit, the index it had before (undefined: a new item). Default: same index. */
  origin?: readonly (number | undefined)[];
  /** The edit moved items around: a transition that was the same on every cut stays on every cut. */
  keepUniformTransitions?: boolean;
}

/** The one transition every cut had, when they all had the same one. */
export function uniformTransition(items: readonly VideoItem[]): VideoItem['m']['tr'] | undefined {
  if (items.length < 2) return undefined;
  const first = items[0]?.m.tr;
  if (!first) return undefined;
  return items.slice(0, -1).every((it) => jsonEqual(it.m.tr, first)) ? first : undefined;
}

/**
 * The transition rules after items changed: a transition that was on every cut of `oldItems` stays on
 * every cut (when `keepUniform`), transitions are clamped to the shorter neighbour and dropped from the
 * last item. Mutates `items`.
 */
export function settleTransitions(
  oldItems: readonly VideoItem[],
  items: VideoItem[],
  keepUniform: boolean,
): void {
  if (keepUniform) {
    const uniform = uniformTransition(oldItems);
    if (uniform) items.slice(0, -1).forEach((it) => (it.m.tr ??= clone(uniform)));
  }
  items.forEach((item, i) => {
    const next = items[i + 1];
    if (!next) {
      delete item.m.tr;
      return;
    }
    if (item.m.tr) item.m.tr.d = Math.min(item.m.tr.d, item.d, next.d);
  });
}

/** How the video items changed: their timings before and after, and where each item came from. */
export interface ItemMove {
  oldTimes: readonly ItemTiming[];
  newTimes: readonly ItemTiming[];
  /** For each item after, its index before (undefined: a new item). */
  origin: readonly (number | undefined)[];
}

/**
 * Where a text segment goes when the items changed (the video still has a length): a title (start 0)
 * stays at the start, as long as the video when it was, cut otherwise; a caption that matched an item
 * follows that item (and goes with it); anything else is cut at the end or goes when it starts after it.
 * Mutates and returns `seg`, or undefined when it goes.
 */
export function fitTextSegment(seg: TextItem, move: ItemMove): TextItem | undefined {
  const oldTotal = move.oldTimes.at(-1)?.end ?? 0;
  const total = move.newTimes.at(-1)?.end ?? 0;
  if (seg.s === 0) {
    seg.d = seg.d >= oldTotal ? total : Math.min(seg.d, total);
    return seg;
  }
  const was = move.oldTimes.findIndex((t) => t.start === seg.s && t.end - t.start === seg.d);
  if (was >= 0) {
    const t = move.newTimes[move.origin.indexOf(was)];
    if (!t) return undefined;
    seg.s = t.start;
    seg.d = t.end - t.start;
    return seg;
  }
  if (seg.s >= total) return undefined;
  seg.d = Math.min(seg.d, total - seg.s);
  return seg;
}

/**
 * Keeps a draft valid and sensible after its video items changed (spec/draft.md timing rules):
 * transitions are clamped to the shorter neighbour and dropped from the last item; music that
 * covered the whole video keeps covering it; titles stay at the start; captions that matched an
 * item follow that item; everything else is cut at the video's end. Mutates and returns `after`.
 */
export function settle(before: Draft, after: Draft, options: SettleOptions = {}): Draft {
  const oldItems = videoTrack(before)?.sg ?? [];
  const items = videoTrack(after)?.sg ?? [];
  const origin = options.origin ?? items.map((_, i) => (i < oldItems.length ? i : undefined));
  settleTransitions(oldItems, items, options.keepUniformTransitions ?? false);

  const move: ItemMove = { oldTimes: itemTimings(oldItems), newTimes: itemTimings(items), origin };
  const oldTotal = move.oldTimes.at(-1)?.end ?? 0;
  const total = move.newTimes.at(-1)?.end ?? 0;
  if (total === 0) return after;

  for (const track of after.t) {
    if (track.tt === TRACK_AUDIO) {
      track.sg = track.sg.flatMap((seg) => fitAudioSegment(seg, oldTotal, total) ?? []);
    }
    if (track.tt === TRACK_TEXT) {
      track.sg = track.sg.flatMap((seg) => fitTextSegment(seg, move) ?? []);
      track.sg.sort((a, b) => a.s - b.s);
    }
  }
  return after;
}

/**
 * Where an audio segment goes when the video's length changes from `oldTotal` to `total` (> 0): one that
 * covered the whole video keeps covering it, one that starts after the end goes (undefined), others are
 * cut at the end; fades never last longer than the segment. Mutates and returns `seg`.
 */
export function fitAudioSegment(seg: AudioItem, oldTotal: number, total: number): AudioItem | undefined {
  if (seg.s === 0 && seg.d >= oldTotal) seg.d = total;
  else if (seg.s >= total) return undefined;
  else seg.d = Math.min(seg.d, total - seg.s);
  if (seg.m.fadeIn !== undefined) seg.m.fadeIn = Math.min(seg.m.fadeIn, seg.d);
  if (seg.m.fadeOut !== undefined) seg.m.fadeOut = Math.min(seg.m.fadeOut, seg.d);
  return seg;
}

/** Resolves `all` or a list of indexes against the video track; throws via `fail` when one is out of range. */
export function targetIndexes(
  items: readonly unknown[],
  which: 'all' | readonly number[],
  fail: (sentence: string) => Error,
): number[] {
  if (which === 'all') return items.map((_, i) => i);
  for (const i of which) {
    if (i >= items.length) {
      throw fail(
        `There is no item ${i + 1}: the video has ${items.length} item${items.length === 1 ? '' : 's'}. Nothing was changed.`,
      );
    }
  }
  return [...which];
}
