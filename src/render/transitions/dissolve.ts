/**
 * `dissolve`: every pixel switches from `from` to `to` at its own moment, a threshold in [0, 1) hashed from
 * its position (the same every run). Chroma, shared by a 2×2 block of luma pixels, shows the blend of
 * the two in the share of that block's pixels that have switched, as the 4:2:0 average of a full-resolution
 * dissolve would.
 */
import { mix256, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** Switching moment of luma pixel (x, y), as a 16-bit integer (moment × 65536). */
export function dissolveThreshold(x: number, y: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 16;
}

export function drawDissolve(b: Buffers, planes: readonly Plane[], progress: number): void {
  const [y, u, v] = planes;
  const w = y!.w;
  // A pixel shows `to` when its moment is before `progress`: none at 0, all at 1.
  const limit = Math.round(progress * 65536);
  const { out, from, to } = b;
  for (let cj = 0; cj < u!.h; cj++) {
    const r0 = 2 * cj * w;
    const r1 = r0 + w;
    const cu = u!.offset + cj * u!.w;
    const cv = v!.offset + cj * v!.w;
    for (let ci = 0; ci < u!.w; ci++) {
      const x = 2 * ci;
      let switched = 0;
      for (let k = 0; k < 4; k++) {
        const px = x + (k & 1);
        const at = (k < 2 ? r0 : r1) + px;
        if (dissolveThreshold(px, 2 * cj + (k >> 1)) < limit) {
          out[at] = to[at]!;
          switched++;
        } else out[at] = from[at]!;
      }
      const a = switched * 64;
      out[cu + ci] = mix256(from[cu + ci]!, to[cu + ci]!, a);
      out[cv + ci] = mix256(from[cv + ci]!, to[cv + ci]!, a);
    }
  }
}
