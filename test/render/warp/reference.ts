// A slow, plain TypeScript resampler with exactly the warp kernel's geometry and filter, in floating
// point: the kernel must match it to within one code value.
import { blackFrame, planes, type Frame } from '../../../src/render/frame.ts';
import { STRETCH_FROM, type WarpFilter, type WarpMap } from '../../../src/render/warp/index.ts';

function kernel(t: number, filter: WarpFilter): number {
  t = Math.abs(t);
  if (t >= 2) return 0;
  if (filter === 'keys') return t < 1 ? (1.5 * t - 2.5) * t * t + 1 : ((-0.5 * t + 2.5) * t - 4) * t + 2;
  if (t === 0) return 1;
  const a = Math.PI * t;
  return (2 * Math.sin(a) * Math.sin(a / 2)) / (a * a);
}

/** Normalised weights of the source samples around position `c` (index units), edge-clamped. */
function taps(c: number, scale: number, len: number, filter: WarpFilter): Map<number, number> {
  // The kernel's rule: the plain filter up to STRETCH_FROM, widened by the shrink factor beyond.
  const fs = scale > STRETCH_FROM ? scale : 1;
  const out = new Map<number, number>();
  let sum = 0;
  for (let i = Math.floor(c - 2 * fs); i <= Math.ceil(c + 2 * fs); i++) {
    const w = kernel((i - c) / fs, filter);
    if (w === 0) continue;
    const j = Math.min(len - 1, Math.max(0, i));
    out.set(j, (out.get(j) ?? 0) + w);
    sum += w;
  }
  for (const [j, w] of out) out.set(j, w / sum);
  return out;
}

function resamplePlane(
  src: Uint8Array,
  sw: number,
  sh: number,
  dst: Uint8Array,
  dw: number,
  dh: number,
  posX: (u: number) => number,
  posY: (v: number) => number,
  scale: number,
  filter: WarpFilter,
  scaleY = scale,
): void {
  const cols = Array.from({ length: dw }, (_, u) => taps(posX(u), scale, sw, filter));
  for (let v = 0; v < dh; v++) {
    const rows = taps(posY(v), scaleY, sh, filter);
    for (let u = 0; u < dw; u++) {
      let acc = 0;
      for (const [j, wy] of rows) for (const [i, wx] of cols[u]!) acc += wy * wx * src[j * sw + i]!;
      dst[v * dw + u] = Math.min(255, Math.max(0, Math.round(acc)));
    }
  }
}

/** The output frame (w×h) of `map` applied to `still`, computed the slow way. */
export function referenceWarp(still: Frame, w: number, h: number, map: WarpMap, filter: WarpFilter): Frame {
  const out = blackFrame(w, h);
  const s = planes(still);
  const d = planes(out);
  const { scale, x, y } = map;
  // Luma sample (u, v) is the pixel centre (u + 0.5, v + 0.5); source sample k has its centre at k + 0.5.
  const lumaX = (u: number): number => x + (u + 0.5) * scale - 0.5;
  const lumaY = (v: number): number => y + (v + 0.5) * scale - 0.5;
  resamplePlane(s.y, still.w, still.h, d.y, w, h, lumaX, lumaY, scale, filter);
  // Chroma sample (i, j), left siting: at luma position (2i + 0.5, 2j + 1); source chroma sample k
  // sits at luma 2k + 0.5 across and 2k + 1 down.
  const chromaX = (i: number): number => (x + (2 * i + 0.5) * scale - 0.5) / 2;
  const chromaY = (j: number): number => (y + (2 * j + 1) * scale - 1) / 2;
  for (const p of ['u', 'v'] as const) {
    resamplePlane(s[p], still.w / 2, still.h / 2, d[p], w / 2, h / 2, chromaX, chromaY, scale, filter);
  }
  return out;
}

/**
 * One 8-bit plane (sw×sh) resized to exactly dw×dh, each axis scaled on its own with pixel centres
 * aligned (a "fill" resize), the slow way.
 */
export function referenceResizePlane(
  src: Uint8Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  filter: WarpFilter,
): Uint8Array {
  const dst = new Uint8Array(dw * dh);
  const sx = sw / dw;
  const sy = sh / dh;
  const posX = (u: number): number => (u + 0.5) * sx - 0.5;
  const posY = (v: number): number => (v + 0.5) * sy - 0.5;
  resamplePlane(src, sw, sh, dst, dw, dh, posX, posY, sx, filter, sy);
  return dst;
}
