import { PhotoreelError } from '../errors.ts';
import type { AnimationLayout } from './animation-header.ts';
import type { IntakeLimits } from './types.ts';

/**
 * Intake limits when none are given. Every upload and URL import is judged against them before it
 * becomes media; over a limit is FILE_TOO_LARGE (4002), a file that is not all there FILE_DAMAGED (4003).
 *
 * - maxBytes: 200 MB a file.
 * - maxPixels: 100 megapixels a photo (its header, before any decoding).
 * - maxAnimationPixels: 16.8 megapixels (4096x4096) for an animated GIF/WebP/PNG's canvas, the canvas
 *   a decoder needs to hold every frame, and its largest frame (decoders allocate the canvas per frame).
 * - maxAnimationFrames: 5,000 frames an animation.
 * - maxAnimationWork: 3 gigapixels an animation, frames x canvas pixels (what decoding it costs).
 * - maxClipPixels: 35.4 megapixels (8192x4320, 8K) a clip's picture.
 * - maxClipMs: 10 minutes a clip or an animation.
 * - maxClipFrames: 72,000 frames a clip (10 minutes at 120 fps).
 */
export const MEDIA_LIMITS: Readonly<Required<IntakeLimits>> = Object.freeze({
  maxBytes: 200 * 1024 * 1024,
  maxPixels: 100_000_000,
  maxAnimationPixels: 4096 * 4096,
  maxAnimationFrames: 5_000,
  maxAnimationWork: 3_000_000_000,
  maxClipPixels: 8192 * 4320,
  maxClipMs: 10 * 60_000,
  maxClipFrames: 72_000,
});

/** The limits given, the defaults for the rest. */
export function intakeLimits(limits: IntakeLimits = {}): Required<IntakeLimits> {
  const out = { ...MEDIA_LIMITS };
  for (const [k, v] of Object.entries(limits) as [keyof IntakeLimits, number | undefined][])
    if (v !== undefined) out[k] = v;
  return out;
}

/** Refuses a photo whose header claims more pixels than `maxPixels`, before anything decodes it. */
export function checkPixels(name: string, width: number, height: number, maxPixels: number): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} claims ${width}x${height} pixels (${megapixels(pixels)} megapixels), more than the ${megapixels(maxPixels)} megapixels allowed: resize it and try again.`,
      { file: name, width, height, pixels, maxPixels },
    );
  }
}

/**
 * Refuses an animation whose canvas (declared, or enlarged by a frame that sticks out), largest
 * frame, frame count, frames x canvas or length is over the limits. Pure.
 */
export function checkAnimation(name: string, a: AnimationLayout, l: Required<IntakeLimits>): void {
  const parts: Array<[string, number, number]> = [
    ['canvas', a.canvasWidth, a.canvasHeight],
    ['frames together', a.extentWidth, a.extentHeight],
    ['largest frame', a.frameWidth, a.frameHeight],
  ];
  for (const [what, w, h] of parts) {
    if (w * h > l.maxAnimationPixels) {
      throw new PhotoreelError(
        'FILE_TOO_LARGE',
        `${name} is an animation whose ${what} ${what === 'frames together' ? 'cover' : 'is'} ${w}x${h} pixels (${megapixels(w * h)} megapixels), more than the ${megapixels(l.maxAnimationPixels)} megapixels allowed for animations: resize it and try again.`,
        { file: name, part: what, width: w, height: h, pixels: w * h, maxPixels: l.maxAnimationPixels },
      );
    }
  }
  if (a.frames > l.maxAnimationFrames) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} has ${a.frames} frames, more than the ${l.maxAnimationFrames} allowed for an animation: shorten it or drop frames and try again.`,
      { file: name, frames: a.frames, maxFrames: l.maxAnimationFrames },
    );
  }
  const work = a.frames * a.extentWidth * a.extentHeight;
  if (work > l.maxAnimationWork) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} has ${a.frames} frames of ${a.extentWidth}x${a.extentHeight} pixels, ${megapixels(work)} megapixels to decode, more than the ${megapixels(l.maxAnimationWork)} allowed: make it smaller or shorter and try again.`,
      { file: name, frames: a.frames, pixels: work, maxWork: l.maxAnimationWork },
    );
  }
}

/** Refuses a clip (or an animation) longer than `maxClipMs`, with more than `maxClipFrames` or a larger picture than `maxClipPixels`. Pure. */
export function checkClip(
  name: string,
  c: { durationMs?: number; frames?: number; width?: number; height?: number },
  l: Required<IntakeLimits>,
): void {
  if (c.durationMs !== undefined && c.durationMs > l.maxClipMs) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} lasts ${minutes(c.durationMs)}, longer than the ${minutes(l.maxClipMs)} allowed: trim it and try again.`,
      { file: name, durationMs: c.durationMs, maxDurationMs: l.maxClipMs },
    );
  }
  if (c.frames !== undefined && c.frames > l.maxClipFrames) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} has ${c.frames} frames, more than the ${l.maxClipFrames} allowed: trim it or lower its frame rate and try again.`,
      { file: name, frames: c.frames, maxFrames: l.maxClipFrames },
    );
  }
  if (c.width !== undefined && c.height !== undefined && c.width * c.height > l.maxClipPixels) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} is a ${c.width}x${c.height} clip (${megapixels(c.width * c.height)} megapixels a frame), more than the ${megapixels(l.maxClipPixels)} megapixels allowed: scale it down and try again.`,
      { file: name, width: c.width, height: c.height, maxPixels: l.maxClipPixels },
    );
  }
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return mp >= 10 ? String(Math.round(mp)) : mp.toFixed(1).replace(/\.0$/, '');
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.round(s / 6) / 10} minutes`.replace('.0 ', ' ') : `${s} s`;
}
