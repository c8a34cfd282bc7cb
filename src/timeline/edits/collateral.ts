import {
  TRACK_AUDIO,
  TRACK_TEXT,
  audioTracks,
  textTracks,
  videoTrack,
  type Draft,
  type VideoItem,
} from '../draft.ts';
import type { Edit } from '../edit.ts';
import { itemTimings } from '../timing.ts';
import { clone, jsonEqual } from './json.ts';
import { restoreMusic, restoreText, tracksOf } from './restore-tracks.ts';
import { restoreTransitions } from './set-transition.ts';
import { groupOf } from './group.ts';
import { fitAudioSegment, fitTextSegment, settle, settleTransitions, type ItemMove } from './settle.ts';
import { ensureVideoTrack, videoItems } from './video-items.ts';

/** What an edit does to the video items, before the timing rules (settle) run. */
export interface Reshape {
  /** The items after the edit (fresh objects), before settle. */
  items: VideoItem[];
  /** For each item after, its index before (undefined: a new item). */
  origin: (number | undefined)[];
  /** The edit moves items around, so settle keeps a uniform transition on every cut. */
  reorders: boolean;
}

/** For each item before, its index after (undefined: it was removed): the origin of the opposite edit. */
function backOrigin(origin: readonly (number | undefined)[], count: number): (number | undefined)[] {
  return Array.from({ length: count }, (_, k) => {
    const j = origin.indexOf(k);
    return j < 0 ? undefined : j;
  });
}

/**
 * The edits that put back what the timing rules would change for good when `r` is undone by its opposite
 * edit (which puts the items back: removed ones exactly as they were, others with their old durations):
 * transitions clamped or dropped, music cut, captions cut or dropped. Read from the draft before and the
 * new item list only: each rule is followed there and back on the affected parts, never on the whole draft.
 * Empty when the opposite edit alone gives the draft back.
 */
export function collateralRestores(before: Draft, r: Reshape): Edit[] {
  const old = videoItems(before);
  const back = backOrigin(r.origin, old.length);
  const restores: Edit[] = [];

  // Transitions: forward, then back the way the opposite edit goes.
  const there = clone(r.items);
  settleTransitions(old, there, r.reorders);
  const again = old.map((item, k) => {
    const j = back[k];
    const kept = j === undefined ? undefined : there[j];
    return kept ? { ...clone(kept), d: item.d } : clone(item);
  });
  settleTransitions(there, again, r.reorders);
  const cuts = old.slice(0, -1).flatMap((item, k) => (jsonEqual(again[k]?.m.tr, item.m.tr) ? [] : [k]));
  restores.push(...restoreTransitions(old, cuts));

  // Music and text: each segment there and back by the same rules.
  const oldTimes = itemTimings(old);
  const newTimes = itemTimings(r.items);
  const oldTotal = oldTimes.at(-1)?.end ?? 0;
  const total = newTimes.at(-1)?.end ?? 0;
  const forward: ItemMove = { oldTimes, newTimes, origin: r.origin };
  const backward: ItemMove = { oldTimes: newTimes, newTimes: oldTimes, origin: back };

  const musicKept = audioTracks(before).every((track) =>
    track.sg.every((seg) => {
      const fwd = total === 0 ? clone(seg) : fitAudioSegment(clone(seg), oldTotal, total);
      const home = !fwd || oldTotal === 0 ? fwd : fitAudioSegment(fwd, total, oldTotal);
      return jsonEqual(home, seg);
    }),
  );
  if (!musicKept) restores.push(restoreMusic({ tracks: tracksOf(before, TRACK_AUDIO) }));

  const textKept = textTracks(before).every(
    (track) =>
      // Segments that share a start may come back in another order: restore those tracks outright.
      track.sg.every((seg, i) => i === 0 || (track.sg[i - 1]?.s ?? 0) < seg.s) &&
      track.sg.every((seg) => {
        const fwd = total === 0 ? clone(seg) : fitTextSegment(clone(seg), forward);
        const home = !fwd || oldTotal === 0 ? fwd : fitTextSegment(fwd, backward);
        return jsonEqual(home, seg);
      }),
  );
  if (!textKept) restores.push(restoreText({ tracks: tracksOf(before, TRACK_TEXT) }));
  return restores;
}

/** The opposite edit, followed by whatever else it would not give back (see collateralRestores). */
export function undoReshape(before: Draft, r: Reshape, opposite: Edit): Edit {
  return groupOf([opposite, ...collateralRestores(before, r)]);
}

/** Puts the reshaped items on the video track and runs the timing rules: what these edits' run does. */
export function applyReshape(draft: Draft, before: Draft, r: Reshape): Draft {
  const track = videoTrack(draft);
  if (track) track.sg = r.items;
  else if (r.items.length > 0) ensureVideoTrack(draft).sg = r.items;
  return settle(before, draft, { origin: r.origin, keepUniformTransitions: r.reorders });
}
