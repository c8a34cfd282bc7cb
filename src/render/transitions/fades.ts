/** Crossfade and the dips through black or white. */
import { blendSpan, blendValueSpan, weight128, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** `fade`: every sample moves in a straight line from `from` to `to`. */
export function drawFade(b: Buffers, progress: number): void {
  blendSpan(b, 0, b.out.length, weight128(progress));
}

/**
 * `fadeblack` / `fadewhite`: `from` fades to a flat black (white) over the first half, then the flat colour
 * fades to `to` over the second half; exactly the flat colour at the midpoint.
 */
export function drawDip(
  b: Buffers,
  planes: readonly Plane[],
  progress: number,
  colour: 'black' | 'white',
): void {
  const toSide = progress >= 0.5;
  const alpha = weight128(toSide ? 2 - 2 * progress : 2 * progress);
  for (const p of planes) {
    const end = p.offset + p.w * p.h;
    blendValueSpan(b, toSide, p.offset, end, p[colour], alpha);
  }
}
