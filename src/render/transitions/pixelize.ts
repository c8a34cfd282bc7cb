/**
 * `pixelize`: the picture breaks into square blocks that grow to `PIXEL_MAX` of the shorter side at the
 * midpoint and shrink back, while `from` crossfades to `to`. Each block shows the average of its pixels
 * (a box filter, so the blocks do not flicker as a point sample would). Blocks are whole even luma pixels
 * on a grid through the centre of the frame, so chroma blocks are exactly half the size and line up.
 */
import { blendSpan, weight128, weight256, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** Largest block, as a share of the shorter side. */
export const PIXEL_MAX = 1 / 16;

/** Block size in luma pixels at `progress` (even; 0 means no blocks, a plain crossfade). */
export function pixelBlock(progress: number, w: number, h: number): number {
  const peak = 1 - Math.abs(2 * progress - 1);
  return 2 * Math.round((peak * Math.min(w, h) * PIXEL_MAX) / 2);
}

/** Luma column (or row) where the block grid starts: an even position at or before the centre. */
export function pixelGridOrigin(size: number, block: number): number {
  const rest = ((size / 2) & ~1) % block;
  return rest === 0 ? 0 : rest - block;
}

export function drawPixelize(b: Buffers, planes: readonly Plane[], progress: number): void {
  const [y] = planes;
  const block = pixelBlock(progress, y!.w, y!.h);
  if (block < 2) {
    blendSpan(b, 0, b.out.length, weight128(progress));
    return;
  }
  const alpha = weight256(progress);
  const { out, from, to } = b;
  for (const p of planes) {
    const size = block / p.step;
    const ox = pixelGridOrigin(y!.w, block) / p.step;
    const oy = pixelGridOrigin(y!.h, block) / p.step;
    const blocks = Math.ceil((p.w - ox) / size);
    const sumF = new Uint32Array(blocks);
    const sumT = new Uint32Array(blocks);
    for (let top = oy; top < p.h; top += size) {
      const j0 = Math.max(0, top);
      const j1 = Math.min(p.h, top + size);
      sumF.fill(0);
      sumT.fill(0);
      for (let j = j0; j < j1; j++) {
        const row = p.offset + j * p.w;
        for (let k = 0; k < blocks; k++) {
          const i1 = row + Math.min(p.w, ox + (k + 1) * size);
          let f = 0;
          let t = 0;
          for (let i = row + Math.max(0, ox + k * size); i < i1; i++) {
            f += from[i]!;
            t += to[i]!;
          }
          sumF[k]! += f;
          sumT[k]! += t;
        }
      }
      // The band's first row filled block by block, then copied to the band's other rows.
      const first = p.offset + j0 * p.w;
      for (let k = 0; k < blocks; k++) {
        const i0 = Math.max(0, ox + k * size);
        const i1 = Math.min(p.w, ox + (k + 1) * size);
        const n = (i1 - i0) * (j1 - j0);
        // round((sumF·(256 − a) + sumT·a) / (256·n))
        const value = Math.floor((sumF[k]! * (256 - alpha) + sumT[k]! * alpha + 128 * n) / (256 * n));
        out.fill(value, first + i0, first + i1);
      }
      for (let j = j0 + 1; j < j1; j++) out.copyWithin(p.offset + j * p.w, first, first + p.w);
    }
  }
}
