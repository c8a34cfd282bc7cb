/**
 * The blending primitives every transition is built from, on flat byte ranges of the frames' buffers.
 * Whole-span blends with one weight run four bytes at a time (two 16-bit lanes per 32-bit word, weights
 * in 1/128 so every product stays a small integer); per-sample weights are in 1/256.
 */
import type { Frame } from '../frame.ts';

/** The three buffers of one draw call, with 32-bit views when all three are 4-byte aligned. */
export interface Buffers {
  readonly out: Uint8Array;
  readonly from: Uint8Array;
  readonly to: Uint8Array;
  readonly out32: Uint32Array | undefined;
  readonly from32: Uint32Array | undefined;
  readonly to32: Uint32Array | undefined;
}

export function buffers(from: Frame, to: Frame, out: Frame): Buffers {
  const n = (out.w * out.h * 3) / 2;
  const o = out.data.subarray(0, n);
  const f = from.data.subarray(0, n);
  const t = to.data.subarray(0, n);
  const aligned = o.byteOffset % 4 === 0 && f.byteOffset % 4 === 0 && t.byteOffset % 4 === 0;
  const view = (a: Uint8Array) => (aligned ? new Uint32Array(a.buffer, a.byteOffset, n >> 2) : undefined);
  return { out: o, from: f, to: t, out32: view(o), from32: view(f), to32: view(t) };
}

/** Copies `src[start, end)` to the same place in `out`. */
export function copySpan(out: Uint8Array, src: Uint8Array, start: number, end: number): void {
  if (end > start) out.set(src.subarray(start, end), start);
}

/** Copies `src[srcStart, srcStart + n)` to `out[outStart …]`. */
export function moveSpan(
  out: Uint8Array,
  outStart: number,
  src: Uint8Array,
  srcStart: number,
  n: number,
): void {
  if (n > 0) out.set(src.subarray(srcStart, srcStart + n), outStart);
}

/**
 * out = from·(1 − a) + to·a over `[start, end)`, `a = alpha / 128`, rounded to nearest.
 * alpha 0 copies `from` and 128 copies `to` exactly.
 */
export function blendSpan(b: Buffers, start: number, end: number, alpha: number): void {
  if (alpha <= 0) return copySpan(b.out, b.from, start, end);
  if (alpha >= 128) return copySpan(b.out, b.to, start, end);
  const { out, from, to, out32, from32, to32 } = b;
  const ia = 128 - alpha;
  let k = start;
  if (out32 && from32 && to32) {
    for (; k < end && k & 3; k++) out[k] = (from[k]! * ia + to[k]! * alpha + 64) >> 7;
    const w1 = (end - k) >> 2;
    let q = k >> 2;
    for (const qEnd = q + w1; q < qEnd; q++) {
      const f = from32[q]!;
      const t = to32[q]!;
      const lo = ((((f & 0xff00ff) * ia + (t & 0xff00ff) * alpha + 0x400040) >> 7) & 0xff00ff) >>> 0;
      const hi =
        ((((f >>> 8) & 0xff00ff) * ia + ((t >>> 8) & 0xff00ff) * alpha + 0x400040) << 1) & 0xff00ff00;
      out32[q] = lo | hi;
    }
    k = q << 2;
  }
  for (; k < end; k++) out[k] = (from[k]! * ia + to[k]! * alpha + 64) >> 7;
}

/**
 * out = src·(1 − a) + value·a over `[start, end)`, `a = alpha / 128`: `src` fading towards a flat value.
 * `src` is `b.from` or `b.to` (its 32-bit view is picked to match).
 */
export function blendValueSpan(
  b: Buffers,
  useTo: boolean,
  start: number,
  end: number,
  value: number,
  alpha: number,
): void {
  const src = useTo ? b.to : b.from;
  const src32 = useTo ? b.to32 : b.from32;
  const { out, out32 } = b;
  if (alpha <= 0) return copySpan(out, src, start, end);
  if (alpha >= 128) {
    out.fill(value, start, end);
    return;
  }
  const ia = 128 - alpha;
  const va = value * alpha + 64;
  let k = start;
  if (out32 && src32) {
    for (; k < end && k & 3; k++) out[k] = (src[k]! * ia + va) >> 7;
    const lanes = (value * alpha + 64) * 0x10001;
    const w1 = (end - k) >> 2;
    let q = k >> 2;
    for (const qEnd = q + w1; q < qEnd; q++) {
      const s = src32[q]!;
      const lo = ((((s & 0xff00ff) * ia + lanes) >> 7) & 0xff00ff) >>> 0;
      const hi = ((((s >>> 8) & 0xff00ff) * ia + lanes) << 1) & 0xff00ff00;
      out32[q] = lo | hi;
    }
    k = q << 2;
  }
  for (; k < end; k++) out[k] = (src[k]! * ia + va) >> 7;
}

/** One sample: from·(1 − a) + to·a with `a = alpha / 256` (per-sample weights). */
export function mix256(f: number, t: number, alpha: number): number {
  // = (f·(256 − alpha) + t·alpha + 128) >> 8, with one multiplication (f·256 is a whole multiple of 256).
  return f + (((t - f) * alpha + 128) >> 8);
}

/** A weight in [0, 1] as an integer in 0..256. */
export function weight256(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 256 : Math.round(x * 256);
}

/** A weight in [0, 1] as an integer in 0..128 (for the four-bytes-at-a-time blends). */
export function weight128(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 128 : Math.round(x * 128);
}

/** 3x² − 2x³ on [0, 1], clamped outside. */
export function smoothstep(x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return x * x * (3 - 2 * x);
}
