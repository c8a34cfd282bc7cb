/**
 * `radial`: a clock wipe. A hand turns clockwise from 12 o'clock about the centre of the frame and `to`
 * fills the sector it has swept (all of it after one turn). Both straight edges of the sector are
 * anti-aliased over `RADIAL_EDGE` luma pixels and judged at each plane's sited sample centres. Samples
 * farther than half the edge from both lines are wholly `to` or `from`; only those near a line are
 * computed one by one.
 */
import { copySpan, mix256, weight256, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** Width of the sector's soft edges, in luma pixels. */
export const RADIAL_EDGE = 1.5;

/**
 * Share of `to` at (dx, dy) from the centre (luma pixels, y down) when the hand has turned `angle` radians
 * (0..2π): the signed distance to the swept sector (positive inside; the distance to the nearer of its two
 * bounding rays) through a linear ramp `RADIAL_EDGE` wide.
 */
export function radialShare(dx: number, dy: number, angle: number): number {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Signed distances to the 12 o'clock line (positive to its right, the side the hand sweeps first) and
  // to the hand's line (positive behind the hand).
  const da = dx;
  const db = -(dx * cos + dy * sin);
  const inside = angle <= Math.PI ? da >= 0 && db >= 0 : da >= 0 || db >= 0;
  const r = Math.hypot(dx, dy);
  // Distance to a ray: to its line where the point projects onto the ray, else to the centre.
  const toStart = -dy > 0 ? Math.abs(da) : r;
  const toHand = dx * sin - dy * cos > 0 ? Math.abs(db) : r;
  const d = Math.min(toStart, toHand);
  const x = (inside ? d : -d) / RADIAL_EDGE + 0.5;
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

const byValue = (m: number, n: number) => m - n;

export function drawRadial(b: Buffers, planes: readonly Plane[], progress: number): void {
  const [y] = planes;
  const cx = y!.w / 2;
  const cy = y!.h / 2;
  const angle = progress * 2 * Math.PI;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const { out, from, to } = b;
  const half = RADIAL_EDGE / 2;
  const cuts: number[] = [];
  for (const p of planes) {
    // Columns where the 12 o'clock edge is soft (same on every row), one sample of margin.
    const a0 = Math.floor((cx - half - p.x0) / p.step) - 1;
    const a1 = Math.ceil((cx + half - p.x0) / p.step) + 2;
    for (let j = 0; j < p.h; j++) {
      const row = p.offset + j * p.w;
      const dy = j * p.step + p.y0 - cy;
      // Columns where the hand's edge is soft on this row.
      let b0: number;
      let b1: number;
      if (Math.abs(cos) < 1e-9) {
        const soft = Math.abs(dy * sin) < half;
        b0 = soft ? 0 : p.w;
        b1 = soft ? p.w : p.w;
      } else {
        const xa = cx + (-dy * sin - half) / cos;
        const xb = cx + (-dy * sin + half) / cos;
        b0 = Math.floor((Math.min(xa, xb) - p.x0) / p.step) - 1;
        b1 = Math.ceil((Math.max(xa, xb) - p.x0) / p.step) + 2;
      }
      cuts.length = 0;
      cuts.push(0, p.w);
      if (a0 > 0 && a0 < p.w) cuts.push(a0);
      if (a1 > 0 && a1 < p.w) cuts.push(a1);
      if (b0 > 0 && b0 < p.w) cuts.push(b0);
      if (b1 > 0 && b1 < p.w) cuts.push(b1);
      cuts.sort(byValue);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const s = cuts[k]!;
        const e = cuts[k + 1]!;
        if (e <= s) continue;
        const soft = (s < a1 && e > a0) || (s < b1 && e > b0);
        if (!soft) {
          const dx = s * p.step + p.x0 - cx;
          const db = -(dx * cos + dy * sin);
          const inside = angle <= Math.PI ? dx >= 0 && db >= 0 : dx >= 0 || db >= 0;
          copySpan(out, inside ? to : from, row + s, row + e);
          continue;
        }
        for (let i = s; i < e; i++) {
          const a = weight256(radialShare(i * p.step + p.x0 - cx, dy, angle));
          out[row + i] = mix256(from[row + i]!, to[row + i]!, a);
        }
      }
    }
  }
}
