/**
 * A picture composed for the canvas by its fit, as the renderer composes its stills
 * (src/media/prepare.ts composeStill) and clips (src/render/clip-frames.ts clipFitFilter): cover fills
 * and crops the centre, contain letterboxes on black, blur contains the picture over a copy of itself
 * shrunk 8 times, blurred and darkened, scaled back up. Transparent photos are flattened onto white.
 */
import type { Fit } from './types.ts';

export type Source = ImageBitmap | HTMLVideoElement | HTMLCanvasElement;

const BLUR_SHRINK = 8;
const BLUR_SIGMA = 3;
/** Photos' blurred background brightness (sharp modulate 0.55); clips' is eq brightness −0.12. */
const PHOTO_BLUR_DIM = 0.45;
/** sharp darkens the lightness alone (LCh), keeping the chroma: the colours come out stronger than an RGB dim. */
const PHOTO_BLUR_SATURATE = 1.5;
const CLIP_BLUR_DIM = 0.12;

export function sourceSize(s: Source): { w: number; h: number } {
  if (s instanceof HTMLVideoElement) return { w: s.videoWidth, h: s.videoHeight };
  return { w: s.width, h: s.height };
}

/** Draws `src` covering the rectangle (cropped at its centre). */
function drawCover(
  ctx: CanvasRenderingContext2D,
  src: Source,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const s = sourceSize(src);
  const k = Math.max(w / s.w, h / s.h);
  const cw = w / k;
  const ch = h / k;
  ctx.drawImage(src, (s.w - cw) / 2, (s.h - ch) / 2, cw, ch, x, y, w, h);
}

/** The rectangle `src` takes contained in w×h, centred (whole pixels, as the renderer pads). */
export function containRect(
  s: { w: number; h: number },
  w: number,
  h: number,
): { x: number; y: number; w: number; h: number } {
  const k = Math.min(w / s.w, h / s.h);
  const iw = Math.max(1, Math.round(s.w * k));
  const ih = Math.max(1, Math.round(s.h * k));
  return { x: Math.floor((w - iw) / 2), y: Math.floor((h - ih) / 2), w: iw, h: ih };
}

let scratch: HTMLCanvasElement | undefined;
let scratch2: HTMLCanvasElement | undefined;

function canvasOf(c: HTMLCanvasElement | undefined, w: number, h: number): HTMLCanvasElement {
  const out = c ?? document.createElement('canvas');
  if (out.width !== w) out.width = w;
  if (out.height !== h) out.height = h;
  return out;
}

/**
 * Draws `src` into ctx's w×h by `fit`. `photo`: flatten onto white and use the photo look of blur.
 * `scale`: this picture's size over the export's (the blur keeps its size relative to the picture).
 */
export function drawFitted(
  ctx: CanvasRenderingContext2D,
  src: Source,
  fit: Fit,
  w: number,
  h: number,
  photo: boolean,
  scale = 1,
): void {
  const s = sourceSize(src);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  if (!(s.w > 0 && s.h > 0)) {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, w, h);
    return;
  }
  if (fit === 'cover') {
    ctx.fillStyle = photo ? '#fff' : '#000';
    ctx.fillRect(0, 0, w, h);
    drawCover(ctx, src, 0, 0, w, h);
    return;
  }
  const r = containRect(s, w, h);
  if (fit === 'contain') {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, w, h);
    if (photo) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(r.x, r.y, r.w, r.h);
    }
    ctx.drawImage(src, r.x, r.y, r.w, r.h);
    return;
  }
  // blur: small cover, blurred (with a margin so its edges do not darken), dimmed, scaled back up.
  const sw = Math.max(2, Math.ceil(w / BLUR_SHRINK));
  const sh = Math.max(2, Math.ceil(h / BLUR_SHRINK));
  // The export blurs a copy of ceil(W/8) px by BLUR_SIGMA: the same share of a smaller copy here.
  const sigma = BLUR_SIGMA * Math.min(1, scale);
  const pad = Math.ceil(3 * sigma);
  scratch = canvasOf(scratch, sw + 2 * pad, sh + 2 * pad);
  const a = scratch.getContext('2d')!;
  a.fillStyle = '#fff';
  a.fillRect(0, 0, scratch.width, scratch.height);
  drawCover(a, src, 0, 0, scratch.width, scratch.height);
  scratch2 = canvasOf(scratch2, sw, sh);
  const b = scratch2.getContext('2d')!;
  b.filter = photo ? `blur(${sigma}px) saturate(${PHOTO_BLUR_SATURATE})` : `blur(${sigma}px)`;
  b.drawImage(scratch, -pad, -pad);
  b.filter = 'none';
  b.fillStyle = `rgba(0,0,0,${photo ? PHOTO_BLUR_DIM : CLIP_BLUR_DIM})`;
  b.fillRect(0, 0, sw, sh);
  ctx.drawImage(scratch2, 0, 0, sw, sh, 0, 0, w, h);
  ctx.drawImage(src, r.x, r.y, r.w, r.h);
}

/** A photo's still for the player: `fit` at the still's size (stillSize of the preview canvas). */
export function composeStill(
  src: ImageBitmap,
  fit: Fit,
  w: number,
  h: number,
  scale: number,
): HTMLCanvasElement {
  const c = canvasOf(undefined, w, h);
  drawFitted(c.getContext('2d')!, src, fit, w, h, true, scale);
  return c;
}
