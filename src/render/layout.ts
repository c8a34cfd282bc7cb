import type { Draft } from '../timeline/draft.ts';
import { videoTrack } from '../timeline/tracks.ts';
import { hashSeed } from '../timeline/random.ts';
import { resolveTransition, type NamedTransition } from '../timeline/transitions.ts';

/**
 * Frame layout of the video track: pure timing maths, everything counted in whole frames so nothing
 * drifts. The video has exactly round(total ms × fps / 1000) frames, item i owns the frames between
 * its cuts, and a transition of T frames starts floor(T/2) frames before its cut (spec/draft.md), so
 * transitions never change the length.
 */

/** A frame rate as an exact fraction: 30 → 30/1, 29.97 → 30000/1001. */
export function fpsFraction(fps: number): { num: number; den: number } {
  if (Number.isInteger(fps)) return { num: fps, den: 1 };
  for (const base of [24, 30, 48, 60, 120]) {
    if (Math.abs(fps - (base * 1000) / 1001) < 0.006) return { num: base * 1000, den: 1001 };
  }
  const num = Math.round(fps * 1000);
  const g = gcd(num, 1000);
  return { num: num / g, den: 1000 / g };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The frame a time in ms falls on (rounded to the nearest frame boundary). */
export function msToFrame(ms: number, fps: { num: number; den: number }): number {
  return Math.round((ms * fps.num) / (fps.den * 1000));
}

/** The seed `random` transitions use: draft.m.seed, else a stable hash of the item sources. */
export function transitionSeed(draft: Draft): string {
  if (draft.m.seed !== undefined) return draft.m.seed;
  const srcs = (videoTrack(draft)?.sg ?? []).map((item) => item.src).join('\n');
  return hashSeed(srcs).toString(16);
}

/** Where one item sits, in frames. */
export interface ItemFrames {
  index: number;
  /** First frame the item owns (its cut in). */
  start: number;
  /** First frame after the item's cut out. */
  end: number;
  /** First frame the item is drawn in (its incoming transition's start). */
  clipStart: number;
  /** First frame after the last one it is drawn in (its outgoing transition's end). */
  clipEnd: number;
  /** Outgoing transition (to index + 1), or undefined for a hard cut. */
  out?: TransitionWindow;
  /** Frames of the incoming transition (0 after a hard cut). */
  inFrames: number;
}

/** A transition between item `from` and `from + 1`: `frames` frames starting at `start`. */
export interface TransitionWindow {
  type: NamedTransition;
  from: number;
  frames: number;
  start: number;
}

export interface Layout {
  /** Frames of the whole video. */
  frames: number;
  items: ItemFrames[];
}

/** Frame layout of the draft's video track. */
export function layoutFrames(draft: Draft): Layout {
  const items = videoTrack(draft)?.sg ?? [];
  const fps = fpsFraction(draft.fps);
  const seed = transitionSeed(draft);
  let acc = 0;
  const out: ItemFrames[] = items.map((item, index) => {
    const start = msToFrame(acc, fps);
    acc += item.d;
    const end = msToFrame(acc, fps);
    return { index, start, end, clipStart: start, clipEnd: end, inFrames: 0 };
  });
  items.forEach((item, i) => {
    const tr = item.m.tr;
    const cur = out[i];
    const next = out[i + 1];
    // Items that round to no frame at all are never on screen: they take part in no transition.
    if (!tr || !cur || !next || cur.end <= cur.start || next.end <= next.start) return;
    const type = resolveTransition(tr.type, i, seed);
    if (type === 'cut') return;
    const limit = Math.min(cur.end - cur.start, next.end - next.start);
    const frames = Math.min(msToFrame(tr.d, fps), limit);
    if (frames < 1) return;
    const start = cur.end - Math.floor(frames / 2);
    cur.out = { type, from: i, frames, start };
    cur.clipEnd = start + frames;
    next.clipStart = start;
    next.inFrames = frames;
  });
  return { frames: msToFrame(acc, fps), items: out };
}

/**
 * How far a transition is at frame `f` (0 < progress < 1), symmetric about its cut: the k-th of
 * T frames is at (k + 1) / (T + 1), so neither end repeats a frame of just one item.
 */
export function transitionProgress(tr: TransitionWindow, f: number): number {
  return (f - tr.start + 1) / (tr.frames + 1);
}

/** What frame `f` shows: one item, or two items in a transition. */
export type FrameContent =
  | { kind: 'item'; item: number }
  | { kind: 'transition'; from: number; to: number; tr: TransitionWindow; progress: number };

/**
 * The content of every frame, in order, as a generator (a long video is never held as an array).
 * Frames no item covers (a video track of zero-length items) show black: `item: -1`.
 */
export function* frameContents(layout: Layout): Generator<FrameContent> {
  let i = 0;
  const items = layout.items;
  for (let f = 0; f < layout.frames; f++) {
    while (i < items.length && items[i]!.clipEnd <= f) i++;
    const cur = items[i];
    if (!cur || cur.clipStart > f) {
      yield { kind: 'item', item: -1 };
      continue;
    }
    const tr = cur.out;
    if (tr && f >= tr.start) {
      yield { kind: 'transition', from: i, to: i + 1, tr, progress: transitionProgress(tr, f) };
    } else {
      yield { kind: 'item', item: i };
    }
  }
}

/**
 * The content of frame `f` alone, as frameContents gives it in order (random access for players that
 * seek): black before the first item, after the last frame, or where no item covers the frame.
 */
export function frameContentAt(layout: Layout, f: number): FrameContent {
  const items = layout.items;
  if (!(f >= 0 && f < layout.frames)) return { kind: 'item', item: -1 };
  let i = 0;
  while (i < items.length && items[i]!.clipEnd <= f) i++;
  const cur = items[i];
  if (!cur || cur.clipStart > f) return { kind: 'item', item: -1 };
  const tr = cur.out;
  if (tr && f >= tr.start)
    return { kind: 'transition', from: i, to: i + 1, tr, progress: transitionProgress(tr, f) };
  return { kind: 'item', item: i };
}
