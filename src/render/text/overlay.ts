import { planes, type Frame } from '../frame.ts';
import type { Rgba } from './effects.ts';
import { fadeAt, type TextWindow } from './timing.ts';

/**
 * A text segment ready to draw: its pixels as premultiplied yuv420p with alpha (BT.709 limited
 * range, chroma sited left like the frames), its place on the canvas (even, so chroma lines up) and
 * the frames it shows on. Plain data (numbers and typed arrays): it crosses to worker threads by
 * structured clone.
 */
export interface TextOverlay {
  /** Top-left corner on the canvas (even) and size (even). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** First frame shown, first frame after, and frames of each fade (0: none). */
  first: number;
  end: number;
  fade: number;
  /** Y × alpha (w × h): drawn as out = luma + in × (255 − alpha) / 255. */
  luma: Uint8Array;
  alpha: Uint8Array;
  /** Cb × alpha, Cr × alpha and the chroma alpha ((w/2) × (h/2)). */
  cb: Uint8Array;
  cr: Uint8Array;
  chromaAlpha: Uint8Array;
}

const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;

/**
 * Premultiplied RGBA (even size) → premultiplied yuv420p + alpha. Chroma is filtered [1 2 1] across
 * and [1 1] down, alpha with it, so a composite equals blending at full size and subsampling after.
 */
export function rgbaToOverlay(img: Rgba, x: number, y: number, win: TextWindow): TextOverlay {
  const { w, h, data } = img;
  if (w % 2 !== 0 || h % 2 !== 0 || x % 2 !== 0 || y % 2 !== 0) {
    throw new RangeError(`text overlay ${w}x${h} at ${x},${y} is not even`);
  }
  const luma = new Uint8Array(w * h);
  const alpha = new Uint8Array(w * h);
  const cbFull = new Float64Array(w * h);
  const crFull = new Float64Array(w * h);
  for (let i = 0, p = 0; i < w * h; i++, p += 4) {
    const a = data[p + 3]!;
    if (a === 0) continue;
    const r = data[p]!;
    const g = data[p + 1]!;
    const b = data[p + 2]!;
    const l = KR * r + KG * g + KB * b;
    luma[i] = Math.min(a, Math.round((16 * a + 219 * l) / 255));
    alpha[i] = a;
    cbFull[i] = (128 * a + (224 * (b - l)) / (2 * (1 - KB))) / 255;
    crFull[i] = (128 * a + (224 * (r - l)) / (2 * (1 - KR))) / 255;
  }
  const cw = w / 2;
  const ch = h / 2;
  const cb = new Uint8Array(cw * ch);
  const cr = new Uint8Array(cw * ch);
  const chromaAlpha = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let sa = 0;
      let sb = 0;
      let sr = 0;
      for (let dy = 0; dy < 2; dy++) {
        const row = (2 * cy + dy) * w;
        for (let dx = -1; dx <= 1; dx++) {
          const px = 2 * cx + dx;
          if (px < 0) continue; // outside the overlay: transparent
          const k = dx === 0 ? 2 : 1;
          sa += k * alpha[row + px]!;
          sb += k * cbFull[row + px]!;
          sr += k * crFull[row + px]!;
        }
      }
      const o = cy * cw + cx;
      const ac = Math.round(sa / 8);
      chromaAlpha[o] = ac;
      cb[o] = Math.min(ac, Math.max(0, Math.round(sb / 8)));
      cr[o] = Math.min(ac, Math.max(0, Math.round(sr / 8)));
    }
  }
  return { x, y, w, h, first: win.first, end: win.end, fade: win.fade, luma, alpha, cb, cr, chromaAlpha };
}

/**
 * Draws the overlay into the frame, in place, at its opacity for frame `frameIndex` (nothing outside
 * its frames). Touches only the overlay's box; parts off the canvas are skipped.
 */
export function compositeText(frame: Frame, o: TextOverlay, frameIndex: number): void {
  const f = fadeAt(o, frameIndex);
  if (f === 0) return;
  const p = planes(frame);
  blendPlane(p.y, frame.w, frame.h, o.luma, o.alpha, o.x, o.y, o.w, o.h, f);
  const cw = frame.w / 2;
  const chh = frame.h / 2;
  blendPlane(p.u, cw, chh, o.cb, o.chromaAlpha, o.x / 2, o.y / 2, o.w / 2, o.h / 2, f);
  blendPlane(p.v, cw, chh, o.cr, o.chromaAlpha, o.x / 2, o.y / 2, o.w / 2, o.h / 2, f);
}

/** out = src·f + dst·(1 − alpha·f), with src premultiplied and f in 1/256. */
function blendPlane(
  dst: Uint8Array,
  dw: number,
  dh: number,
  src: Uint8Array,
  alpha: Uint8Array,
  x: number,
  y: number,
  w: number,
  h: number,
  f: number,
): void {
  const x0 = Math.max(0, -x);
  const x1 = Math.min(w, dw - x);
  const y0 = Math.max(0, -y);
  const y1 = Math.min(h, dh - y);
  if (f >= 256) {
    for (let r = y0; r < y1; r++) {
      const s = r * w;
      const d = (y + r) * dw + x;
      for (let c = x0; c < x1; c++) {
        const a = alpha[s + c]!;
        if (a === 0) continue;
        // v ≤ a, so v + round(dst·(255 − a)/255) ≤ 255.
        const t = dst[d + c]! * (255 - a) + 128;
        dst[d + c] = src[s + c]! + ((t + (t >> 8)) >> 8);
      }
    }
    return;
  }
  for (let r = y0; r < y1; r++) {
    const s = r * w;
    const d = (y + r) * dw + x;
    for (let c = x0; c < x1; c++) {
      const a0 = alpha[s + c]!;
      if (a0 === 0) continue;
      const a = (a0 * f + 128) >> 8;
      const t = dst[d + c]! * (255 - a) + 128;
      dst[d + c] = ((src[s + c]! * f + 128) >> 8) + ((t + (t >> 8)) >> 8);
    }
  }
}
