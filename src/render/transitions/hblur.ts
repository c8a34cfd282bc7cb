/**
 * `hblur`: `from` crossfades to `to` through a horizontal blur that widens to `HBLUR_MAX` of the width at
 * the midpoint and narrows back (a box average over a row window; edges repeat the border sample).
 * The radius is whole even luma pixels so chroma blurs by exactly half.
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
    const div = 256 * n;
    // The crossfaded row at ×256, padded with r repeats of its end samples on each side.
    const mixed = new Int32Array(p.w + 2 * r);
    for (let j = 0; j < p.h; j++) {
      const row = p.offset + j * p.w;
      for (let i = 0; i < p.w; i++) mixed[r + i] = from[row + i]! * ia + to[row + i]! * alpha;
      mixed.fill(mixed[r]!, 0, r);
      mixed.fill(mixed[r + p.w - 1]!, r + p.w);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += mixed[k]!;
      for (let i = 0; ; i++) {
        out[row + i] = Math.floor((sum + (div >> 1)) / div);
        if (i + 1 === p.w) break;
        sum += mixed[i + n]! - mixed[i]!;
      }
    }
  }
}
