/**
 * Wipes: a straight edge crosses the frame, `to` on the side it has passed. Hard wipes have a sharp edge
 * drawn with exact area coverage (so the edge moves smoothly by fractions of a pixel and lines up between
 * luma and chroma); smooth wipes have a wide smoothstep band.
 */
import { blendSpan, copySpan, mix256, smoothstep, weight128, weight256, type Buffers } from './blend.ts';
import type { Plane } from './planes.ts';

export type Side = 'left' | 'right' | 'up' | 'down';

/**
 * Share of `to` in a sample whose footprint is `[a, b]` (luma pixel units along the wipe's axis), with the
 * edge at `edge` and `to` below it (`toBelow`) or above it.
 */
function coverage(a: number, b: number, edge: number, toBelow: boolean): number {
  const c = (edge - a) / (b - a);
  return toBelow ? c : 1 - c;
}

/** Footprint of sample `i` of a plane along an axis of `size` luma pixels, clipped to the frame. */
function footprint(i: number, step: number, centre0: number, size: number): [number, number] {
  const c = i * step + centre0;
  return [Math.max(0, c - step / 2), Math.min(size, c + step / 2)];
}

/**
 * `wipeleft`/`wiperight`/`wipeup`/`wipedown`: the edge moves in the named direction and has travelled
 * `progress × width` (or height) from where it started; `to` is on the side it has passed
 * (`wiperight`: `to` fills luma columns `x < progress·w`).
 */
export function drawWipe(b: Buffers, planes: readonly Plane[], progress: number, side: Side): void {
  const [y] = planes;
  const horizontal = side === 'left' || side === 'right';
  const size = horizontal ? y!.w : y!.h;
  // Moving right/down: `to` lies before the edge; moving left/up: after it.
  const toBelow = side === 'right' || side === 'down';
  const edge = toBelow ? progress * size : (1 - progress) * size;
  for (const p of planes) {
    if (horizontal) {
      const alpha = new Uint16Array(p.w);
      for (let i = 0; i < p.w; i++) {
        const [a, e] = footprint(i, p.step, p.x0, size);
        alpha[i] = weight256(coverage(a, e, edge, toBelow));
      }
      drawColumns(b, p, alpha);
    } else {
      for (let j = 0; j < p.h; j++) {
        const [a, e] = footprint(j, p.step, p.y0, size);
        const row = p.offset + j * p.w;
        blendSpan(b, row, row + p.w, weight128(coverage(a, e, edge, toBelow)));
      }
    }
  }
}

/** Band of the smooth wipes, as a share of the width (or height) they cross. */
export const SMOOTH_BAND = 0.25;

/**
 * `smoothleft`/`smoothright`: like the wipes, but the edge is a band `SMOOTH_BAND` of the width wide in
 * which `to` rises along a smoothstep; the band enters from outside the frame and leaves it at the end.
 */
export function drawSmoothWipe(b: Buffers, planes: readonly Plane[], progress: number, side: Side): void {
  const [y] = planes;
  const horizontal = side === 'left' || side === 'right';
  const size = horizontal ? y!.w : y!.h;
  const band = size * SMOOTH_BAND;
  const travel = progress * (size + band);
  for (const p of planes) {
    const n = horizontal ? p.w : p.h;
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = i * p.step + (horizontal ? p.x0 : p.y0);
      // right/down: `to` before the band's far edge; left/up: after its near edge.
      w[i] =
        side === 'right' || side === 'down'
          ? smoothstep((travel - c) / band)
          : smoothstep((c - (size - travel)) / band);
    }
    if (horizontal) {
      const alpha = new Uint16Array(p.w);
      for (let i = 0; i < p.w; i++) alpha[i] = weight256(w[i]!);
      drawColumns(b, p, alpha);
    } else {
      for (let j = 0; j < p.h; j++) {
        const row = p.offset + j * p.w;
        blendSpan(b, row, row + p.w, weight128(w[j]!));
      }
    }
  }
}

/** Every row of a plane blended with one weight per column (`alpha`, 0..256). */
export function drawColumns(b: Buffers, p: Plane, alpha: Uint16Array): void {
  const { out, from, to } = b;
  // Runs of equal kind: whole-`from` and whole-`to` runs are copied, the rest blended per sample.
  const runs: number[] = [];
  for (let i = 0; i < p.w;) {
    const a = alpha[i]!;
    const kind = a === 0 ? 0 : a === 256 ? 1 : 2;
    let e = i + 1;
    while (e < p.w && (alpha[e] === 0 ? 0 : alpha[e] === 256 ? 1 : 2) === kind) e++;
    runs.push(i, e, kind);
    i = e;
  }
  for (let j = 0; j < p.h; j++) {
    const row = p.offset + j * p.w;
    for (let r = 0; r < runs.length; r += 3) {
      const s = runs[r]!;
      const e = runs[r + 1]!;
      const kind = runs[r + 2]!;
      if (kind === 0) copySpan(out, from, row + s, row + e);
      else if (kind === 1) copySpan(out, to, row + s, row + e);
      else for (let i = s; i < e; i++) out[row + i] = mix256(from[row + i]!, to[row + i]!, alpha[i]!);
    }
  }
}
