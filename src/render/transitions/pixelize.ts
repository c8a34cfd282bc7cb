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
    const value = new Uint8Array(blocks);
    const colBlock = new Int32Array(p.w);
    for (let i = 0; i < p.w; i++) colBlock[i] = Math.floor((i - ox) / size);
    const counts = new Uint32Array(blocks);
    for (let i = 0; i < p.w; i++) counts[colBlock[i]!]!++;
    for (let top = oy; top < p.h; top += size) {
      const j0 = Math.max(0, top);
      const j1 = Math.min(p.h, top + size);
      sumF.fill(0);
      sumT.fill(0);
      for (let j = j0; j < j1; j++) {
        const row = p.offset + j * p.w;
        for (let i = 0; i < p.w; i++) {
          const k = colBlock[i]!;
          sumF[k]! += from[row + i]!;
          sumT[k]! += to[row + i]!;
        }
      }
      const rows = j1 - j0;
      for (let k = 0; k < blocks; k++) {
        const n = counts[k]! * rows;
        // round((sumF·(256 − a) + sumT·a) / (256·n))
        value[k] = Math.floor((sumF[k]! * (256 - alpha) + sumT[k]! * alpha + 128 * n) / (256 * n));
      }
      for (let j = j0; j < j1; j++) {
        const row = p.offset + j * p.w;
        for (let i = 0; i < p.w; i++) out[row + i] = value[colBlock[i]!]!;
      }
    }
  }
}
