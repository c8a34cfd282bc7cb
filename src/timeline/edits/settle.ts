import { TRACK_AUDIO, TRACK_TEXT, videoTrack, type Draft, type VideoItem } from '../draft.ts';
import { itemTimings } from '../timing.ts';
import { jsonEqual, clone } from './json.ts';

export interface SettleOptions {
  /** For each item after the edit, the index it had before (undefined: a new item). Default: same index. */
  origin?: readonly (number | undefined)[];
  /** The edit moved items around: a transition that was the same on every cut stays on every cut. */
  keepUniformTransitions?: boolean;
}

/** The one transition every cut had, when they all had the same one. */
function uniformTransition(items: readonly VideoItem[]): VideoItem['m']['tr'] | undefined {
  if (items.length < 2) return undefined;
  const first = items[0]?.m.tr;
  if (!first) return undefined;
  return items.slice(0, -1).every((it) => jsonEqual(it.m.tr, first)) ? first : undefined;
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

  if (options.keepUniformTransitions) {
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

  const oldTimes = itemTimings(oldItems);
  const newTimes = itemTimings(items);
  const oldTotal = oldTimes.at(-1)?.end ?? 0;
  const total = newTimes.at(-1)?.end ?? 0;
  if (total === 0) return after;

  for (const track of after.t) {
    if (track.tt === TRACK_AUDIO) {
      track.sg = track.sg.filter((seg) => {
        if (seg.s === 0 && seg.d >= oldTotal) seg.d = total;
        else if (seg.s >= total) return false;
        else seg.d = Math.min(seg.d, total - seg.s);
        if (seg.m.fadeIn !== undefined) seg.m.fadeIn = Math.min(seg.m.fadeIn, seg.d);
        if (seg.m.fadeOut !== undefined) seg.m.fadeOut = Math.min(seg.m.fadeOut, seg.d);
        return true;
      });
    }
    if (track.tt === TRACK_TEXT) {
      track.sg = track.sg.filter((seg) => {
        if (seg.s === 0) {
          seg.d = seg.d >= oldTotal ? total : Math.min(seg.d, total);
          return true;
        }
        const was = oldTimes.findIndex((t) => t.start === seg.s && t.end - t.start === seg.d);
        if (was >= 0) {
          const now = origin.indexOf(was);
          const t = newTimes[now];
          if (!t) return false;
          seg.s = t.start;
          seg.d = t.end - t.start;
          return true;
        }
        if (seg.s >= total) return false;
        seg.d = Math.min(seg.d, total - seg.s);
        return true;
      });
      track.sg.sort((a, b) => a.s - b.s);
    }
  }
  return after;
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
