/**
 * Slides: `from` and `to` move together as one strip in the named direction, `to` entering from the
 * opposite side. The shift is whole even luma pixels (`2·round(progress·size/2)`), so both images move
 * without resampling (they stay sharp) and chroma moves by whole samples in step with luma.
 */
import { moveSpan, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';
import type { Side } from './wipes.ts';

/** Luma pixels the strip has moved at `progress` across `size` pixels. */
export function slideShift(progress: number, size: number): number {
  return 2 * Math.round((progress * size) / 2);
}

export function drawSlide(b: Buffers, planes: readonly Plane[], progress: number, side: Side): void {
  const { out, from, to } = b;
  const [y] = planes;
  const horizontal = side === 'left' || side === 'right';
  const shift = slideShift(progress, horizontal ? y!.w : y!.h);
  for (const p of planes) {
    const s = shift / p.step;
    if (horizontal) {
      const keep = p.w - s;
      for (let j = 0; j < p.h; j++) {
        const row = p.offset + j * p.w;
        if (side === 'left') {
          // out[0, w−s) = from[s, w); out[w−s, w) = to[0, s)
          moveSpan(out, row, from, row + s, keep);
          moveSpan(out, row + keep, to, row, s);
        } else {
          // out[0, s) = to[w−s, w); out[s, w) = from[0, w−s)
          moveSpan(out, row, to, row + keep, s);
          moveSpan(out, row + s, from, row, keep);
        }
      }
    } else {
      const keep = (p.h - s) * p.w;
      const enter = s * p.w;
      const o = p.offset;
      if (side === 'up') {
        // rows [0, h−s) = from rows [s, h); rows [h−s, h) = to rows [0, s)
        moveSpan(out, o, from, o + enter, keep);
        moveSpan(out, o + keep, to, o, enter);
      } else {
        moveSpan(out, o, to, o + keep, enter);
        moveSpan(out, o + enter, from, o, keep);
      }
    }
  }
}
