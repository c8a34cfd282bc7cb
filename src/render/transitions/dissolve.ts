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
  return scramble(Math.imul(x, 0x9e3779b1) ^ rowKey(y));
}

function rowKey(y: number): number {
  return Math.imul(y + 0x632be5ab, 0x85ebca77);
}

/** A 32-bit integer finaliser (xorshift-multiply rounds); the top 16 bits of the result. */
function scramble(h: number): number {
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
    const k0 = rowKey(2 * cj);
    const k1 = rowKey(2 * cj + 1);
    const cu = u!.offset + cj * u!.w;
    const cv = v!.offset + cj * v!.w;
    for (let ci = 0, x = 0; ci < u!.w; ci++, x += 2) {
      const hx0 = Math.imul(x, 0x9e3779b1);
      const hx1 = Math.imul(x + 1, 0x9e3779b1);
      // −1 where the pixel has switched, else 0; out = switched ? to : from.
      const m00 = (scramble(hx0 ^ k0) - limit) >> 31;
      const m01 = (scramble(hx1 ^ k0) - limit) >> 31;
      const m10 = (scramble(hx0 ^ k1) - limit) >> 31;
      const m11 = (scramble(hx1 ^ k1) - limit) >> 31;
      let f = from[r0 + x]!;
      out[r0 + x] = f ^ ((f ^ to[r0 + x]!) & m00);
      f = from[r0 + x + 1]!;
      out[r0 + x + 1] = f ^ ((f ^ to[r0 + x + 1]!) & m01);
      f = from[r1 + x]!;
      out[r1 + x] = f ^ ((f ^ to[r1 + x]!) & m10);
      f = from[r1 + x + 1]!;
      out[r1 + x + 1] = f ^ ((f ^ to[r1 + x + 1]!) & m11);
      const a = -(m00 + m01 + m10 + m11) * 64;
      out[cu + ci] = mix256(from[cu + ci]!, to[cu + ci]!, a);
      out[cv + ci] = mix256(from[cv + ci]!, to[cv + ci]!, a);
    }
  }
}
