/**
 * `distance`: pixels whose colour differs least between `from` and `to` change first, the most different
 * last. A pixel's difference D is |ΔY| + |ΔU| + |ΔV| (its own luma, its 4:2:0 chroma), capped at 255; it
 * blends to `to` over a window `DISTANCE_SOFT` of the run wide that starts when `progress·(1 + soft)`
 * reaches D/255. Chroma takes the mean of its 2×2 luma pixels' shares, like the dissolve.
 */
import type { Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** Width of each pixel's own fade, as a share of the whole transition. */
export const DISTANCE_SOFT = 0.25;

/** Share of `to` (0..256) of a pixel with difference `d` (0..255) at `progress`. */
export function distanceShare(d: number, progress: number): number {
  const x = (progress * (1 + DISTANCE_SOFT) - d / 255) / DISTANCE_SOFT;
  return x <= 0 ? 0 : x >= 1 ? 256 : Math.round(x * 256);
}

export function drawDistance(b: Buffers, planes: readonly Plane[], progress: number): void {
  const [y, u, v] = planes;
  const w = y!.w;
  // Indexed by the uncapped difference (up to 3 × 255): the cap is in the table.
  const share = new Uint16Array(766);
  for (let d = 0; d < 766; d++) share[d] = distanceShare(Math.min(255, d), progress);
  const { out, from, to } = b;
  for (let cj = 0; cj < u!.h; cj++) {
    const r0 = 2 * cj * w;
    const r1 = r0 + w;
    const cu = u!.offset + cj * u!.w;
    const cv = v!.offset + cj * v!.w;
    for (let ci = 0, x = 0; ci < u!.w; ci++, x += 2) {
      const fu = from[cu + ci]!;
      const fv = from[cv + ci]!;
      const tu = to[cu + ci]!;
      const tv = to[cv + ci]!;
      const du = Math.abs(fu - tu) + Math.abs(fv - tv);
      // The block's four luma pixels: top-left, top-right, bottom-left, bottom-right.
      let f = from[r0 + x]!;
      let t = to[r0 + x]!;
      const a0 = share[Math.abs(f - t) + du]!;
      out[r0 + x] = f + (((t - f) * a0 + 128) >> 8);
      f = from[r0 + x + 1]!;
      t = to[r0 + x + 1]!;
      const a1 = share[Math.abs(f - t) + du]!;
      out[r0 + x + 1] = f + (((t - f) * a1 + 128) >> 8);
      f = from[r1 + x]!;
      t = to[r1 + x]!;
      const a2 = share[Math.abs(f - t) + du]!;
      out[r1 + x] = f + (((t - f) * a2 + 128) >> 8);
      f = from[r1 + x + 1]!;
      t = to[r1 + x + 1]!;
      const a3 = share[Math.abs(f - t) + du]!;
      out[r1 + x + 1] = f + (((t - f) * a3 + 128) >> 8);
      const a = (a0 + a1 + a2 + a3 + 2) >> 2;
      out[cu + ci] = fu + (((tu - fu) * a + 128) >> 8);
      out[cv + ci] = fv + (((tv - fv) * a + 128) >> 8);
    }
  }
}
