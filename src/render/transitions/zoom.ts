/**
 * `zoomin`: the camera zooms into the centre of `from` (×1 to ×`ZOOM_MAX`, at a steady rate on a log scale)
 * while `to` fades in over it along a smoothstep. `from` is resampled bilinearly (a magnification, so
 * nothing aliases); chroma is mapped through its own sited positions so the planes stay registered.
 */
import { smoothstep, weight128, type Buffers } from './blend.ts';
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
  const alpha = weight128(zoomFade(progress));
  const ia = 128 - alpha;
  const { out, from, to, out32, to32 } = b;
  for (const p of planes) {
    // Per column: left source sample << 8 | weight (0..255) of the one to its right.
    const taps = new Int32Array(p.w);
    for (let i = 0; i < p.w; i++) {
      const s = Math.round(zoomSource(i, scale, p.step, p.x0, y!.w) * 256);
      const i0 = Math.min(p.w - 1, Math.max(0, s >> 8));
      taps[i] = (i0 << 8) | (i0 + 1 < p.w ? Math.min(255, s - (i0 << 8)) : 0);
    }
    const first = taps[0]! >> 8;
    const last = Math.min(p.w - 1, (taps[p.w - 1]! >> 8) + 1);
    // The source rows blended vertically, ×256 (one spare entry: the right tap of the last column has weight 0),
    // then the zoomed row (padded to whole 32-bit words for the crossfade).
    const mid = new Uint16Array(p.w + 1);
    const zoomed = new Uint8Array((p.w + 3) & ~3);
    const zoomed32 = new Uint32Array(zoomed.buffer);
    for (let j = 0; j < p.h; j++) {
      const s = Math.round(zoomSource(j, scale, p.step, p.y0, y!.h) * 256);
      const j0 = Math.min(p.h - 1, Math.max(0, s >> 8));
      const j1 = Math.min(p.h - 1, j0 + 1);
      const fy = j1 > j0 ? s - (j0 << 8) : 0;
      const r0 = p.offset + j0 * p.w;
      const r1 = p.offset + j1 * p.w;
      for (let k = first; k <= last; k++) mid[k] = from[r0 + k]! * (256 - fy) + from[r1 + k]! * fy;
      mid[last + 1] = mid[last]!;
      for (let i = 0; i < p.w; i++) {
        const t = taps[i]!;
        const k = t >> 8;
        const fx = t & 255;
        zoomed[i] = (mid[k]! * (256 - fx) + mid[k + 1]! * fx + 32768) >> 16;
      }
      // Crossfade with `to`, four bytes at a time where the row is word-aligned.
      const row = p.offset + j * p.w;
      let i = 0;
      if (out32 && to32 && (row & 3) === 0) {
        const words = p.w >> 2;
        const base = row >> 2;
        for (let q = 0; q < words; q++) {
          const z = zoomed32[q]!;
          const t = to32[base + q]!;
          const lo = (((z & 0xff00ff) * ia + (t & 0xff00ff) * alpha + 0x400040) >> 7) & 0xff00ff;
          const hi =
            ((((z >>> 8) & 0xff00ff) * ia + ((t >>> 8) & 0xff00ff) * alpha + 0x400040) << 1) & 0xff00ff00;
          out32[base + q] = lo | hi;
        }
        i = words << 2;
      }
      for (; i < p.w; i++) out[row + i] = (zoomed[i]! * ia + to[row + i]! * alpha + 64) >> 7;
    }
  }
}
