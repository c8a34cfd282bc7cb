// AssemblyScript source of the warp kernel (compiled to WebAssembly by `npm run build:wasm`,
// see build-wasm.ts; the bytes are embedded in kernel-wasm.ts). Named .as so that the TypeScript
// build, which compiles everything under src/, leaves it alone.
//
// One plane is resampled by a separable filter in two passes per output row:
//   1. vertical: the source rows under the output row's vertical filter are combined into one
//      intermediate row (16-bit, 6 fractional bits), only over the source columns the row needs;
//   2. horizontal: each output sample combines `hTaps` consecutive intermediate samples.
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
 * The filter is stretched by max(1, scale) when shrinking, so it always averages the source
 * samples one output sample covers. Taps that fall outside the source are folded onto the edge
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
): void {
  const fs = Math.max(1.0, scale);
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

/** Vertical pass, scalar: intermediate[j - colLo] for source columns colLo ≤ j < colHi. */
function verticalScalar(
  src: usize,
  sw: i32,
  s: i32,
  w: usize,
  vTaps: i32,
  inter: usize,
  colLo: i32,
  colHi: i32,
): void {
  for (let j = colLo; j < colHi; j++) {
    let acc = 0;
    let p = src + <usize>(s * sw + j);
    for (let k = 0; k < vTaps; k++) {
      acc = addSat16(acc, q15mulr(<i32>load<u8>(p) << 7, <i32>load<i16>(w + (<usize>k << 1))));
      p += <usize>sw;
    }
    store<i16>(inter + (<usize>(j - colLo) << 1), <i16>acc);
  }
}

/** Horizontal pass, scalar, output samples u0 ≤ u < u1. */
function horizontalScalar(
  inter: usize,
  colLo: i32,
  hs: usize,
  hw: usize,
  hTaps: i32,
  out: usize,
  u0: i32,
  u1: i32,
): void {
  for (let u = u0; u < u1; u++) {
    const l = load<i32>(hs + (<usize>u << 2)) - colLo;
    const w = hw + (<usize>(u * hTaps) << 1);
    let acc = 0;
    for (let k = 0; k < hTaps; k++) {
      acc += <i32>load<i16>(inter + (<usize>(l + k) << 1)) * <i32>load<i16>(w + (<usize>k << 1));
    }
    let v = (acc + (1 << 19)) >> 20;
    if (v < 0) v = 0;
    if (v > 255) v = 255;
    store<u8>(out + <usize>u, <u8>v);
  }
}

/** Vertical pass, SIMD: 16 columns at a time (writes up to 15 samples past colHi - colLo). */
function verticalSimd(
  src: usize,
  sw: i32,
  s: i32,
  w: usize,
  vTaps: i32,
  inter: usize,
  colLo: i32,
  colHi: i32,
): void {
  const x128 = i8x16.splat(<i8>-128); // 128 as u8
  let q = inter;
  const row = src + <usize>(s * sw);
  for (let j = colLo; j < colHi; j += 16) {
    let acc0 = i16x8.splat(0);
    let acc1 = i16x8.splat(0);
    let p = row + <usize>j;
    for (let k = 0; k < vTaps; k++) {
      const wk = v128.load16_splat(w + (<usize>k << 1));
      const px = v128.load(p);
      acc0 = i16x8.add_sat_s(acc0, i16x8.q15mulr_sat_s(i16x8.extmul_low_i8x16_u(px, x128), wk));
      acc1 = i16x8.add_sat_s(acc1, i16x8.q15mulr_sat_s(i16x8.extmul_high_i8x16_u(px, x128), wk));
      p += <usize>sw;
    }
    v128.store(q, acc0);
    v128.store(q, acc1, 16);
    q += 32;
  }
}

// @ts-ignore: decorator
@inline
function dot(inter: usize, colLo: i32, hs: usize, hw: usize, hTaps: i32, u: i32): v128 {
  const l = inter + (<usize>(load<i32>(hs + (<usize>u << 2)) - colLo) << 1);
  const w = hw + (<usize>(u * hTaps) << 1);
  let d = i32x4.dot_i16x8_s(v128.load(l), v128.load(w));
  for (let c = 8; c < hTaps; c += 8) {
    d = i32x4.add(d, i32x4.dot_i16x8_s(v128.load(l + (<usize>c << 1)), v128.load(w + (<usize>c << 1))));
  }
  return d;
}

/** Sums of the lanes of four i32x4 vectors, as one i32x4, rounded and scaled back to samples. */
// @ts-ignore: decorator
@inline
function reduce4(d0: v128, d1: v128, d2: v128, d3: v128): v128 {
  const s01 = i32x4.add(i32x4.shuffle(d0, d1, 0, 4, 1, 5), i32x4.shuffle(d0, d1, 2, 6, 3, 7));
  const s23 = i32x4.add(i32x4.shuffle(d2, d3, 0, 4, 1, 5), i32x4.shuffle(d2, d3, 2, 6, 3, 7));
  const r = i32x4.add(i64x2.shuffle(s01, s23, 0, 2), i64x2.shuffle(s01, s23, 1, 3));
  return i32x4.shr_s(i32x4.add(r, i32x4.splat(1 << 19)), 20);
}

/** Horizontal pass, SIMD: 16 output samples at a time, the rest scalar. */
function horizontalSimd(inter: usize, colLo: i32, hs: usize, hw: usize, hTaps: i32, out: usize, dw: i32): void {
  let u = 0;
  for (; u + 16 <= dw; u += 16) {
    const a = reduce4(
      dot(inter, colLo, hs, hw, hTaps, u),
      dot(inter, colLo, hs, hw, hTaps, u + 1),
      dot(inter, colLo, hs, hw, hTaps, u + 2),
      dot(inter, colLo, hs, hw, hTaps, u + 3),
    );
    const b = reduce4(
      dot(inter, colLo, hs, hw, hTaps, u + 4),
      dot(inter, colLo, hs, hw, hTaps, u + 5),
      dot(inter, colLo, hs, hw, hTaps, u + 6),
      dot(inter, colLo, hs, hw, hTaps, u + 7),
    );
    const c = reduce4(
      dot(inter, colLo, hs, hw, hTaps, u + 8),
      dot(inter, colLo, hs, hw, hTaps, u + 9),
      dot(inter, colLo, hs, hw, hTaps, u + 10),
      dot(inter, colLo, hs, hw, hTaps, u + 11),
    );
    const d = reduce4(
      dot(inter, colLo, hs, hw, hTaps, u + 12),
      dot(inter, colLo, hs, hw, hTaps, u + 13),
      dot(inter, colLo, hs, hw, hTaps, u + 14),
      dot(inter, colLo, hs, hw, hTaps, u + 15),
    );
    v128.store(out + <usize>u, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(a, b), i16x8.narrow_i32x4_s(c, d)));
  }
  horizontalScalar(inter, colLo, hs, hw, hTaps, out, u, dw);
}

/**
 * Resamples one plane: `src` (sw×sh bytes) into `dst` (dw×dh bytes), with the horizontal table
 * (hs starts, hw weights of hTaps each) and the vertical table (vs, vw of vTaps each) made by
 * `weights`. `inter` is scratch for one intermediate row (sw + 32 i16 samples). `simd` chooses
 * the SIMD passes (same bytes, faster) or the plain ones. The source must be followed by at
 * least 16 readable bytes.
 */
export function plane(
  src: usize,
  sw: i32,
  dst: usize,
  dw: i32,
  dh: i32,
  hs: usize,
  hw: usize,
  hTaps: i32,
  vs: usize,
  vw: usize,
  vTaps: i32,
  inter: usize,
  simd: bool,
): void {
  const colLo = load<i32>(hs);
  const colHi = load<i32>(hs + (<usize>(dw - 1) << 2)) + hTaps;
  for (let v = 0; v < dh; v++) {
    const s = load<i32>(vs + (<usize>v << 2));
    const w = vw + (<usize>(v * vTaps) << 1);
    const out = dst + <usize>(v * dw);
    if (simd) {
      verticalSimd(src, sw, s, w, vTaps, inter, colLo, colHi);
      horizontalSimd(inter, colLo, hs, hw, hTaps, out, dw);
    } else {
      verticalScalar(src, sw, s, w, vTaps, inter, colLo, colHi);
      horizontalScalar(inter, colLo, hs, hw, hTaps, out, 0, dw);
    }
  }
}
