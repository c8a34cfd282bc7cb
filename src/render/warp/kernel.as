// AssemblyScript source of the warp kernel (compiled to WebAssembly by `npm run build:wasm`,
// see build-wasm.ts; the bytes are embedded in kernel-wasm.ts). Named .as so that the TypeScript
// build, which compiles everything under src/, leaves it alone.
//
// One plane is resampled by a separable filter in two passes (see `plane`):
//   1. horizontal, on the 8-bit source rows: each intermediate sample combines `hTaps` (even)
//      consecutive source samples of one row; exact 32-bit sums, rounded to 16 bits (7 fractional
//      bits, offset by −128). Each source row the output needs is filtered once, into a ring of
//      intermediate rows. The SIMD pass gathers the taps of 4 samples at a time from one 16-byte
//      load with i8x16.swizzle and sums two taps per lane with i32x4.dot_i16x8_s (see `groups`);
//   2. vertical: each output row combines `vTaps` intermediate rows; exact 32-bit sums, rounded to
//      8 bits. The SIMD pass interleaves pairs of rows and sums them with i32x4.dot_i16x8_s.
// Filter weights are fixed-point and computed once per frame by `weights` (one table per axis).
// Arithmetic is integer only after the weights are set, so results are the same on every run and
// every machine; the scalar and SIMD paths do the same integer sums and give identical bytes.

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

// @ts-ignore: decorator
@inline
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
    let sum = 0.0;
    if (s2 == s) {
      // The window is inside the source.
      for (let k = 0; k < taps; k++) {
        const w = kernel((<f64>(s + k) - c) * inv, filter);
        store<f64>(scratch + (<usize>k << 3), w);
        sum += w;
      }
    } else {
      for (let k = 0; k < taps; k++) store<f64>(scratch + (<usize>k << 3), 0.0);
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
    }
    const norm = <f64>ONE / sum;
    let total = 0;
    let big = 0;
    let bigW = -1e9;
    for (let k = 0; k < taps; k++) {
      const p = scratch + (<usize>k << 3);
      const w = load<f64>(p) * norm;
      const v = <i32>Math.floor(w + 0.5);
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

/** Rounding and offset of the horizontal pass: sum of w·(x − 128) in Q14, rounded to Q7. */
const H_BIAS: i32 = 64 - (128 << 14);
/** Start of the vertical pass's sum (Q21): adds back the 128 and rounds the shift by 21. */
const V_BIAS: i32 = (128 << 21) + (1 << 20);

/**
 * Group tables (see `groups`): none (plain horizontal pass), 4 taps from one load, any taps from
 * one load per tap pair, any spread (4 bytes loaded per sample).
 */
const GROUPS_NONE: i32 = 0;
const GROUPS_4: i32 = 1;
const GROUPS_ANY: i32 = 2;
const GROUPS_WIDE: i32 = 3;

/** Bytes of one block of 8 output samples in a group table of `taps` taps. */
function blockBytes(taps: i32): i32 {
  return 32 + 16 * taps;
}

/** A swizzle index word that picks bytes o and o + 1 as two 16-bit lanes (0x80 reads as 0). */
// @ts-ignore: decorator
@inline
function pairIndex(o: i32): u32 {
  return <u32>(o | 0x80_00 | ((o + 1) << 16) | 0x80_00_00_00);
}

/**
 * Group table of one horizontal axis for the SIMD horizontal pass, from the axis's `weights` table
 * (`dstLen` a multiple of 8, `taps` even): per block of 8 output samples u0..u0+7, blockBytes(taps)
 * bytes: two i8x16.swizzle index vectors (samples 0-3 and 4-7) that gather, from 16 source bytes,
 * the pairs [x(j), x(j+1)] (j the sample's first tap) as 16-bit lanes, then per tap pair p the
 * weights [w(2p), w(2p+1)] of samples 0-3 and of samples 4-7 in the same lanes, for
 * i32x4.dot_i16x8_s. Loading the source 2p bytes further on, the same index vector gathers pair p.
 * Returns the layout:
 *  - GROUPS_4 (4 taps, and every block's taps within 16 bytes from its first start s(u0)): the
 *    offsets are from s(u0), so one load at s(u0) serves the whole block (pair 1 is gathered with
 *    the indices plus 2);
 *  - GROUPS_ANY (each half block's first taps within 15 bytes from its own start): the offsets
 *    are from each half's start, with one load per half block and tap pair;
 *  - GROUPS_WIDE otherwise (shrinks beyond about 4.3): the index vectors are not used; the pass
 *    loads 4 bytes (two tap pairs) per sample into the lanes of one vector.
 * (GROUPS_NONE is for the plain pass, which needs no group table.)
 */
export function groups(starts: usize, table: usize, dstLen: i32, taps: i32, out: usize): i32 {
  let mode = taps == 4 ? GROUPS_4 : GROUPS_ANY;
  for (let u0 = 0; u0 < dstLen && mode == GROUPS_4; u0 += 8) {
    const span = load<i32>(starts + (<usize>(u0 + 7) << 2)) - load<i32>(starts + (<usize>u0 << 2));
    if (span + 4 > 16) mode = GROUPS_ANY;
  }
  for (let u0 = 0; u0 < dstLen; u0 += 8) {
    const b = out + <usize>((u0 >> 3) * blockBytes(taps));
    for (let c = 0; c < 8; c++) {
      const u = u0 + c;
      const from = mode == GROUPS_4 ? u0 : u0 + (c & 4);
      const o = load<i32>(starts + (<usize>u << 2)) - load<i32>(starts + (<usize>from << 2));
      if (o + 2 > 16 && mode == GROUPS_ANY) mode = GROUPS_WIDE;
      const lane = b + <usize>(((c & 4) << 2) + ((c & 3) << 2)); // half · 16 + lane · 4
      store<u32>(lane, pairIndex(o));
      const w = table + (<usize>(u * taps) << 1);
      for (let p = 0; p < taps; p += 2) {
        store<u32>(lane + <usize>(32 + 16 * p), load<u32>(w + (<usize>p << 1)));
      }
    }
  }
  return mode;
}

/**
 * Horizontal pass, plain: intermediate samples 0 ≤ u < n of one source row (i16, Q7, offset by
 * −128): exact sums of the taps, rounded, saturated to 16 bits.
 */
function horizontalScalar(row: usize, hs: usize, hw: usize, taps: i32, inter: usize, n: i32): void {
  for (let u = 0; u < n; u++) {
    let p = row + <usize>load<i32>(hs + (<usize>u << 2));
    let w = hw + (<usize>(u * taps) << 1);
    let acc = H_BIAS;
    for (let k = 0; k < taps; k++) {
      acc += <i32>load<u8>(p) * <i32>load<i16>(w);
      p++;
      w += 2;
    }
    let v = acc >> 7;
    if (v < -32768) v = -32768;
    if (v > 32767) v = 32767;
    store<i16>(inter + (<usize>u << 1), <i16>v);
  }
}

/**
 * One block of 8 intermediate samples of the 4-tap SIMD horizontal pass (GROUPS_4): from the 16
 * source bytes `x`, tap pair 0 gathered by the indices i0/i1 and pair 1 by j0/j1 (the same plus 2),
 * times the weights w0-w3, rounded to Q7.
 */
// @ts-ignore: decorator
@inline
function block4(
  x: v128,
  i0: v128,
  i1: v128,
  j0: v128,
  j1: v128,
  w0: v128,
  w1: v128,
  w2: v128,
  w3: v128,
  bias: v128,
): v128 {
  const a0 = i32x4.add(
    i32x4.add(bias, i32x4.dot_i16x8_s(i8x16.swizzle(x, i0), w0)),
    i32x4.dot_i16x8_s(i8x16.swizzle(x, j0), w2),
  );
  const a1 = i32x4.add(
    i32x4.add(bias, i32x4.dot_i16x8_s(i8x16.swizzle(x, i1), w1)),
    i32x4.dot_i16x8_s(i8x16.swizzle(x, j1), w3),
  );
  return i16x8.narrow_i32x4_s(i32x4.shr_s(a0, 7), i32x4.shr_s(a1, 7));
}

/**
 * Horizontal pass, SIMD: like horizontalScalar, for source rows r0 ≤ r < r1 (row r into the ring
 * slot r & mask) and n samples (a multiple of 8), by the group table `hg` of layout `mode` (see
 * `groups`). Reads up to 14 bytes past the end of a row.
 */
function horizontalSimd(
  src: usize,
  sw: i32,
  r0: i32,
  r1: i32,
  ring: usize,
  rowBytes: usize,
  mask: i32,
  hs: usize,
  hg: usize,
  mode: i32,
  taps: i32,
  n: i32,
): void {
  const bias = i32x4.splat(H_BIAS);
  const two = i8x16.splat(2);
  const bb = <usize>blockBytes(taps);
  let r = r0;
  if (mode == GROUPS_4) {
    // Two rows at a time: each block's start, gather indices and weights are loaded once for both.
    for (; r + 1 < r1; r += 2) {
      const row0 = src + <usize>(r * sw);
      const row1 = row0 + <usize>sw;
      let q0 = ring + <usize>(r & mask) * rowBytes;
      let q1 = ring + <usize>((r + 1) & mask) * rowBytes;
      const end = q0 + (<usize>n << 1);
      let b = hg;
      let st = hs;
      for (; q0 < end; q0 += 16) {
        const off = <usize>load<i32>(st);
        const x = v128.load(row0 + off);
        const y = v128.load(row1 + off);
        const i0 = v128.load(b);
        const i1 = v128.load(b, 16);
        const j0 = i8x16.add(i0, two);
        const j1 = i8x16.add(i1, two);
        const w0 = v128.load(b, 32);
        const w1 = v128.load(b, 48);
        const w2 = v128.load(b, 64);
        const w3 = v128.load(b, 80);
        v128.store(q0, block4(x, i0, i1, j0, j1, w0, w1, w2, w3, bias));
        v128.store(q1, block4(y, i0, i1, j0, j1, w0, w1, w2, w3, bias));
        q1 += 16;
        st += 32;
        b += bb;
      }
    }
  }
  for (; r < r1; r++) {
    const row = src + <usize>(r * sw);
    let q = ring + <usize>(r & mask) * rowBytes;
    const end = q + (<usize>n << 1);
    let b = hg;
    let st = hs;
    if (mode == GROUPS_WIDE) {
      // Bytes 0-1 and 2-3 of each 32-bit lane as 16-bit lanes: tap pairs 2i and 2i+1 of 4 samples.
      const even = i8x16(0, -128, 1, -128, 4, -128, 5, -128, 8, -128, 9, -128, 12, -128, 13, -128);
      const odd = i8x16(2, -128, 3, -128, 6, -128, 7, -128, 10, -128, 11, -128, 14, -128, 15, -128);
      for (; q < end; q += 16) {
        const p0 = row + <usize>load<i32>(st);
        const p1 = row + <usize>load<i32>(st, 4);
        const p2 = row + <usize>load<i32>(st, 8);
        const p3 = row + <usize>load<i32>(st, 12);
        const p4 = row + <usize>load<i32>(st, 16);
        const p5 = row + <usize>load<i32>(st, 20);
        const p6 = row + <usize>load<i32>(st, 24);
        const p7 = row + <usize>load<i32>(st, 28);
        let w = b + 32;
        let a0 = bias;
        let a1 = bias;
        for (let k: usize = 0; k < <usize>taps; k += 4) {
          let x0 = v128.load32_zero(p0 + k);
          x0 = v128.load32_lane(p1 + k, x0, 1);
          x0 = v128.load32_lane(p2 + k, x0, 2);
          x0 = v128.load32_lane(p3 + k, x0, 3);
          let x1 = v128.load32_zero(p4 + k);
          x1 = v128.load32_lane(p5 + k, x1, 1);
          x1 = v128.load32_lane(p6 + k, x1, 2);
          x1 = v128.load32_lane(p7 + k, x1, 3);
          a0 = i32x4.add(a0, i32x4.dot_i16x8_s(i8x16.swizzle(x0, even), v128.load(w)));
          a1 = i32x4.add(a1, i32x4.dot_i16x8_s(i8x16.swizzle(x1, even), v128.load(w, 16)));
          if (k + 2 < <usize>taps) {
            a0 = i32x4.add(a0, i32x4.dot_i16x8_s(i8x16.swizzle(x0, odd), v128.load(w, 32)));
            a1 = i32x4.add(a1, i32x4.dot_i16x8_s(i8x16.swizzle(x1, odd), v128.load(w, 48)));
          }
          w += 64;
        }
        v128.store(q, i16x8.narrow_i32x4_s(i32x4.shr_s(a0, 7), i32x4.shr_s(a1, 7)));
        st += 32;
        b += bb;
      }
      continue;
    }
    if (mode == GROUPS_4) {
      for (; q < end; q += 16) {
        const x = v128.load(row + <usize>load<i32>(st));
        const i0 = v128.load(b);
        const i1 = v128.load(b, 16);
        const j0 = i8x16.add(i0, two);
        const j1 = i8x16.add(i1, two);
        const w0 = v128.load(b, 32);
        const w1 = v128.load(b, 48);
        const w2 = v128.load(b, 64);
        const w3 = v128.load(b, 80);
        v128.store(q, block4(x, i0, i1, j0, j1, w0, w1, w2, w3, bias));
        st += 32;
        b += bb;
      }
      continue;
    }
    for (; q < end; q += 16) {
      const p0 = row + <usize>load<i32>(st);
      const p1 = row + <usize>load<i32>(st, 16);
      const i0 = v128.load(b);
      const i1 = v128.load(b, 16);
      let w = b + 32;
      let a0 = bias;
      let a1 = bias;
      for (let k = 0; k < taps; k += 2) {
        a0 = i32x4.add(a0, i32x4.dot_i16x8_s(i8x16.swizzle(v128.load(p0 + <usize>k), i0), v128.load(w)));
        a1 = i32x4.add(a1, i32x4.dot_i16x8_s(i8x16.swizzle(v128.load(p1 + <usize>k), i1), v128.load(w, 16)));
        w += 32;
      }
      v128.store(q, i16x8.narrow_i32x4_s(i32x4.shr_s(a0, 7), i32x4.shr_s(a1, 7)));
      st += 32;
      b += bb;
    }
  }
}

/**
 * Vertical pass, plain: output samples 0 ≤ j < n of one row from the `taps` intermediate rows of
 * source rows s, s+1, … (row r at ring + (r & mask)·rowBytes): exact sums (Q7 × Q14 → Q21), then
 * the offset back and rounding to 8 bits.
 */
function verticalScalar(
  ring: usize,
  rowBytes: usize,
  mask: i32,
  s: i32,
  w: usize,
  taps: i32,
  out: usize,
  n: i32,
): void {
  for (let j = 0; j < n; j++) {
    let acc = V_BIAS;
    for (let k = 0; k < taps; k++) {
      const p = ring + <usize>((s + k) & mask) * rowBytes + (<usize>j << 1);
      acc += <i32>load<i16>(p) * <i32>load<i16>(w + (<usize>k << 1));
    }
    let v = acc >> 21;
    if (v < 0) v = 0;
    if (v > 255) v = 255;
    store<u8>(out + <usize>j, <u8>v);
  }
}

/** Adds to `acc` the sums of 4 samples of one pair of rows (a, b): weights [wa, wb] in each lane. */
// @ts-ignore: decorator
@inline
function vpair(acc: v128, a: v128, b: v128, w: v128, hi: bool): v128 {
  const ab = hi
    ? i16x8.shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15)
    : i16x8.shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11);
  return i32x4.add(acc, i32x4.dot_i16x8_s(ab, w));
}

/**
 * Vertical pass, SIMD: like verticalScalar, 16 samples at a time (n a multiple of 16): rows are
 * taken in pairs, interleaved, and summed by dot products with the pair's weights (an odd last tap
 * is paired with a zero weight).
 */
function verticalSimd(
  ring: usize,
  rowBytes: usize,
  mask: i32,
  s: i32,
  w: usize,
  taps: i32,
  out: usize,
  n: i32,
): void {
  const bias = i32x4.splat(V_BIAS);
  const end = out + <usize>n;
  if (taps == 4) {
    const r0 = ring + <usize>(s & mask) * rowBytes;
    const r1 = ring + <usize>((s + 1) & mask) * rowBytes;
    const r2 = ring + <usize>((s + 2) & mask) * rowBytes;
    const r3 = ring + <usize>((s + 3) & mask) * rowBytes;
    const w01 = v128.load32_splat(w);
    const w23 = v128.load32_splat(w, 4);
    let j: usize = 0;
    for (let o = out; o < end; o += 16) {
      let a = v128.load(r0 + j);
      let b = v128.load(r1 + j);
      let c0 = vpair(bias, a, b, w01, false);
      let c1 = vpair(bias, a, b, w01, true);
      a = v128.load(r0 + j, 16);
      b = v128.load(r1 + j, 16);
      let c2 = vpair(bias, a, b, w01, false);
      let c3 = vpair(bias, a, b, w01, true);
      a = v128.load(r2 + j);
      b = v128.load(r3 + j);
      c0 = vpair(c0, a, b, w23, false);
      c1 = vpair(c1, a, b, w23, true);
      a = v128.load(r2 + j, 16);
      b = v128.load(r3 + j, 16);
      c2 = vpair(c2, a, b, w23, false);
      c3 = vpair(c3, a, b, w23, true);
      const lo = i16x8.narrow_i32x4_s(i32x4.shr_s(c0, 21), i32x4.shr_s(c1, 21));
      const hi = i16x8.narrow_i32x4_s(i32x4.shr_s(c2, 21), i32x4.shr_s(c3, 21));
      v128.store(o, i8x16.narrow_i16x8_u(lo, hi));
      j += 32;
    }
    return;
  }
  let j: usize = 0;
  for (let o = out; o < end; o += 16) {
    let c0 = bias;
    let c1 = bias;
    let c2 = bias;
    let c3 = bias;
    for (let k = 0; k < taps; k += 2) {
      // An odd last tap is paired with the next row of the ring (maybe never filtered), weight 0.
      const wp = w + (<usize>k << 1);
      const wk = k + 1 < taps ? v128.load32_splat(wp) : i32x4.splat(<i32>load<u16>(wp));
      const ra = ring + <usize>((s + k) & mask) * rowBytes + j;
      const rb = ring + <usize>((s + k + 1) & mask) * rowBytes + j;
      let a = v128.load(ra);
      let b = v128.load(rb);
      c0 = vpair(c0, a, b, wk, false);
      c1 = vpair(c1, a, b, wk, true);
      a = v128.load(ra, 16);
      b = v128.load(rb, 16);
      c2 = vpair(c2, a, b, wk, false);
      c3 = vpair(c3, a, b, wk, true);
    }
    const lo = i16x8.narrow_i32x4_s(i32x4.shr_s(c0, 21), i32x4.shr_s(c1, 21));
    const hi = i16x8.narrow_i32x4_s(i32x4.shr_s(c2, 21), i32x4.shr_s(c3, 21));
    v128.store(o, i8x16.narrow_i16x8_u(lo, hi));
    j += 32;
  }
}

/** Rows in the ring of intermediate rows: a power of two, at least 8 and twice `taps`. */
function ringRows(taps: i32): i32 {
  let r = 8;
  while (r < 2 * taps) r <<= 1;
  return r;
}

/**
 * Resamples one plane: `src` (sw bytes per row) into `dst` (dw×dh bytes), with the horizontal table
 * (hs starts, hw weights, `hTaps` per output column, even, for dw rounded up to 16 columns; `hg`
 * its group table from `groups` and `groupsMode` what that returned) and the vertical table (vs, vw,
 * `vTaps` per output row) made by `weights`; `work` is scratch of workBytes(dw).
 *
 * Every source row under the vertical filter is filtered horizontally once, into a ring of
 * intermediate rows (the vertical starts only grow: once output row v needs a row not filtered
 * yet, the rows from there up to what the ring holds beside row s(v) are filtered); each output
 * row then combines `vTaps` of them. `simd` chooses the SIMD passes (same bytes, faster) or the
 * plain ones. The SIMD horizontal pass reads up to 14 bytes past the end of the source: keep 15
 * bytes of room after it.
 */
export function plane(
  src: usize,
  sw: i32,
  dst: usize,
  dw: i32,
  dh: i32,
  hs: usize,
  hw: usize,
  hg: usize,
  groupsMode: i32,
  vs: usize,
  vw: usize,
  hTaps: i32,
  vTaps: i32,
  work: usize,
  simd: bool,
): void {
  const n = (dw + 15) & ~15; // intermediate samples per row
  const rowBytes = <usize>n << 1;
  const rows = ringRows(vTaps);
  const mask = rows - 1;
  const tail = work + <usize>rows * rowBytes; // the last, partial block of an output row
  const full = dw & ~15;
  const last = load<i32>(vs + (<usize>(dh - 1) << 2)) + vTaps; // past the last source row needed
  const grouped = simd && groupsMode != GROUPS_NONE;
  let next = 0; // the next source row to filter horizontally
  for (let v = 0; v < dh; v++) {
    const s = load<i32>(vs + (<usize>v << 2));
    const w = vw + (<usize>(v * vTaps) << 1);
    if (next < s) next = s;
    if (next < s + vTaps) {
      const end = min(s + rows, last);
      if (grouped) {
        horizontalSimd(src, sw, next, end, work, rowBytes, mask, hs, hg, groupsMode, hTaps, n);
      } else {
        for (let r = next; r < end; r++) {
          horizontalScalar(src + <usize>(r * sw), hs, hw, hTaps, work + <usize>(r & mask) * rowBytes, n);
        }
      }
      next = end;
    }
    const out = dst + <usize>(v * dw);
    if (!simd) {
      verticalScalar(work, rowBytes, mask, s, w, vTaps, out, dw);
      continue;
    }
    if (full) verticalSimd(work, rowBytes, mask, s, w, vTaps, out, full);
    if (full < dw) {
      verticalSimd(work + (<usize>full << 1), rowBytes, mask, s, w, vTaps, tail, 16);
      memory.copy(out + <usize>full, tail, <usize>(dw - full));
    }
  }
}

/** Bytes of `work` scratch `plane` needs for output planes up to `dw` wide (any number of taps). */
export function workBytes(dw: i32): i32 {
  return (ringRows(MAX_TAPS) * (((dw + 15) & ~15) << 1)) + 16;
}

/**
 * Crossfade of two frames: out = (a·(128 − alpha) + b·alpha + 64) >> 7 for `n` bytes (0 ≤ alpha ≤
 * 128), exactly the sums of the JavaScript blend (transitions/blend.ts `blendSpan`), 16 at a time.
 * `out` may be `a` or `b`.
 */
export function fade(a: usize, b: usize, out: usize, n: i32, alpha: i32): void {
  const ia = 128 - alpha;
  const wa = i16x8.splat(<i16>ia);
  const wb = i16x8.splat(<i16>alpha);
  const half = i16x8.splat(64);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = <usize>i;
    const va = v128.load(a + p);
    const vb = v128.load(b + p);
    const lo = i16x8.shr_u(
      i16x8.add(
        i16x8.add(i16x8.mul(i16x8.extend_low_i8x16_u(va), wa), i16x8.mul(i16x8.extend_low_i8x16_u(vb), wb)),
        half,
      ),
      7,
    );
    const hi = i16x8.shr_u(
      i16x8.add(
        i16x8.add(i16x8.mul(i16x8.extend_high_i8x16_u(va), wa), i16x8.mul(i16x8.extend_high_i8x16_u(vb), wb)),
        half,
      ),
      7,
    );
    v128.store(out + p, i8x16.narrow_i16x8_u(lo, hi));
  }
  for (; i < n; i++) {
    const p = <usize>i;
    store<u8>(out + p, <u8>((<i32>load<u8>(a + p) * ia + <i32>load<u8>(b + p) * alpha + 64) >> 7));
  }
}

/**
 * sRGB (8-bit, 3 channels, rows packed) → yuv420p BT.709 limited range, exactly as the JavaScript
 * rgbToYuv420 (src/render/yuv.ts) computes it: the same fixed-point constants and sums, so the same
 * bytes. `w` and `h` are even; `out` holds w·h·3/2 bytes. 16 pixels at a time (`rgb16` splits them
 * into their three channels), the rest one by one.
 */
export function rgbToYuv420(rgb: usize, w: i32, h: i32, out: usize): void {
  const YR = <i32>Math.round(((0.2126 * 219.0) / 255.0) * 65536.0);
  const YG = <i32>Math.round(((0.7152 * 219.0) / 255.0) * 65536.0);
  const YB = <i32>Math.round(((0.0722 * 219.0) / 255.0) * 65536.0);
  const n = w * h;
  // Luma: Y = 16 + (YR·r + YG·g + YB·b + 32768) >> 16, products of unsigned 16-bit lanes.
  const yr = i16x8.splat(<i16>YR);
  const yg = i16x8.splat(<i16>YG);
  const yb = i16x8.splat(<i16>YB);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = rgb + <usize>(i * 3);
    const r = rgb16(p, 0);
    const g = rgb16(p, 1);
    const b = rgb16(p, 2);
    const lo = lumaHalf(i16x8.extend_low_i8x16_u(r), i16x8.extend_low_i8x16_u(g), i16x8.extend_low_i8x16_u(b), yr, yg, yb);
    const hi = lumaHalf(i16x8.extend_high_i8x16_u(r), i16x8.extend_high_i8x16_u(g), i16x8.extend_high_i8x16_u(b), yr, yg, yb);
    v128.store(out + <usize>i, i8x16.narrow_i16x8_u(lo, hi));
  }
  for (; i < n; i++) {
    const p = rgb + <usize>(i * 3);
    const v = (YR * <i32>load<u8>(p) + YG * <i32>load<u8>(p, 1) + YB * <i32>load<u8>(p, 2) + 32768) >> 16;
    store<u8>(out + <usize>i, <u8>(16 + v));
  }
  const UR = cbWeight(-0.2126 / 1.8556);
  const UG = cbWeight(-0.7152 / 1.8556);
  const UB = cbWeight(0.5);
  const VR = cbWeight(0.5);
  const VG = cbWeight(-0.7152 / 1.5748);
  const VB = cbWeight(-0.0722 / 1.5748);
  const ur = i16x8.splat(<i16>UR);
  const ug = i16x8.splat(<i16>UG);
  const ub = i16x8.splat(<i16>UB);
  const vr = i16x8.splat(<i16>VR);
  const vg = i16x8.splat(<i16>VG);
  const vb = i16x8.splat(<i16>VB);
  const cw = w >> 1;
  const row = <usize>(w * 3);
  const uOff = out + <usize>n;
  const vOff = uOff + <usize>(n >> 2);
  const blocks = w & ~15; // luma columns done 16 at a time
  for (let ci = 0; ci < h >> 1; ci++) {
    const r0 = rgb + <usize>(2 * ci) * row;
    const r1 = r0 + row;
    const o = <usize>(ci * cw);
    // Per channel, the two rows added (pixels x … x+15 as two u16 vectors), then [1 2 1] across at
    // the even columns: odd(left) + 2·even + odd(right), the left of column 0 being column 0.
    let prevR = i16x8.splat(0);
    let prevG = i16x8.splat(0);
    let prevB = i16x8.splat(0);
    for (let x = 0; x < blocks; x += 16) {
      const a = r0 + <usize>(x * 3);
      const b = r1 + <usize>(x * 3);
      const R0 = rgb16(a, 0);
      const R1 = rgb16(b, 0);
      const G0 = rgb16(a, 1);
      const G1 = rgb16(b, 1);
      const B0 = rgb16(a, 2);
      const B1 = rgb16(b, 2);
      const rLo = i16x8.add(i16x8.extend_low_i8x16_u(R0), i16x8.extend_low_i8x16_u(R1));
      const rHi = i16x8.add(i16x8.extend_high_i8x16_u(R0), i16x8.extend_high_i8x16_u(R1));
      const gLo = i16x8.add(i16x8.extend_low_i8x16_u(G0), i16x8.extend_low_i8x16_u(G1));
      const gHi = i16x8.add(i16x8.extend_high_i8x16_u(G0), i16x8.extend_high_i8x16_u(G1));
      const bLo = i16x8.add(i16x8.extend_low_i8x16_u(B0), i16x8.extend_low_i8x16_u(B1));
      const bHi = i16x8.add(i16x8.extend_high_i8x16_u(B0), i16x8.extend_high_i8x16_u(B1));
      const rEven = i16x8.shuffle(rLo, rHi, 0, 2, 4, 6, 8, 10, 12, 14);
      const rOdd = i16x8.shuffle(rLo, rHi, 1, 3, 5, 7, 9, 11, 13, 15);
      const gEven = i16x8.shuffle(gLo, gHi, 0, 2, 4, 6, 8, 10, 12, 14);
      const gOdd = i16x8.shuffle(gLo, gHi, 1, 3, 5, 7, 9, 11, 13, 15);
      const bEven = i16x8.shuffle(bLo, bHi, 0, 2, 4, 6, 8, 10, 12, 14);
      const bOdd = i16x8.shuffle(bLo, bHi, 1, 3, 5, 7, 9, 11, 13, 15);
      if (x == 0) {
        prevR = i16x8.splat(i16x8.extract_lane_s(rEven, 0));
        prevG = i16x8.splat(i16x8.extract_lane_s(gEven, 0));
        prevB = i16x8.splat(i16x8.extract_lane_s(bEven, 0));
      }
      const R = sum121(prevR, rEven, rOdd);
      const G = sum121(prevG, gEven, gOdd);
      const B = sum121(prevB, bEven, bOdd);
      prevR = rOdd;
      prevG = gOdd;
      prevB = bOdd;
      const c = o + <usize>(x >> 1);
      v128.store64_lane(uOff + c, chroma8(R, G, B, ur, ug, ub), 0);
      v128.store64_lane(vOff + c, chroma8(R, G, B, vr, vg, vb), 0);
    }
    for (let cj = blocks >> 1; cj < cw; cj++) {
      const xc = <usize>(6 * cj);
      const xl = cj == 0 ? xc : xc - 3;
      const xr = xc + 3;
      const R =
        <i32>load<u8>(r0 + xl) + 2 * <i32>load<u8>(r0 + xc) + <i32>load<u8>(r0 + xr) +
        <i32>load<u8>(r1 + xl) + 2 * <i32>load<u8>(r1 + xc) + <i32>load<u8>(r1 + xr);
      const G =
        <i32>load<u8>(r0 + xl, 1) + 2 * <i32>load<u8>(r0 + xc, 1) + <i32>load<u8>(r0 + xr, 1) +
        <i32>load<u8>(r1 + xl, 1) + 2 * <i32>load<u8>(r1 + xc, 1) + <i32>load<u8>(r1 + xr, 1);
      const B =
        <i32>load<u8>(r0 + xl, 2) + 2 * <i32>load<u8>(r0 + xc, 2) + <i32>load<u8>(r0 + xr, 2) +
        <i32>load<u8>(r1 + xl, 2) + 2 * <i32>load<u8>(r1 + xc, 2) + <i32>load<u8>(r1 + xr, 2);
      store<u8>(uOff + o + <usize>cj, <u8>clamp255(128 + ((UR * R + UG * G + UB * B + 32768) >> 16)));
      store<u8>(vOff + o + <usize>cj, <u8>clamp255(128 + ((VR * R + VG * G + VB * B + 32768) >> 16)));
    }
  }
}

/**
 * One channel of 16 packed RGB pixels at `p` (48 bytes): byte k is pixel k's channel `ch` (0 R,
 * 1 G, 2 B), gathered from the three 16-byte loads (a swizzle index of −1 reads as 0).
 */
// @ts-ignore: decorator
@inline
function rgb16(p: usize, ch: i32): v128 {
  const a = v128.load(p);
  const b = v128.load(p, 16);
  const c = v128.load(p, 32);
  if (ch == 0) {
    return v128.or(
      v128.or(
        i8x16.swizzle(a, i8x16(0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
        i8x16.swizzle(b, i8x16(-1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14, -1, -1, -1, -1, -1)),
      ),
      i8x16.swizzle(c, i8x16(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 4, 7, 10, 13)),
    );
  }
  if (ch == 1) {
    return v128.or(
      v128.or(
        i8x16.swizzle(a, i8x16(1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
        i8x16.swizzle(b, i8x16(-1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1)),
      ),
      i8x16.swizzle(c, i8x16(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14)),
    );
  }
  return v128.or(
    v128.or(
      i8x16.swizzle(a, i8x16(2, 5, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
      i8x16.swizzle(b, i8x16(-1, -1, -1, -1, -1, 1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1)),
    ),
    i8x16.swizzle(c, i8x16(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15)),
  );
}

/** Luma of 8 pixels (u16 lanes) minus the offset 16, as u16 lanes: (YR·r + YG·g + YB·b + 32768) >> 16. */
// @ts-ignore: decorator
@inline
function lumaHalf(r: v128, g: v128, b: v128, yr: v128, yg: v128, yb: v128): v128 {
  const bias = i32x4.splat(32768);
  const lo = i32x4.add(
    i32x4.add(bias, i32x4.extmul_low_i16x8_u(r, yr)),
    i32x4.add(i32x4.extmul_low_i16x8_u(g, yg), i32x4.extmul_low_i16x8_u(b, yb)),
  );
  const hi = i32x4.add(
    i32x4.add(bias, i32x4.extmul_high_i16x8_u(r, yr)),
    i32x4.add(i32x4.extmul_high_i16x8_u(g, yg), i32x4.extmul_high_i16x8_u(b, yb)),
  );
  return i16x8.add(i16x8.narrow_i32x4_u(i32x4.shr_u(lo, 16), i32x4.shr_u(hi, 16)), i16x8.splat(16));
}

/** [1 2 1] across: the odd column left of each even one (lane 7 of `prev`, then odd lanes 0-6), twice the even, the odd right of it. */
// @ts-ignore: decorator
@inline
function sum121(prev: v128, even: v128, odd: v128): v128 {
  const left = i16x8.shuffle(prev, odd, 7, 8, 9, 10, 11, 12, 13, 14);
  return i16x8.add(i16x8.add(left, odd), i16x8.add(even, even));
}

/** 8 chroma samples (in the low 8 bytes): 128 + (cr·R + cg·G + cb·B + 32768) >> 16, clamped to 0-255. */
// @ts-ignore: decorator
@inline
function chroma8(R: v128, G: v128, B: v128, cr: v128, cg: v128, cb: v128): v128 {
  const bias = i32x4.splat(32768);
  const lo = i32x4.add(
    i32x4.add(bias, i32x4.extmul_low_i16x8_s(R, cr)),
    i32x4.add(i32x4.extmul_low_i16x8_s(G, cg), i32x4.extmul_low_i16x8_s(B, cb)),
  );
  const hi = i32x4.add(
    i32x4.add(bias, i32x4.extmul_high_i16x8_s(R, cr)),
    i32x4.add(i32x4.extmul_high_i16x8_s(G, cg), i32x4.extmul_high_i16x8_s(B, cb)),
  );
  const v = i16x8.add(i16x8.narrow_i32x4_s(i32x4.shr_s(lo, 16), i32x4.shr_s(hi, 16)), i16x8.splat(128));
  return i8x16.narrow_i16x8_u(v, v);
}

/** A chroma weight for sums of 8 RGB samples, in 1/65536 (yuv.ts `cb`). */
function cbWeight(c: f64): i32 {
  return <i32>Math.round((c * 224.0 * 65536.0) / 255.0 / 8.0);
}

// @ts-ignore: decorator
@inline
function clamp255(v: i32): i32 {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * The channels of `n` packed RGB pixels at `rgb` into three planes of n bytes (r, g, b), 16 pixels
 * at a time.
 */
export function splitRgb(rgb: usize, n: i32, r: usize, g: usize, b: usize): void {
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = rgb + <usize>(i * 3);
    const o = <usize>i;
    v128.store(r + o, rgb16(p, 0));
    v128.store(g + o, rgb16(p, 1));
    v128.store(b + o, rgb16(p, 2));
  }
  for (; i < n; i++) {
    const p = rgb + <usize>(i * 3);
    const o = <usize>i;
    store<u8>(r + o, load<u8>(p));
    store<u8>(g + o, load<u8>(p, 1));
    store<u8>(b + o, load<u8>(p, 2));
  }
}

/** Three planes of `n` bytes (r, g, b) packed into RGB pixels at `rgb` (3n bytes). */
export function joinRgb(r: usize, g: usize, b: usize, n: i32, rgb: usize): void {
  for (let i = 0; i < n; i++) {
    const p = rgb + <usize>(i * 3);
    const o = <usize>i;
    store<u8>(p, load<u8>(r + o));
    store<u8>(p, load<u8>(g + o), 1);
    store<u8>(p, load<u8>(b + o), 2);
  }
}
