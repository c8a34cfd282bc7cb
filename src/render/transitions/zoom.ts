/**
 * `zoomin`: the camera zooms into the centre of `from` (×1 to ×`ZOOM_MAX`, at a steady rate on a log scale)
 * while `to` fades in over it along a smoothstep. `from` is resampled bilinearly (a magnification, so
 * nothing aliases); chroma is mapped through its own sited positions so the planes stay registered.
 */
import { smoothstep, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

/** How far `from` is magnified at the end of the transition. */
export const ZOOM_MAX = 2;

/** Magnification of `from` at `progress`. */
export function zoomScale(progress: number): number {
  return Math.pow(ZOOM_MAX, progress);
}

/** Share of `to` at `progress`. */
export function zoomFade(progress: number): number {
  return smoothstep(progress);
}

/**
 * Source position, in samples of a plane, that output sample `i` of that plane shows at magnification `scale`.
 * `n` samples, `step` luma pixels per sample, `c0` = centre of sample 0 (luma edge coordinates), `size` = the
 * frame's luma size on this axis.
 */
export function zoomSource(i: number, scale: number, step: number, c0: number, size: number): number {
  const centre = size / 2;
  const x = i * step + c0;
  return (centre + (x - centre) / scale - c0) / step;
}

export function drawZoom(b: Buffers, planes: readonly Plane[], progress: number): void {
  const [y] = planes;
  const scale = zoomScale(progress);
  const alpha = Math.round(zoomFade(progress) * 256);
  const ia = 256 - alpha;
  const { out, from, to } = b;
  for (const p of planes) {
    // Per column: left source sample and the weight (0..256) of the one to its right.
    const col = new Int32Array(p.w);
    const colW = new Int32Array(p.w);
    for (let i = 0; i < p.w; i++) {
      const s = Math.round(zoomSource(i, scale, p.step, p.x0, y!.w) * 256);
      const i0 = Math.min(p.w - 1, Math.max(0, s >> 8));
      col[i] = i0;
      colW[i] = i0 + 1 < p.w ? s - (i0 << 8) : 0;
    }
    const first = col[0]!;
    const last = Math.min(p.w - 1, col[p.w - 1]! + 1);
    // One spare entry so the right-hand tap of the last column is always readable (its weight is 0).
    const mid = new Int32Array(p.w + 1);
    for (let j = 0; j < p.h; j++) {
      const s = Math.round(zoomSource(j, scale, p.step, p.y0, y!.h) * 256);
      const j0 = Math.min(p.h - 1, Math.max(0, s >> 8));
      const j1 = Math.min(p.h - 1, j0 + 1);
      const fy = j1 > j0 ? s - (j0 << 8) : 0;
      const r0 = p.offset + j0 * p.w;
      const r1 = p.offset + j1 * p.w;
      // Vertical pass over the source columns this row needs, kept at ×256.
      for (let k = first; k <= last; k++) mid[k] = from[r0 + k]! * (256 - fy) + from[r1 + k]! * fy;
      mid[last + 1] = mid[last]!;
      const row = p.offset + j * p.w;
      for (let i = 0; i < p.w; i++) {
        const k = col[i]!;
        const fx = colW[i]!;
        const z = (mid[k]! * (256 - fx) + mid[k + 1]! * fx + 32768) >> 16;
        out[row + i] = (z * ia + to[row + i]! * alpha + 128) >> 8;
      }
    }
  }
}
