/**
 * `hblur`: `from` crossfades to `to` through a horizontal blur that widens to `HBLUR_MAX` of the width at
 * the midpoint and narrows back (a box average over a row window; edges repeat the border sample).
 * The radius is whole even luma pixels so chroma blurs by exactly half; it is at most 1/32 of the width, so the
 * window is always narrower than the row.
 */
import { blendSpan, weight128, weight256, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** Widest blur radius, as a share of the width. */
export const HBLUR_MAX = 1 / 32;

/** Blur radius in luma pixels at `progress` (even; the window is 2r + 1 samples). */
export function hblurRadius(progress: number, w: number): number {
  const peak = 1 - Math.abs(2 * progress - 1);
  return 2 * Math.round((peak * w * HBLUR_MAX) / 2);
}

export function drawHblur(b: Buffers, planes: readonly Plane[], progress: number): void {
  const [y] = planes;
  const radius = hblurRadius(progress, y!.w);
  if (radius < 2) {
    blendSpan(b, 0, b.out.length, weight128(progress));
    return;
  }
  const alpha = weight256(progress);
  const ia = 256 - alpha;
  const { out, from, to } = b;
  for (const p of planes) {
    const r = radius / p.step;
    const n = 2 * r + 1;
    // The box of the crossfade is the crossfade of the boxes: running sums of `from` and `to` over the
    // window, the border sample standing in for samples beyond the edge.
    const half = 128 * n;
    const inv = 1 / (256 * n);
    const last = p.w - 1;
    for (let j = 0; j < p.h; j++) {
      const row = p.offset + j * p.w;
      const f0 = from[row]!;
      const t0 = to[row]!;
      const fl = from[row + last]!;
      const tl = to[row + last]!;
      let sf = f0 * (r + 1);
      let st = t0 * (r + 1);
      for (let k = 1; k <= r; k++) {
        sf += from[row + k]!;
        st += to[row + k]!;
      }
      // Left border (window reaches before sample 0), middle, right border (window past the last).
      let i = 0;
      for (; i <= r; i++) {
        out[row + i] = ((sf * ia + st * alpha + half) * inv) | 0;
        sf += from[row + i + r + 1]! - f0;
        st += to[row + i + r + 1]! - t0;
      }
      for (; i < last - r; i++) {
        out[row + i] = ((sf * ia + st * alpha + half) * inv) | 0;
        sf += from[row + i + r + 1]! - from[row + i - r]!;
        st += to[row + i + r + 1]! - to[row + i - r]!;
      }
      for (; i <= last; i++) {
        out[row + i] = ((sf * ia + st * alpha + half) * inv) | 0;
        sf += fl - from[row + i - r]!;
        st += tl - to[row + i - r]!;
      }
    }
  }
}
