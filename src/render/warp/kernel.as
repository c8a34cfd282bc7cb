// AssemblyScript source of the warp kernel (compiled to WebAssembly by `npm run build:wasm`,
// see build-wasm.ts; the bytes are embedded in kernel-wasm.ts). Named .as so that the TypeScript
// build, which compiles everything under src/, leaves it alone.
//
// One plane is resampled by a separable filter in two passes per output row:
//   1. vertical: the source rows under the output row's vertical filter are combined into one
//      intermediate row (16-bit, 6 fractional bits), only over the source columns the row needs;
//   2. horizontal: each output sample combines `hTaps` consecutive intermediate samples (even).
// The SIMD path does the same sums in bands of 8 rows (see planeSimd).
// Filter weights are fixed-point and computed once per frame by `weights` (one table per axis).
// Arithmetic is integer only after the weights are set, so results are the same on every run and
// every machine; the scalar and SIMD paths give identical bytes.

/** Filter ids (must match index.ts). */
const LANCZOS2: i32 = 0;
const KEYS: i32 = 1;

/** Weights are fixed point with 14 fractional bits: a weight of 1 is ONE. */
const ONE: i32 = 1 << 14;

/** Largest number of taps per output sample (8 taps per unit of filter scale). */
const MAX_TAPS: i32 = 64;

/** Float scratch for one output sample's weights. */
const scratch: usize = memory.data(MAX_TAPS * 8, 16);

/** Start of free memory: the JS side lays out its buffers from here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

function kernelExact(t: f64, filter: i32): f64 {
  t = Math.abs(t);
  if (t >= 2.0) return 0.0;
  if (filter == KEYS) {
    // Keys cubic convolution, a = -0.5 (Catmull-Rom).
    if (t < 1.0) return (1.5 * t - 2.5) * t * t + 1.0;
    return ((-0.5 * t + 2.5) * t - 4.0) * t + 2.0;
  }
  // Lanczos-2: sinc(t) * sinc(t / 2).
  if (t < 1e-9) return 1.0;
  const a = Math.PI * t;
  return (2.0 * Math.sin(a) * Math.sin(a * 0.5)) / (a * a);
}

/** The filters tabulated over [0, 2] in steps of 1/LUT_RES, read with linear interpolation. */
const LUT_RES: i32 = 1024;
const LUT_LEN: i32 = 2 * LUT_RES + 2;
const lut: usize = memory.data(2 * LUT_LEN * 8, 16);
for (let f = 0; f < 2; f++) {
  for (let i = 0; i < LUT_LEN; i++) {
    store<f64>(lut + (<usize>(f * LUT_LEN + i) << 3), kernelExact(<f64>i / <f64>LUT_RES, f));
  }
}

function kernel(t: f64, filter: i32): f64 {
  t = Math.abs(t) * <f64>LUT_RES;
  if (t >= <f64>(2 * LUT_RES)) return 0.0;
  const i = <i32>t;
  const f = t - <f64>i;
  const p = lut + (<usize>(filter * LUT_LEN + i) << 3);
  const a = load<f64>(p);
  return a + (load<f64>(p, 8) - a) * f;
}

/**
 * Filter table of one axis: output sample `i` (0 ≤ i < dstLen) is centred on source sample
 * position `base + scale * i` (index units: source sample `k` sits at position k).
 * The filter is stretched by `stretch` (the caller's choice: 1, or the shrink factor so that it
 * averages the source samples one output sample covers; `taps` ≥ 4·stretch). Taps that fall outside the source are folded onto the edge
 * sample (edge clamp) and the window is moved inside the source, so every read is in bounds.
 * Writes `starts[i]` (i32: first source sample) and `taps` weights per sample (i16) that sum
 * to 1 in Q14 (16384).
 */
export function weights(
  starts: usize,
  table: usize,
  dstLen: i32,
  srcLen: i32,
  base: f64,
  scale: f64,
  taps: i32,
  filter: i32,
  stretch: f64,
): void {
  const fs = stretch;
  const radius = 2.0 * fs;
  const inv = 1.0 / fs;
  for (let i = 0; i < dstLen; i++) {
    const c = base + scale * <f64>i;
    const s = <i32>Math.floor(c - radius) + 1;
    let s2 = s;
    if (s2 > srcLen - taps) s2 = srcLen - taps;
    if (s2 < 0) s2 = 0;
    for (let k = 0; k < taps; k++) store<f64>(scratch + (<usize>k << 3), 0.0);
    let sum = 0.0;
    for (let k = 0; k < taps; k++) {
      const w = kernel((<f64>(s + k) - c) * inv, filter);
      if (w == 0.0) continue;
      let j = s + k;
      if (j < 0) j = 0;
      if (j > srcLen - 1) j = srcLen - 1;
      const p = scratch + (<usize>(j - s2) << 3);
      store<f64>(p, load<f64>(p) + w);
      sum += w;
    }
    let total = 0;
    let big = 0;
    let bigW = -1.0;
    for (let k = 0; k < taps; k++) {
      const p = scratch + (<usize>k << 3);
      const w = load<f64>(p) / sum;
      const v = <i32>Math.floor(w * <f64>ONE + 0.5);
      store<i32>(p, v);
      total += v;
      if (w > bigW) {
        bigW = w;
        big = k;
      }
    }
    // Rounding leftovers go to the largest weight, so the weights sum to exactly ONE
    // (flat areas stay flat).
    const bp = scratch + (<usize>big << 3);
    store<i32>(bp, load<i32>(bp) + ONE - total);
    const q = table + (<usize>(i * taps) << 1);
    for (let k = 0; k < taps; k++) store<i16>(q + (<usize>k << 1), <i16>load<i32>(scratch + (<usize>k << 3)));
    store<i32>(starts + (<usize>i << 2), s2);
  }
}

// @ts-ignore: decorator
@inline
function q15mulr(a: i32, b: i32): i32 {
  const r = (a * b + 0x4000) >> 15;
  return r > 32767 ? 32767 : r;
}

// @ts-ignore: decorator
@inline
function addSat16(a: i32, b: i32): i32 {
  const r = a + b;
  return r > 32767 ? 32767 : r < -32768 ? -32768 : r;
}

/** Vertical pass, scalar: intermediate[j - colLo] for source columns colLo ≤ j < colHi (Q6). */
function verticalScalar(
  src: usize,
  sw: i32,
  s: i32,
  w: usize,
  taps: i32,
  inter: usize,
  colLo: i32,
  colHi: i32,
): void {
  for (let j = colLo; j < colHi; j++) {
    let acc = 0;
    let p = src + <usize>(s * sw + j);
    for (let k = 0; k < taps; k++) {
      acc = addSat16(acc, q15mulr(<i32>load<u8>(p) << 7, <i32>load<i16>(w + (<usize>k << 1))));
      p += <usize>sw;
    }
    store<i16>(inter + (<usize>(j - colLo) << 1), <i16>acc);
  }
}

/** Horizontal pass, scalar: one output row from one intermediate row (exact sums, then rounded). */
function horizontalScalar(inter: usize, colLo: i32, hs: usize, hw: usize, taps: i32, out: usize, dw: i32): void {
  for (let u = 0; u < dw; u++) {
    let p = inter + (<usize>(load<i32>(hs + (<usize>u << 2)) - colLo) << 1);
    let w = hw + (<usize>(u * taps) << 1);
    let acc = 0;
    for (let k = 0; k < taps; k++) {
      acc += <i32>load<i16>(p) * <i32>load<i16>(w);
      p += 2;
      w += 2;
    }
    let v = (acc + (1 << 19)) >> 20;
    if (v < 0) v = 0;
    if (v > 255) v = 255;
    store<u8>(out + <usize>u, <u8>v);
  }
}

// @ts-ignore: decorator
@inline
function vtapLo(acc: v128, px: v128, w: v128): v128 {
  return i16x8.add_sat_s(acc, i16x8.q15mulr_sat_s(i16x8.extmul_low_i8x16_u(px, i8x16.splat(<i8>-128)), w));
}

// @ts-ignore: decorator
@inline
function vtapHi(acc: v128, px: v128, w: v128): v128 {
  return i16x8.add_sat_s(acc, i16x8.q15mulr_sat_s(i16x8.extmul_high_i8x16_u(px, i8x16.splat(<i8>-128)), w));
}

/**
 * Vertical pass, SIMD: like verticalScalar, 16 columns at a time (writes up to 15 more). Up to 8
 * taps are unrolled with their weights held in registers; `taps` ≥ 4. (The extending multiply by
 * 128 as u8 is the shift by 7.)
 */
function verticalSimd(
  src: usize,
  sw: i32,
  s: i32,
  w: usize,
  taps: i32,
  inter: usize,
  colLo: i32,
  colHi: i32,
): void {
  let q = inter;
  const stride = <usize>sw;
  const row = src + <usize>(s * sw);
  if (taps > 8) {
    for (let j = colLo; j < colHi; j += 16) {
      let acc0 = i16x8.splat(0);
      let acc1 = i16x8.splat(0);
      let p = row + <usize>j;
      for (let k = 0; k < taps; k++) {
        const wk = v128.load16_splat(w + (<usize>k << 1));
        const px = v128.load(p);
        acc0 = vtapLo(acc0, px, wk);
        acc1 = vtapHi(acc1, px, wk);
        p += stride;
      }
      v128.store(q, acc0);
      v128.store(q, acc1, 16);
      q += 32;
    }
    return;
  }
  const zero = i16x8.splat(0);
  const w0 = v128.load16_splat(w);
  const w1 = v128.load16_splat(w, 2);
  const w2 = v128.load16_splat(w, 4);
  const w3 = v128.load16_splat(w, 6);
  const w4 = taps > 4 ? v128.load16_splat(w, 8) : zero;
  const w5 = taps > 5 ? v128.load16_splat(w, 10) : zero;
  const w6 = taps > 6 ? v128.load16_splat(w, 12) : zero;
  const w7 = taps > 7 ? v128.load16_splat(w, 14) : zero;
  for (let j = colLo; j < colHi; j += 16) {
    let p = row + <usize>j;
    let px = v128.load(p);
    let acc0 = vtapLo(zero, px, w0);
    let acc1 = vtapHi(zero, px, w0);
    px = v128.load(p + stride);
    acc0 = vtapLo(acc0, px, w1);
    acc1 = vtapHi(acc1, px, w1);
    px = v128.load(p + 2 * stride);
    acc0 = vtapLo(acc0, px, w2);
    acc1 = vtapHi(acc1, px, w2);
    px = v128.load(p + 3 * stride);
    acc0 = vtapLo(acc0, px, w3);
    acc1 = vtapHi(acc1, px, w3);
    if (taps > 4) {
      p += 4 * stride;
      px = v128.load(p);
      acc0 = vtapLo(acc0, px, w4);
      acc1 = vtapHi(acc1, px, w4);
      if (taps > 5) {
        px = v128.load(p + stride);
        acc0 = vtapLo(acc0, px, w5);
        acc1 = vtapHi(acc1, px, w5);
        if (taps > 6) {
          px = v128.load(p + 2 * stride);
          acc0 = vtapLo(acc0, px, w6);
          acc1 = vtapHi(acc1, px, w6);
          if (taps > 7) {
            px = v128.load(p + 3 * stride);
            acc0 = vtapLo(acc0, px, w7);
            acc1 = vtapHi(acc1, px, w7);
          }
        }
      }
    }
    v128.store(q, acc0);
    v128.store(q, acc1, 16);
    q += 32;
  }
}

/**
 * Transposes an 8×8 block of i16: row r (8 lanes) is read at src + r·srcStride, and column c is
 * written as one vector at dst + c·dstStride.
 */
// @ts-ignore: decorator
@inline
function transpose8(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const a0 = v128.load(src);
  const a1 = v128.load(src + srcStride);
  const a2 = v128.load(src + 2 * srcStride);
  const a3 = v128.load(src + 3 * srcStride);
  const a4 = v128.load(src + 4 * srcStride);
  const a5 = v128.load(src + 5 * srcStride);
  const a6 = v128.load(src + 6 * srcStride);
  const a7 = v128.load(src + 7 * srcStride);
  const t0 = i16x8.shuffle(a0, a1, 0, 8, 1, 9, 2, 10, 3, 11);
  const t1 = i16x8.shuffle(a0, a1, 4, 12, 5, 13, 6, 14, 7, 15);
  const t2 = i16x8.shuffle(a2, a3, 0, 8, 1, 9, 2, 10, 3, 11);
  const t3 = i16x8.shuffle(a2, a3, 4, 12, 5, 13, 6, 14, 7, 15);
  const t4 = i16x8.shuffle(a4, a5, 0, 8, 1, 9, 2, 10, 3, 11);
  const t5 = i16x8.shuffle(a4, a5, 4, 12, 5, 13, 6, 14, 7, 15);
  const t6 = i16x8.shuffle(a6, a7, 0, 8, 1, 9, 2, 10, 3, 11);
  const t7 = i16x8.shuffle(a6, a7, 4, 12, 5, 13, 6, 14, 7, 15);
  const u0 = i32x4.shuffle(t0, t2, 0, 4, 1, 5);
  const u1 = i32x4.shuffle(t0, t2, 2, 6, 3, 7);
  const u2 = i32x4.shuffle(t1, t3, 0, 4, 1, 5);
  const u3 = i32x4.shuffle(t1, t3, 2, 6, 3, 7);
  const u4 = i32x4.shuffle(t4, t6, 0, 4, 1, 5);
  const u5 = i32x4.shuffle(t4, t6, 2, 6, 3, 7);
  const u6 = i32x4.shuffle(t5, t7, 0, 4, 1, 5);
  const u7 = i32x4.shuffle(t5, t7, 2, 6, 3, 7);
  v128.store(dst, i64x2.shuffle(u0, u4, 0, 2));
  v128.store(dst + dstStride, i64x2.shuffle(u0, u4, 1, 3));
  v128.store(dst + 2 * dstStride, i64x2.shuffle(u1, u5, 0, 2));
  v128.store(dst + 3 * dstStride, i64x2.shuffle(u1, u5, 1, 3));
  v128.store(dst + 4 * dstStride, i64x2.shuffle(u2, u6, 0, 2));
  v128.store(dst + 5 * dstStride, i64x2.shuffle(u2, u6, 1, 3));
  v128.store(dst + 6 * dstStride, i64x2.shuffle(u3, u7, 0, 2));
  v128.store(dst + 7 * dstStride, i64x2.shuffle(u3, u7, 1, 3));
}

/**
 * One output column of a band of 8 rows, from `pairs`: for each intermediate column m, rows 0-3 and
 * then rows 4-7 of columns m and m+1 interleaved, so one dot product applies two taps (weights k,
 * k+1 are adjacent in the table; `taps` is even). Exact 32-bit sums, rounded back to samples.
 */
// @ts-ignore: decorator
@inline
function bandColumn(pairs: usize, colLo: i32, hs: usize, hw: usize, taps: i32, u: i32): v128 {
  let p = pairs + (<usize>(load<i32>(hs + (<usize>u << 2)) - colLo) << 5);
  let w = hw + (<usize>(u * taps) << 1);
  let wp = v128.load32_splat(w);
  let lo = i32x4.dot_i16x8_s(v128.load(p), wp);
  let hi = i32x4.dot_i16x8_s(v128.load(p, 16), wp);
  wp = v128.load32_splat(w, 4);
  lo = i32x4.add(lo, i32x4.dot_i16x8_s(v128.load(p, 64), wp));
  hi = i32x4.add(hi, i32x4.dot_i16x8_s(v128.load(p, 80), wp));
  if (taps > 4) {
    wp = v128.load32_splat(w, 8);
    lo = i32x4.add(lo, i32x4.dot_i16x8_s(v128.load(p, 128), wp));
    hi = i32x4.add(hi, i32x4.dot_i16x8_s(v128.load(p, 144), wp));
    if (taps > 6) {
      wp = v128.load32_splat(w, 12);
      lo = i32x4.add(lo, i32x4.dot_i16x8_s(v128.load(p, 192), wp));
      hi = i32x4.add(hi, i32x4.dot_i16x8_s(v128.load(p, 208), wp));
      p += 256;
      w += 16;
      for (let k = 8; k < taps; k += 2) {
        wp = v128.load32_splat(w);
        lo = i32x4.add(lo, i32x4.dot_i16x8_s(v128.load(p), wp));
        hi = i32x4.add(hi, i32x4.dot_i16x8_s(v128.load(p, 16), wp));
        p += 64;
        w += 4;
      }
    }
  }
  const half = i32x4.splat(1 << 19);
  return i16x8.narrow_i32x4_s(i32x4.shr_s(i32x4.add(lo, half), 20), i32x4.shr_s(i32x4.add(hi, half), 20));
}

/**
 * SIMD plane: output rows in bands of 8. For each band the vertical pass fills 8 intermediate
 * rows, which are transposed so each intermediate column is one vector of 8 rows (and neighbouring
 * columns interleaved in pairs); the horizontal pass then works like a vertical one (one output
 * column of 8 rows at a time, two taps per dot product with a broadcast pair of weights), and
 * 16×8 output blocks are transposed back into rows.
 */
function planeSimd(
  src: usize,
  sw: i32,
  dst: usize,
  dw: i32,
  dh: i32,
  hs: usize,
  hw: usize,
  vs: usize,
  vw: usize,
  hTaps: i32,
  vTaps: i32,
  work: usize,
): void {
  const dwPad = (dw + 15) & ~15;
  const colLo = load<i32>(hs);
  const colHi = load<i32>(hs + (<usize>(dwPad - 1) << 2)) + hTaps;
  const n = (colHi - colLo + 15) & ~15;
  const rowBytes = <usize>n << 1;
  const rows = work; // 8 intermediate rows
  const cols = rows + (rowBytes << 3); // n columns × 8 rows, transposed (and one spare)
  const pairs = cols + (<usize>(n + 8) << 4); // n interleaved column pairs (see bandColumn)
  const block = pairs + (<usize>n << 5); // 16 output columns × 8 rows
  const outRows = block + 256; // the same as 8 rows × 16 columns
  for (let b = 0; b < dh; b += 8) {
    for (let r = 0; r < 8; r++) {
      const v = b + r;
      const s = load<i32>(vs + (<usize>v << 2));
      verticalSimd(src, sw, s, vw + (<usize>(v * vTaps) << 1), vTaps, rows + <usize>r * rowBytes, colLo, colHi);
    }
    for (let j = 0; j < n; j += 8) transpose8(rows + (<usize>j << 1), rowBytes, cols + (<usize>j << 4), 16);
    for (let j = 0; j < n; j++) {
      const c = cols + (<usize>j << 4);
      const a = v128.load(c);
      const b1 = v128.load(c, 16);
      const q = pairs + (<usize>j << 5);
      v128.store(q, i16x8.shuffle(a, b1, 0, 8, 1, 9, 2, 10, 3, 11));
      v128.store(q, i16x8.shuffle(a, b1, 4, 12, 5, 13, 6, 14, 7, 15), 16);
    }
    const lines = min(8, dh - b);
    for (let u = 0; u < dwPad; u += 16) {
      for (let c = 0; c < 16; c++) v128.store(block + (<usize>c << 4), bandColumn(pairs, colLo, hs, hw, hTaps, u + c));
      transpose8(block, 16, outRows, 32);
      transpose8(block + 128, 16, outRows + 16, 32);
      let out = dst + <usize>(b * dw + u);
      if (u + 16 <= dw) {
        for (let r = 0; r < lines; r++) {
          const row = outRows + (<usize>r << 5);
          v128.store(out, i8x16.narrow_i16x8_u(v128.load(row), v128.load(row, 16)));
          out += <usize>dw;
        }
      } else {
        for (let r = 0; r < lines; r++) {
          const row = outRows + (<usize>r << 5);
          v128.store(row, i8x16.narrow_i16x8_u(v128.load(row), v128.load(row, 16)));
          memory.copy(out, row, <usize>(dw - u));
          out += <usize>dw;
        }
      }
    }
  }
}

/**
 * Resamples one plane: `src` (sw×sh bytes) into `dst` (dw×dh bytes), with the horizontal table
 * (hs starts, hw weights, `hTaps` per output column, even) and the vertical table (vs, vw, `vTaps`
 * per output row) made by `weights`; the SIMD path needs the tables for dw rounded up to 16 columns
 * and dh rounded up to 8 rows, 15 readable bytes after the source and `work` scratch of
 * workBytes(sw). `simd` chooses the SIMD path (same bytes, faster) or the plain one.
 */
export function plane(
  src: usize,
  sw: i32,
  dst: usize,
  dw: i32,
  dh: i32,
  hs: usize,
  hw: usize,
  vs: usize,
  vw: usize,
  hTaps: i32,
  vTaps: i32,
  work: usize,
  simd: bool,
): void {
  if (simd) {
    planeSimd(src, sw, dst, dw, dh, hs, hw, vs, vw, hTaps, vTaps, work);
    return;
  }
  const colLo = load<i32>(hs);
  const colHi = load<i32>(hs + (<usize>(dw - 1) << 2)) + hTaps;
  for (let v = 0; v < dh; v++) {
    const s = load<i32>(vs + (<usize>v << 2));
    verticalScalar(src, sw, s, vw + (<usize>(v * vTaps) << 1), vTaps, work, colLo, colHi);
    horizontalScalar(work, colLo, hs, hw, hTaps, dst + <usize>(v * dw), dw);
  }
}

/** Bytes of `work` scratch `plane` needs for a source plane `sw` wide. */
export function workBytes(sw: i32): i32 {
  const n = ((sw + 15) & ~15) + 32;
  return n * 64 + 1024;
}
