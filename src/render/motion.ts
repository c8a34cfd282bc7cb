import type { MotionType, VideoItem } from '../timeline/draft.ts';

/**
 * Ken Burns motion as warp maps: pure geometry. A photo is prepared once as a still larger than
 * the canvas (stillSize); every frame is a scale + translate of it (a WarpMap), always a small
 * downscale, so moving photos stay as sharp as standing ones.
 */

/**
 * A scale + translate, as the warp kernel reads it: continuous coordinates in luma pixels (pixel i
 * covers [i, i + 1)); output point (u, v) shows still point (x + u·scale, y + v·scale), so the frame
 * shows the still's rectangle [x, x + w·scale] × [y, y + h·scale].
 */
export interface WarpMap {
  scale: number;
  x: number;
  y: number;
}

export interface Motion {
  type: MotionType;
  amount: number;
}

export const DEFAULT_MOTION_AMOUNT = 0.1;
/**
 * Stills are prepared this much larger than the largest window the motion shows, so every frame
 * is a downscale of at least this factor: no magnified (soft) frames, and a pan is never a pure
 * sub-pixel shift of a 1:1 picture (whose sharpness would pulse as it moves between pixels).
 */
export const OVERSAMPLE = 1.06;

/** The item's motion, with the default amount; `none` when it does not move. */
export function motionOf(item: Pick<VideoItem, 'm'>): Motion {
  const m = item.m.motion;
  const amount = m?.amount ?? DEFAULT_MOTION_AMOUNT;
  if (!m || m.type === 'none' || amount <= 0) return { type: 'none', amount: 0 };
  return { type: m.type, amount };
}

/** Size of the still prepared for a canvas and a motion: canvas × (1 + amount) × OVERSAMPLE, even. */
export function stillSize(canvas: { w: number; h: number }, motion: Motion): { w: number; h: number } {
  if (motion.type === 'none') return { w: canvas.w, h: canvas.h };
  const s = (1 + motion.amount) * OVERSAMPLE;
  return { w: even(canvas.w * s), h: even(canvas.h * s) };
}

function even(v: number): number {
  return Math.max(2, Math.round(v / 2) * 2);
}

/**
 * The warp map of frame `t` of the motion (0 at the item's first drawn frame, 1 at its last).
 * The canvas shows a window of the picture: zooms scale it by z (linear in time, so a point moves
 * at a constant speed) about the centre; pans zoom in by 1 + amount and move the window across the
 * spare margin at a constant speed. Canvas coordinates map to still coordinates by the still's
 * scale (the smaller of its two axes' ratios, so the window never leaves the still).
 */
export function kenBurnsMap(
  motion: Motion,
  t: number,
  still: { w: number; h: number },
  canvas: { w: number; h: number },
): WarpMap {
  const k = Math.min(still.w / canvas.w, still.h / canvas.h);
  const a = motion.amount;
  let z = 1;
  let x0: number;
  let y0: number;
  if (motion.type === 'zoom-in' || motion.type === 'zoom-out') {
    z = motion.type === 'zoom-in' ? 1 + a * t : 1 + a * (1 - t);
    x0 = (canvas.w - canvas.w / z) / 2;
    y0 = (canvas.h - canvas.h / z) / 2;
  } else if (motion.type === 'none') {
    x0 = 0;
    y0 = 0;
  } else {
    z = 1 + a;
    const spareX = canvas.w - canvas.w / z;
    const spareY = canvas.h - canvas.h / z;
    x0 = spareX / 2;
    y0 = spareY / 2;
    if (motion.type === 'pan-right') x0 = spareX * t;
    if (motion.type === 'pan-left') x0 = spareX * (1 - t);
    if (motion.type === 'pan-down') y0 = spareY * t;
    if (motion.type === 'pan-up') y0 = spareY * (1 - t);
  }
  // The still may be a pixel wider or taller than k × canvas (even sizes): centre the canvas in it.
  const offX = (still.w - canvas.w * k) / 2;
  const offY = (still.h - canvas.h * k) / 2;
  const scale = k / z;
  // Output point u is canvas point x0 + u / z, still point k × that.
  return { scale, x: offX + k * x0, y: offY + k * y0 };
}

/** Where frame `f` is in an item drawn over frames [clipStart, clipEnd): 0 at the first, 1 at the last. */
export function motionTime(f: number, clipStart: number, clipEnd: number): number {
  const span = clipEnd - clipStart;
  return span > 1 ? (f - clipStart) / (span - 1) : 0;
}
