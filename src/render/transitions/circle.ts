/**
 * `circleopen`: a circle of `to` grows from the centre of the frame until it covers it.
 * `circleclose`: a circle of `from` shrinks to the centre, `to` around it.
 * Round in pixels whatever the aspect ratio, with an anti-aliased edge `CIRCLE_EDGE` luma pixels wide;
 * chroma samples are judged at their own sited centres, so the edge lines up between planes.
 */
import { copySpan, mix256, weight256, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** Width of the circle's soft edge, in luma pixels. */
export const CIRCLE_EDGE = 1.5;

/**
 * Radius (luma pixels, to the middle of the edge) of the circle at `t` in 0..1: at 0 the whole edge is
 * inside the centre point, at 1 the inner side of the edge is past the farthest corner.
 */
export function circleRadius(t: number, w: number, h: number): number {
  return -CIRCLE_EDGE / 2 + t * (Math.hypot(w / 2, h / 2) + CIRCLE_EDGE);
}

/** Share of the inside of a circle of `radius` at distance `d` from its centre. */
export function insideCircle(d: number, radius: number): number {
  return (radius - d) / CIRCLE_EDGE + 0.5;
}

export function drawCircle(b: Buffers, planes: readonly Plane[], progress: number, open: boolean): void {
  const [y] = planes;
  const w = y!.w;
  const h = y!.h;
  const radius = circleRadius(open ? progress : 1 - progress, w, h);
  const { out, from, to } = b;
  const inside = open ? to : from;
  const outside = open ? from : to;
  const cx = w / 2;
  const cy = h / 2;
  const ro = radius + CIRCLE_EDGE / 2;
  const ri = radius - CIRCLE_EDGE / 2;
  for (const p of planes) {
    for (let j = 0; j < p.h; j++) {
      const row = p.offset + j * p.w;
      const dy = j * p.step + p.y0 - cy;
      const dy2 = dy * dy;
      if (ro <= Math.abs(dy)) {
        copySpan(out, outside, row, row + p.w);
        continue;
      }
      // Samples that may touch the circle: |x − cx| < xo (one sample of margin each side).
      const xo = Math.sqrt(ro * ro - dy2);
      const o0 = Math.max(0, Math.ceil((cx - xo - p.x0) / p.step) - 1);
      const o1 = Math.min(p.w, Math.floor((cx + xo - p.x0) / p.step) + 2);
      // Samples surely inside: |x − cx| ≤ xi (one sample of margin each side), maybe none.
      let i0 = o1;
      let i1 = o1;
      if (ri > Math.abs(dy)) {
        const xi = Math.sqrt(ri * ri - dy2);
        i0 = Math.min(o1, Math.max(o0, Math.ceil((cx - xi - p.x0) / p.step) + 1));
        i1 = Math.min(o1, Math.floor((cx + xi - p.x0) / p.step));
        if (i1 < i0) i1 = i0;
      }
      copySpan(out, outside, row, row + o0);
      for (let i = o0; i < i0; i++) {
        const dx = i * p.step + p.x0 - cx;
        const a = weight256(insideCircle(Math.sqrt(dx * dx + dy2), radius));
        out[row + i] = mix256(outside[row + i]!, inside[row + i]!, a);
      }
      copySpan(out, inside, row + i0, row + i1);
      for (let i = i1; i < o1; i++) {
        const dx = i * p.step + p.x0 - cx;
        const a = weight256(insideCircle(Math.sqrt(dx * dx + dy2), radius));
        out[row + i] = mix256(outside[row + i]!, inside[row + i]!, a);
      }
      copySpan(out, outside, row + o1, row + p.w);
    }
  }
}
