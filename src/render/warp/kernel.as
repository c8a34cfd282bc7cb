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

function kernel(t: f64, filter: i32): f64 {
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

/**
 * Resamples one plane: `src` (sw×sh bytes) into `dst` (dw×dh bytes), with the horizontal table
 * (hs starts, hw weights of hTaps each) and the vertical table (vs, vw of vTaps each)
 * made by `weights`. `inter` is scratch for one intermediate row (sw + 32 i16 samples).
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
): void {
  const colLo = load<i32>(hs);
  const colHi = load<i32>(hs + (<usize>(dw - 1) << 2)) + hTaps;
  for (let v = 0; v < dh; v++) {
    const s = load<i32>(vs + (<usize>v << 2));
    const w = vw + (<usize>(v * vTaps) << 1);
    verticalScalar(src, sw, s, w, vTaps, inter, colLo, colHi);
    horizontalScalar(inter, colLo, hs, hw, hTaps, dst + <usize>(v * dw), 0, dw);
  }
}
