/**
 * What the player draws at a time, worked out with the renderer's own code: the frame layout
 * (src/render/layout.ts), Ken Burns maps (src/render/motion.ts) and text windows and fades
 * (src/render/text/timing.ts). Pure: no DOM, so it is unit tested in Node.
 */
import { fpsFraction, frameContentAt, layoutFrames, type Layout } from '../../../src/render/layout.ts';
import {
  kenBurnsMap,
  motionOf,
  motionTime,
  stillSize,
  type Motion,
  type WarpMap,
} from '../../../src/render/motion.ts';
import { fadeAt, textWindow, type TextWindow } from '../../../src/render/text/timing.ts';
import type { Draft, Fit, NamedTransitionName, TextPosition } from './types.ts';
import { textTracks, videoTrack } from '../../../src/timeline/tracks.ts';

/** Longest side of the preview canvas, px. */
export const PREVIEW_LONG_SIDE = 640;

/** The preview canvas for a draft: its aspect, the long side at most `long`, both sides even. */
export function previewSize(w: number, h: number, long = PREVIEW_LONG_SIDE): { w: number; h: number } {
  const k = Math.min(1, long / Math.max(w, h));
  const even = (v: number): number => Math.max(2, Math.round(v / 2) * 2);
  return { w: even(w * k), h: even(h * k) };
}

/** Fills in what a draft straight from JSON may leave out (`m` of items and of the draft). */
export function normaliseDraft(draft: Draft): Draft {
  return {
    ...draft,
    m: draft.m ?? {},
    t: draft.t.map((t) => ({ ...t, sg: t.sg.map((s) => ({ ...s, m: s.m ?? {} })) })) as Draft['t'],
  };
}

export interface PlannedItem {
  src: string;
  fit: Fit;
  motion: Motion;
  /** Size of the still the motion is drawn from, at preview size (stillSize of the preview canvas). */
  still: { w: number; h: number };
  /** Clips: where in the clip to start, ms. */
  from: number;
  volume: number;
}

export interface PlannedText {
  index: number;
  text: string;
  color: string | undefined;
  size: number | undefined;
  pos: TextPosition;
  window: TextWindow;
}

/** One picture of a frame: a still warped by a map, a clip at a time, or black. */
export type PlanLayer =
  | { kind: 'still'; item: number; map: WarpMap }
  | { kind: 'clip'; item: number; ms: number }
  | { kind: 'black' };

export interface FramePlan {
  frame: number;
  /** One layer, or two blended by `transition`. */
  layers: PlanLayer[];
  transition?: { type: NamedTransitionName; progress: number };
  /** Texts on screen, bottom first, with their opacity (0..1]. */
  texts: { index: number; alpha: number }[];
  /** The item that owns the frame (from its cut on), -1 for none. */
  item: number;
}

/** The timeline of a draft as the player reads it: computed once per draft. */
export interface Timeline {
  draft: Draft;
  fps: { num: number; den: number };
  layout: Layout;
  /** Preview canvas size. */
  size: { w: number; h: number };
  items: PlannedItem[];
  texts: PlannedText[];
  /** Length in ms, as the video has it (its frames). */
  durationMs: number;
}

export function buildTimeline(input: Draft, long = PREVIEW_LONG_SIDE): Timeline {
  const draft = normaliseDraft(input);
  const fps = fpsFraction(draft.fps);
  const layout = layoutFrames(draft);
  const size = previewSize(draft.w, draft.h, long);
  const items = (videoTrack(draft)?.sg ?? []).map((item): PlannedItem => {
    const motion = motionOf(item);
    return {
      src: item.src,
      fit: item.m.fit ?? 'cover',
      motion,
      still: stillSize(size, motion),
      from: item.m.from ?? 0,
      volume: item.m.volume ?? 1,
    };
  });
  const texts: PlannedText[] = [];
  textTracks(draft)
    .flatMap((t) => t.sg)
    .forEach((seg, index) => {
      const window = textWindow(seg.s, seg.d, fps, layout.frames);
      if (!window) return;
      texts.push({
        index,
        text: seg.text,
        color: seg.m.color,
        size: seg.m.size,
        pos: seg.m.pos ?? 'center',
        window,
      });
    });
  return { draft, fps, layout, size, items, texts, durationMs: frameToMs(layout.frames, fps) };
}

/** The frame shown at `ms`: the one whose interval [n, n + 1)/fps holds it, within the video. */
export function frameAtMs(ms: number, fps: { num: number; den: number }, frames: number): number {
  const f = Math.floor((ms * fps.num) / (fps.den * 1000) + 1e-9);
  return Math.max(0, Math.min(frames - 1, f));
}

/** Start of frame `f`, ms. */
export function frameToMs(f: number, fps: { num: number; den: number }): number {
  return (f * fps.den * 1000) / fps.num;
}

/** The layer of item `i` at frame `f`. */
function layerOf(tl: Timeline, i: number, f: number): PlanLayer {
  const it = tl.items[i];
  const lay = tl.layout.items[i];
  if (!it || !lay || i < 0) return { kind: 'black' };
  const t = motionTime(f, lay.clipStart, lay.clipEnd);
  return { kind: 'still', item: i, map: kenBurnsMap(it.motion, t, it.still, tl.size) };
}

/** The clip time (ms into the file) item `i` shows at frame `f`: from its `from`, one frame per frame. */
export function clipMs(tl: Timeline, i: number, f: number): number {
  const lay = tl.layout.items[i]!;
  return tl.items[i]!.from + frameToMs(f - lay.clipStart, tl.fps);
}

/** What frame `f` shows. `isClip(i)` tells which items are clips (known once their media is loaded). */
export function planFrame(tl: Timeline, f: number, isClip: (i: number) => boolean = () => false): FramePlan {
  const c = frameContentAt(tl.layout, f);
  const layer = (i: number): PlanLayer =>
    i >= 0 && isClip(i) ? { kind: 'clip', item: i, ms: clipMs(tl, i, f) } : layerOf(tl, i, f);
  const texts = tl.texts
    .map((t) => ({ index: t.index, alpha: fadeAt(t.window, f) / 256 }))
    .filter((t) => t.alpha > 0);
  const item = tl.layout.items.findIndex((it) => f >= it.start && f < it.end);
  if (c.kind === 'item') return { frame: f, layers: [layer(c.item)], texts, item };
  return {
    frame: f,
    layers: [layer(c.from), layer(c.to)],
    transition: { type: c.tr.type, progress: c.progress },
    texts,
    item,
  };
}
