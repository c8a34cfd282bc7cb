/**
 * `distance`: pixels whose colour differs least between `from` and `to` change first, the most different
 * last. A pixel's difference D is |ΔY| + |ΔU| + |ΔV| (its own luma, its 4:2:0 chroma), capped at 255; it
 * blends to `to` over a window `DISTANCE_SOFT` of the run wide that starts when `progress·(1 + soft)`
 * reaches D/255. Chroma takes the mean of its 2×2 luma pixels' shares, like the dissolve.
 */
import { mix256, type Buffers } from './blend.ts';
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
    const cu = u!.offset + cj * u!.w;
    const cv = v!.offset + cj * v!.w;
    for (let ci = 0; ci < u!.w; ci++) {
      const du = Math.abs(from[cu + ci]! - to[cu + ci]!) + Math.abs(from[cv + ci]! - to[cv + ci]!);
      let total = 0;
      for (let k = 0; k < 4; k++) {
        const at = r0 + (k >> 1) * w + 2 * ci + (k & 1);
        const f = from[at]!;
        const t = to[at]!;
        const a = share[Math.abs(f - t) + du]!;
        out[at] = mix256(f, t, a);
        total += a;
      }
      const a = (total + 2) >> 2;
      out[cu + ci] = mix256(from[cu + ci]!, to[cu + ci]!, a);
      out[cv + ci] = mix256(from[cv + ci]!, to[cv + ci]!, a);
    }
  }
}
