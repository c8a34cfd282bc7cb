/**
 * The warp kernel: draws a video frame (yuv420p) from a still by a scale and a translation, with a
 * separable 4-tap cubic filter (Keys, or Lanczos-2) in WebAssembly SIMD.
 *
 * - Shrinks beyond STRETCH_FROM widen the filter by the shrink factor (ceil(4·scale) taps), so the
 *   output averages every source pixel it covers, not aliased; the renderer's own moving stills
 *   (shrinks of 1.06–1.17) use the plain 4-tap filter; enlarging interpolates.
 * - Fixed-point arithmetic after the per-frame filter tables: the same bytes on every run, every
 *   machine, in any thread, with SIMD or without (`{ simd: false }`, for tests and benchmarks).
 * - Motion: at scale ≥ ~1.05 the output's sub-pixel phase varies across the frame, so a slow pan keeps
 *   its sharpness (< 1 % frame to frame). At scale exactly 1 with a fractional offset every pixel has
 *   the same phase and sharpness pulses as the offset crosses half pixels (up to ~50 % Laplacian
 *   energy): keep stills oversampled so a moving frame never samples them at scale 1.
 * - The compiled kernel is embedded in kernel-wasm.ts (from kernel.as by `npm run build:wasm`), so
 *   it loads synchronously from src/ under tsx and from dist/, in worker threads too; compile cost
 *   is paid once per thread, each loadWarpKernel() has its own memory (one kernel per thread).
 * - That memory is shared (a SharedArrayBuffer): frames drawn `into` one of the kernel's `frames()`
 *   can be read by another thread where they lie, with no copy. The kernel holds two stills (lanes
 *   0 and 1), so a transition draws both without reloading either, and `fade` crossfades two of its
 *   frames in WebAssembly.
 * - Frames smaller than 16×16 and sources smaller than the filter (2·taps px) are refused with
 *   INTERNAL_ERROR: they are bugs in the caller.
 */
import { PhotoreelError } from '../../errors.ts';
import { frameBytes, type Frame } from '../frame.ts';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.ts';

/**
 * Where the output frame samples the source (a scale and a translation).
 *
 * Both images are seen as continuous planes in luma pixel units, with pixel (i, j) covering the
 * square [i, i+1) × [j, j+1), so its centre is at (i + 0.5, j + 0.5). The map sends output point
 * (u, v) to source point (x + u·scale, y + v·scale); each output pixel shows the source around the
 * image of its centre. So:
 *  - `{ scale: 1, x: 0, y: 0 }` is the identity; `{ scale: 1, x: 3, y: -2 }` shifts the picture
 *    3 px left and 2 px down (output pixel (u, v) shows source pixel (u + 3, v - 2));
 *  - the output frame (w × h) shows exactly the source rectangle
 *    [x, x + w·scale] × [y, y + h·scale]: to show a rectangle (left, top, width) of the still,
 *    use scale = width / w, x = left, y = top;
 *  - scale > 1 shrinks the picture (source pixels per output pixel), scale < 1 enlarges it.
 * Source pixels outside the still repeat its edge. Chroma follows the same map with H.264/MPEG-2
 * "left" siting: a chroma sample sits on the even luma column and halfway between its two rows.
 */
export interface WarpMap {
  scale: number;
  x: number;
  y: number;
}

export interface WarpKernel {
  /** Copies the (oversampled) yuv420p still into the kernel's memory as source `lane` (0 or 1). */
  setSource(still: Frame, lane?: number): void;
  /** Canvas size of the frames warp() returns (even). */
  outputSize(w: number, h: number): void;
  /**
   * `count` frames of the canvas size in the kernel's shared memory, at places that stay until the
   * next frames() or outputSize() call (the stills held are kept). Views on the shared memory: another
   * thread given them reads the same bytes.
   */
  frames(count: number): Frame[];
  /**
   * Draws one output frame from source `lane` (default 0): into frame `into` of frames(), or else
   * into the kernel's own output, valid until the next warp/setSource/outputSize/frames call.
   * Returns a view of it.
   */
  warp(map: WarpMap, o?: { lane?: number; into?: number }): Frame;
  /**
   * Frame `out` = crossfade of frames `a` and `b` (indices of frames()) at `alpha`/128, rounded as
   * transitions/blend.ts blendSpan rounds (the same bytes).
   */
  fade(a: number, b: number, out: number, alpha: number): void;
}

/**
 * The reconstruction filter: Keys cubic (a = -0.5, Catmull-Rom; the default) or Lanczos-2. At the
 * renderer's usual shrink (1.06) both keep the same detail (within 0.2 % up to 0.45 cycles/px),
 * cost the same, and Keys rings less (11 vs 13 code values beside a hard edge) and moves dots
 * more steadily in zooms (RMS shake 0.011 vs 0.026 px/frame²): see bench/warp.ts.
 */
export type WarpFilter = 'lanczos2' | 'keys';

export interface WarpOptions {
  filter?: WarpFilter;
  /** SIMD passes (default) or the plain ones: the same bytes, for benchmarks and tests. */
  simd?: boolean;
}

const FILTER_ID: Record<WarpFilter, number> = { lanczos2: 0, keys: 1 };

/** Most taps per output sample the kernel supports (it limits the shrink factor to 16). */
const MAX_TAPS = 64;
/** Largest `scale` accepted. */
export const MAX_WARP_SCALE = MAX_TAPS / 4;

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  weights(
    starts: number,
    table: number,
    dstLen: number,
    srcLen: number,
    base: number,
    scale: number,
    taps: number,
    filter: number,
    stretch: number,
  ): void;
  plane(
    src: number,
    sw: number,
    dst: number,
    dw: number,
    dh: number,
    hs: number,
    hw: number,
    hg: number,
    groupsMode: number,
    vs: number,
    vw: number,
    hTaps: number,
    vTaps: number,
    work: number,
    simd: boolean,
  ): void;
  groups(starts: number, table: number, dstLen: number, taps: number, out: number): number;
  workBytes(dw: number): number;
  fade(a: number, b: number, out: number, n: number, alpha: number): void;
  rgbToYuv420(rgb: number, w: number, h: number, out: number): void;
  splitRgb(rgb: number, n: number, r: number, g: number, b: number): void;
  joinRgb(r: number, g: number, b: number, n: number, rgb: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled kernel module, compiled once per thread. */
function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
  return compiled;
}

function fail(message: string): never {
  throw new PhotoreelError('INTERNAL_ERROR', `warp: ${message}`);
}

const align = (n: number): number => (n + 63) & ~63;

/** Grows the kernel's memory (WebAssembly pages of 64 KiB) to hold at least `bytes` bytes. */
function reserve(k: KernelExports, bytes: number): void {
  const pages = Math.ceil(bytes / 65536) - k.memory.buffer.byteLength / 65536;
  if (pages > 0) k.memory.grow(pages);
}

/**
 * Shrinks up to this factor use the 4-tap filter as it is; larger ones widen it by the shrink
 * factor so the output averages every source pixel it covers. The renderer's moving stills are
 * drawn at 1.06–1.2: there the plain filter keeps the same detail and aliases nothing a viewer
 * sees (bench/warp.ts prints sharpness, ringing, pulsing and shake), with 4 taps instead of 5–6.
 */
export const STRETCH_FROM = 1.25;

/** How much the filter is widened at a scale. */
export function warpStretch(scale: number): number {
  return scale > STRETCH_FROM ? scale : 1;
}

/** Taps per output sample for a scale: the 4-tap filter, widened by warpStretch. */
export function warpTaps(scale: number): number {
  return Math.ceil(4 * warpStretch(scale));
}

/** Taps of the horizontal pass for `taps`: it applies them in pairs, so an odd count gets a zero tap. */
const pairedTaps = (taps: number): number => taps + (taps & 1);

/** Horizontal filter tables cover the output rounded up to 16 columns (SIMD blocks). */
const padW = (n: number): number => (n + 15) & ~15;

/** One axis's filter table in kernel memory (and, across, the SIMD pass's group table). */
interface AxisTable {
  starts: number;
  weights: number;
  groups: number;
}

/** Fills axis table `t` for `dLen` output samples from `sLen` source samples at `scale`, output 0 at `base`. */
function fillAxis(
  k: KernelExports,
  t: AxisTable,
  dLen: number,
  sLen: number,
  base: number,
  scale: number,
  taps: number,
  filter: number,
): void {
  k.weights(t.starts, t.weights, dLen, sLen, base, scale, taps, filter, warpStretch(scale));
}

/** The kernel's two passes over one plane, by its axis tables (`mode` from k.groups; 0 for the plain passes). */
function filterPlane(
  k: KernelExports,
  p: { src: number; sw: number; dst: number; dw: number; dh: number },
  h: AxisTable,
  mode: number,
  v: AxisTable,
  taps: { h: number; v: number },
  work: number,
  simd: boolean,
): void {
  k.plane(
    p.src,
    p.sw,
    p.dst,
    p.dw,
    p.dh,
    h.starts,
    h.weights,
    h.groups,
    mode,
    v.starts,
    v.weights,
    taps.h,
    taps.v,
    work,
    simd,
  );
}

/**
 * Instantiates the warp kernel (synchronously: usable in worker threads). Each kernel owns its
 * memory (the two stills, its frames and its own output, tables and scratch; it never shrinks) and
 * is used by one thread: other threads only read the frames it has drawn.
 */
export function loadWarpKernel(opts: WarpOptions = {}): WarpKernel {
  const filter = FILTER_ID[opts.filter ?? 'keys'];
  const simd = opts.simd ?? true;
  const k = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as KernelExports;
  const base = align(k.heapBase());

  const lanes = [
    { w: 0, h: 0 },
    { w: 0, h: 0 },
  ];
  let dw = 0;
  let dh = 0;
  // Layout (bytes from `base`): frames(), the two sources (each `cap` bytes), the output frame,
  // scratch, filter tables. The SIMD horizontal pass reads up to 14 bytes past a source: 64 spare
  // bytes after each.
  let frameCount = 0;
  let cap = 0;
  const frameStride = (): number => align(frameBytes(dw, dh) + 64);
  const srcOf = (lane: number): number => align(base + frameCount * frameStride()) + lane * align(cap + 64);
  let dst = 0;
  let work = 0;
  let lumaH: AxisTable = { starts: 0, weights: 0, groups: 0 };
  let lumaV: AxisTable = lumaH;
  let chromaH: AxisTable = lumaH;
  let chromaV: AxisTable = lumaH;
  let view: Frame | undefined;

  function layout(): void {
    dst = align(srcOf(1) + cap + 64);
    work = align(dst + frameBytes(dw, dh) + 64);
    let p = align(work + k.workBytes(dw));
    const table = (len: number, across: boolean): AxisTable => {
      const weights = align(p + len * 4);
      const groups = align(weights + len * MAX_TAPS * 2 + 64);
      const t = { starts: p, weights, groups };
      // Group table: per 8 samples, 32 bytes of indices and 16 per tap (see kernel.as `groups`).
      p = across ? align(groups + (len / 8) * (32 + 16 * MAX_TAPS)) : groups;
      return t;
    };
    lumaH = table(padW(dw), true);
    lumaV = table(dh, false);
    chromaH = table(padW(dw / 2), true);
    chromaV = table(dh / 2, false);
    reserve(k, p);
    view = undefined;
  }

  /** Lays the memory out again for new frames/output/source sizes, moving the stills held. */
  function relayout(change: () => void): void {
    const before = [srcOf(0), srcOf(1)];
    change();
    layout();
    const bytes = new Uint8Array(k.memory.buffer);
    // Moving up, the upper lane goes first (and down, the lower), so neither overwrites the other.
    const order = srcOf(0) > before[0]! ? [1, 0] : [0, 1];
    for (const l of order) {
      const { w, h } = lanes[l]!;
      if (w && srcOf(l) !== before[l]) bytes.copyWithin(srcOf(l), before[l]!, before[l]! + frameBytes(w, h));
    }
  }

  function checkSize(what: string, w: number, h: number): void {
    if (!Number.isInteger(w) || !Number.isInteger(h) || w < 16 || h < 16 || w % 2 || h % 2) {
      fail(`${what} must be even and at least 16×16, got ${w}×${h}`);
    }
  }

  function frameView(i: number): Frame {
    if (!Number.isInteger(i) || i < 0 || i >= frameCount) fail(`no frame ${i} (frames(${frameCount}))`);
    const at = align(base) + i * frameStride();
    return { w: dw, h: dh, data: new Uint8Array(k.memory.buffer, at, frameBytes(dw, dh)) };
  }

  return {
    setSource(still: Frame, lane = 0): void {
      checkSize('source', still.w, still.h);
      if (lane !== 0 && lane !== 1) fail(`no source lane ${lane}`);
      const size = frameBytes(still.w, still.h);
      if (still.data.length < size) fail('source data is shorter than its size');
      if (size > cap) relayout(() => (cap = size));
      lanes[lane] = { w: still.w, h: still.h };
      new Uint8Array(k.memory.buffer, srcOf(lane), size).set(still.data.subarray(0, size));
    },

    frames(count: number): Frame[] {
      if (!dw) fail('outputSize before frames');
      relayout(() => (frameCount = count));
      return Array.from({ length: count }, (_, i) => frameView(i));
    },

    fade(a: number, b: number, out: number, alpha: number): void {
      const [fa, fb, fo] = [frameView(a), frameView(b), frameView(out)];
      k.fade(fa.data.byteOffset, fb.data.byteOffset, fo.data.byteOffset, fo.data.length, alpha);
    },

    outputSize(w: number, h: number): void {
      checkSize('output', w, h);
      relayout(() => {
        dw = w;
        dh = h;
        frameCount = 0;
      });
    },

    warp(map: WarpMap, o: { lane?: number; into?: number } = {}): Frame {
      const { w: sw, h: sh } = lanes[o.lane ?? 0] ?? fail(`no source lane ${o.lane}`);
      const src = srcOf(o.lane ?? 0);
      const out = o.into === undefined ? undefined : frameView(o.into);
      const dst0 = out ? out.data.byteOffset : dst;
      if (!sw) fail('setSource before warp');
      if (!dw) fail('outputSize before warp');
      const { scale, x, y } = map;
      if (!Number.isFinite(x) || !Number.isFinite(y) || !(scale > 0 && scale <= MAX_WARP_SCALE)) {
        fail(`bad map ${JSON.stringify(map)}`);
      }
      const taps = warpTaps(scale);
      // Smallest plane (chroma) must hold the filter window.
      const hTaps = pairedTaps(taps);
      if (sw / 2 < hTaps || sh / 2 < taps) fail(`source ${sw}×${sh} is too small for scale ${scale}`);
      // Source sample index (sample k at index k) under output sample 0, per plane and axis:
      // luma centres sit at +0.5; chroma (left siting) at +0.5 across and +1 down, in luma units,
      // and chroma indices count two luma units.
      const lumaX = x + 0.5 * (scale - 1);
      const lumaY = y + 0.5 * (scale - 1);
      const chromaX = lumaX / 2;
      const chromaY = (y + (scale - 1)) / 2;
      fillAxis(k, lumaH, padW(dw), sw, lumaX, scale, hTaps, filter);
      fillAxis(k, lumaV, dh, sh, lumaY, scale, taps, filter);
      fillAxis(k, chromaH, padW(dw / 2), sw / 2, chromaX, scale, hTaps, filter);
      fillAxis(k, chromaV, dh / 2, sh / 2, chromaY, scale, taps, filter);
      // The SIMD horizontal pass's group tables and their layout (0, none, for the plain passes).
      const groups = (t: AxisTable, dLen: number): number =>
        simd ? k.groups(t.starts, t.weights, dLen, hTaps, t.groups) : 0;
      const lumaG = groups(lumaH, padW(dw));
      const chromaG = groups(chromaH, padW(dw / 2));
      // One plane: source offset and width, output offset and size, its filter tables.
      const plane = (
        so: number,
        pw: number,
        doff: number,
        ow: number,
        oh: number,
        h: AxisTable,
        groupsMode: number,
        v: AxisTable,
      ): void =>
        filterPlane(
          k,
          { src: src + so, sw: pw, dst: dst0 + doff, dw: ow, dh: oh },
          h,
          groupsMode,
          v,
          { h: hTaps, v: taps },
          work,
          simd,
        );
      const sY = sw * sh;
      const dY = dw * dh;
      plane(0, sw, 0, dw, dh, lumaH, lumaG, lumaV);
      plane(sY, sw / 2, dY, dw / 2, dh / 2, chromaH, chromaG, chromaV);
      plane(sY + sY / 4, sw / 2, dY + dY / 4, dw / 2, dh / 2, chromaH, chromaG, chromaV);
      if (out) return out;
      view ??= { w: dw, h: dh, data: new Uint8Array(k.memory.buffer, dst, frameBytes(dw, dh)) };
      return view;
    },
  };
}

let helper: KernelExports | undefined;

/** This thread's kernel instance for whole-picture helpers (conversion, resizing); its memory only grows. */
function helperKernel(): KernelExports {
  return (helper ??= new WebAssembly.Instance(kernelModule(), {}).exports as unknown as KernelExports);
}

/**
 * rgbToYuv420 (src/render/yuv.ts) in WebAssembly: the same bytes, a few times faster. Its instance
 * (one per thread) keeps memory for the largest picture it has converted.
 */
export function rgbToYuv420Wasm(rgb: Uint8Array, w: number, h: number): Frame {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 2 || h < 2 || w % 2 || h % 2) {
    throw new RangeError(`rgbToYuv420: ${w}x${h} is not even`);
  }
  if (rgb.length < w * h * 3) throw new RangeError('rgbToYuv420: too few pixels');
  const k = helperKernel();
  const src = align(k.heapBase());
  const out = align(src + w * h * 3);
  reserve(k, out + frameBytes(w, h));
  new Uint8Array(k.memory.buffer, src, w * h * 3).set(rgb.subarray(0, w * h * 3));
  k.rgbToYuv420(src, w, h, out);
  return { w, h, data: new Uint8Array(k.memory.buffer, out, frameBytes(w, h)).slice() };
}

/**
 * A packed RGB picture (sw×sh, 3 bytes a pixel) resized to exactly dw×dh, each axis scaled on its own
 * (a "fill" resize), with the warp kernel's Keys filter and geometry (pixel centres aligned, edges
 * repeated), channel by channel. Used to enlarge the blur fit's small blurred background, where it
 * is many times cheaper than libvips' affine upscale. Sizes are at least 4 pixels; a shrink is at
 * most MAX_WARP_SCALE.
 */
export function resizeRgbWasm(rgb: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
  for (const v of [sw, sh, dw, dh]) {
    if (!Number.isInteger(v) || v < 4)
      throw new RangeError(`resizeRgb: ${sw}x${sh} -> ${dw}x${dh} is too small`);
  }
  if (rgb.length < sw * sh * 3) throw new RangeError('resizeRgb: too few pixels');
  const sx = sw / dw;
  const sy = sh / dh;
  if (sx > MAX_WARP_SCALE || sy > MAX_WARP_SCALE) throw new RangeError('resizeRgb: shrinks too much');
  const hTaps = pairedTaps(warpTaps(sx));
  const vTaps = warpTaps(sy);
  if (sw < hTaps || sh < vTaps) throw new RangeError(`resizeRgb: ${sw}x${sh} is too small for its filter`);
  const k = helperKernel();
  const pw = padW(dw);
  let p = align(k.heapBase());
  const take = (bytes: number): number => {
    const at = p;
    p = align(p + bytes + 64); // the SIMD horizontal pass reads a little past a source plane
    return at;
  };
  const src = take(sw * sh * 3);
  const from = [take(sw * sh), take(sw * sh), take(sw * sh)] as const;
  const to = [take(dw * dh), take(dw * dh), take(dw * dh)] as const;
  const out = take(dw * dh * 3);
  const work = take(k.workBytes(dw));
  const across: AxisTable = {
    starts: take(pw * 4),
    weights: take(pw * MAX_TAPS * 2),
    groups: take((pw / 8) * (32 + 16 * MAX_TAPS)),
  };
  const down: AxisTable = { starts: take(dh * 4), weights: take(dh * MAX_TAPS * 2), groups: 0 };
  reserve(k, p);
  new Uint8Array(k.memory.buffer, src, sw * sh * 3).set(rgb.subarray(0, sw * sh * 3));
  k.splitRgb(src, sw * sh, from[0], from[1], from[2]);
  // Output sample 0's centre in source index units, per axis (see warp: x = y = 0).
  fillAxis(k, across, pw, sw, 0.5 * (sx - 1), sx, hTaps, FILTER_ID.keys);
  fillAxis(k, down, dh, sh, 0.5 * (sy - 1), sy, vTaps, FILTER_ID.keys);
  const mode = k.groups(across.starts, across.weights, pw, hTaps, across.groups);
  for (let c = 0; c < 3; c++) {
    filterPlane(
      k,
      { src: from[c]!, sw, dst: to[c]!, dw, dh },
      across,
      mode,
      down,
      { h: hTaps, v: vTaps },
      work,
      true,
    );
  }
  k.joinRgb(to[0], to[1], to[2], dw * dh, out);
  return new Uint8Array(k.memory.buffer, out, dw * dh * 3).slice();
}
