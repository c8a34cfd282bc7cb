import { describe, expect, it } from 'vitest';
import { isPhotoreelError } from '../../../src/errors.ts';
import { blackFrame, planes, type Frame } from '../../../src/render/frame.ts';
import {
  loadWarpKernel,
  resizeRgbWasm,
  rgbToYuv420Wasm,
  type WarpFilter,
  type WarpMap,
} from '../../../src/render/warp/index.ts';
import { rgbToYuv420 } from '../../../src/render/yuv.ts';
import { fillPlane, noiseFrame, seeded, textureFrame } from './images.ts';
import { referenceResizePlane, referenceWarp } from './reference.ts';
import { blendSpan, buffers } from '../../../src/render/transitions/blend.ts';

function maxDifference(a: Frame, b: Frame): number {
  expect([a.w, a.h]).toEqual([b.w, b.h]);
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!));
  return max;
}

function warpOnce(still: Frame, w: number, h: number, map: WarpMap, filter?: WarpFilter): Frame {
  const k = loadWarpKernel(filter ? { filter } : {});
  k.setSource(still);
  k.outputSize(w, h);
  const f = k.warp(map);
  return { w: f.w, h: f.h, data: f.data.slice() };
}

describe('warp kernel', () => {
  it('reproduces the source exactly under the identity map', () => {
    const still = noiseFrame(96, 64, 1);
    expect(maxDifference(warpOnce(still, 96, 64, { scale: 1, x: 0, y: 0 }), still)).toBe(0);
  });

  it('shifts the picture by whole pixels under an integer translation (luma and chroma)', () => {
    const still = noiseFrame(96, 64, 2);
    const out = warpOnce(still, 64, 40, { scale: 1, x: 10, y: 6 });
    const s = planes(still);
    const d = planes(out);
    for (let v = 0; v < 40; v++) {
      for (let u = 0; u < 64; u++) expect(d.y[v * 64 + u]).toBe(s.y[(v + 6) * 96 + u + 10]);
    }
    for (let v = 0; v < 20; v++) {
      for (let u = 0; u < 32; u++) {
        expect(d.u[v * 32 + u]).toBe(s.u[(v + 3) * 48 + u + 5]);
        expect(d.v[v * 32 + u]).toBe(s.v[(v + 3) * 48 + u + 5]);
      }
    }
  });

  it('repeats the edge pixels outside the source', () => {
    const still = blackFrame(64, 48);
    const p = planes(still);
    fillPlane(p.y, 64, 48, (x, y) => 40 + x * 2 + y);
    fillPlane(p.u, 32, 24, (x) => 60 + x);
    // The frame shows the area right of and below the still, far beyond its corner: all corner pixel.
    const out = planes(warpOnce(still, 32, 32, { scale: 1.3, x: 200, y: 150 }));
    expect(new Set(out.y)).toEqual(new Set([p.y[48 * 64 - 1]]));
    expect(new Set(out.u)).toEqual(new Set([p.u[24 * 32 - 1]]));
  });

  const maps: WarpMap[] = [
    { scale: 1, x: 0.5, y: -0.25 }, // sub-pixel shift
    { scale: 1.06, x: 3.3, y: 2.7 }, // the usual: a slight shrink
    { scale: 1.2, x: -1.7, y: 5.45 },
    { scale: 0.8, x: 11.1, y: 7.9 }, // enlargement
    { scale: 2.7, x: -20, y: -12.5 }, // strong shrink (wider filter), partly outside the source
    { scale: 1.13, x: 70.2, y: 41.7 }, // mostly outside the source (edge clamp)
  ];
  for (const filter of ['lanczos2', 'keys'] as const) {
    for (const map of maps) {
      it(`matches the floating-point reference (${filter}, ${JSON.stringify(map)}) within one code value`, () => {
        const still = noiseFrame(96, 70, 3);
        expect(
          maxDifference(warpOnce(still, 80, 56, map, filter), referenceWarp(still, 80, 56, map, filter)),
        ).toBeLessThanOrEqual(1);
        const smooth = textureFrame(96, 70, 4, 0.5);
        expect(
          maxDifference(warpOnce(smooth, 80, 56, map, filter), referenceWarp(smooth, 80, 56, map, filter)),
        ).toBeLessThanOrEqual(1);
      });
    }
  }

  it('draws the same bytes with the SIMD passes as with the plain ones', () => {
    const still = noiseFrame(250, 130, 6);
    // Every layout of the SIMD horizontal pass: 4 taps (one load per 8 samples); 7, 8 and 13 taps (one
    // load per 4 samples and tap pair); 22 taps (too spread for that: 4 bytes loaded per sample).
    for (const scale of [0.61, 1, 1.06, 1.19, 1.6, 1.77, 3.1, 5.3]) {
      const frames = [true, false].map((simd) => {
        const k = loadWarpKernel({ simd });
        k.setSource(still);
        k.outputSize(174, 98); // not a multiple of 16 or 8: tails too
        return Buffer.from(k.warp({ scale, x: 7.31 - scale * 3, y: -2.17 + scale }).data);
      });
      expect(frames[0]!.equals(frames[1]!), `scale ${scale}`).toBe(true);
    }
  });

  it('draws the same bytes every run, whatever ran before', () => {
    const still = textureFrame(160, 100, 5, 0.5);
    const map = { scale: 1.11, x: 4.37, y: 3.21 };
    const first = warpOnce(still, 128, 80, map);
    const k = loadWarpKernel();
    k.setSource(noiseFrame(200, 120, 9));
    k.outputSize(96, 64);
    k.warp({ scale: 1.7, x: 1, y: 2 });
    k.setSource(still);
    k.outputSize(128, 80);
    const second = k.warp(map);
    expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(true);
  });

  it('holds two stills: each lane draws what a kernel of its own would, also after the other grows', () => {
    const a = noiseFrame(120, 80, 11);
    const b = textureFrame(150, 96, 12, 0.4);
    const big = noiseFrame(220, 140, 13);
    const mapA = { scale: 1.07, x: 2.3, y: 1.9 };
    const mapB = { scale: 1.13, x: 5.1, y: 3.3 };
    const k = loadWarpKernel();
    k.outputSize(96, 64);
    k.setSource(a, 0);
    k.setSource(b, 1);
    const frames = k.frames(2);
    const same = (f: Frame, still: Frame, map: WarpMap): boolean =>
      Buffer.from(f.data).equals(Buffer.from(warpOnce(still, 96, 64, map).data));
    expect(same(k.warp(mapA, { lane: 0, into: 0 }), a, mapA)).toBe(true);
    expect(same(k.warp(mapB, { lane: 1 }), b, mapB)).toBe(true);
    // A larger still on lane 0 and more frames move lane 1 in memory: it must come along intact.
    k.setSource(big, 0);
    k.frames(5);
    expect(same(k.warp(mapB, { lane: 1, into: 4 }), b, mapB)).toBe(true);
    expect(same(k.warp(mapA, { lane: 0 }), big, mapA)).toBe(true);
    expect(frames[0]!.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it("fades two of its frames to the same bytes as the transitions' blend", () => {
    const k = loadWarpKernel();
    k.outputSize(98, 66); // a tail after the last 16 bytes
    const [a, b, out] = k.frames(3);
    a!.data.set(noiseFrame(98, 66, 21).data);
    b!.data.set(noiseFrame(98, 66, 22).data);
    for (const alpha of [0, 1, 37, 64, 127, 128]) {
      k.fade(0, 1, 2, alpha);
      const expected = new Uint8Array(a!.data.length);
      const bufs = buffers(a!, b!, { w: 98, h: 66, data: expected });
      blendSpan(bufs, 0, expected.length, alpha);
      expect(Buffer.from(out!.data).equals(Buffer.from(expected)), `alpha ${alpha}`).toBe(true);
    }
  });

  it('converts RGB to yuv420p to the same bytes as the JavaScript conversion', () => {
    for (const [w, h, seed] of [
      [2, 2, 1],
      [98, 66, 2],
      [254, 130, 3],
      [64, 18, 4],
      [2240, 6, 5],
    ] as const) {
      const rgb = new Uint8Array(w * h * 3);
      const r = seeded(seed);
      for (let i = 0; i < rgb.length; i++) rgb[i] = Math.floor(r() * 256);
      // Saturated corners too: the chroma sums reach their extremes.
      rgb.fill(255, 0, 12);
      // Pure red, blue and yellow runs across block edges (16 pixels): chroma at its limits, both ends.
      for (const [x0, c] of [
        [12, [255, 0, 0]],
        [30, [0, 0, 255]],
        [47, [255, 255, 0]],
      ] as const) {
        for (let x = x0; x < Math.min(w, x0 + 9); x++) rgb.set(c, ((h - 1) * w + x) * 3);
      }
      expect(
        Buffer.from(rgbToYuv420Wasm(rgb, w, h).data).equals(Buffer.from(rgbToYuv420(rgb, w, h).data)),
      ).toBe(true);
    }
    expect(() => rgbToYuv420Wasm(new Uint8Array(27), 3, 3)).toThrow(/even/);
  });

  it('resizes packed RGB to any size like the reference, each channel on its own', () => {
    // Enlarging (as the blur fit's background is, by 8) and shrinking, with a different scale per axis
    // and widths that are not multiples of 16: every channel within one code value of the slow resampler.
    for (const [sw, sh, dw, dh, seed] of [
      [35, 20, 280, 158, 1],
      [9, 6, 70, 50, 2],
      [200, 120, 150, 97, 3],
    ] as const) {
      const r = seeded(seed);
      const rgb = new Uint8Array(sw * sh * 3);
      // Three different pictures in the three channels: noise, a ramp across, a ramp down.
      for (let y = 0; y < sh; y++) {
        for (let x = 0; x < sw; x++) {
          const i = (y * sw + x) * 3;
          rgb[i] = Math.floor(r() * 256);
          rgb[i + 1] = Math.round((255 * x) / (sw - 1));
          rgb[i + 2] = Math.round((255 * y) / (sh - 1));
        }
      }
      const out = resizeRgbWasm(rgb, sw, sh, dw, dh);
      expect(out.length).toBe(dw * dh * 3);
      for (let c = 0; c < 3; c++) {
        const plane = Uint8Array.from({ length: sw * sh }, (_, i) => rgb[i * 3 + c]!);
        const ref = referenceResizePlane(plane, sw, sh, dw, dh, 'keys');
        let max = 0;
        for (let i = 0; i < dw * dh; i++) max = Math.max(max, Math.abs(out[i * 3 + c]! - ref[i]!));
        expect(max, `channel ${c} of ${sw}x${sh} -> ${dw}x${dh}`).toBeLessThanOrEqual(1);
      }
    }
    // A flat colour stays exactly that colour.
    const flat = new Uint8Array(12 * 8 * 3);
    for (let i = 0; i < flat.length; i += 3) flat.set([200, 30, 90], i);
    const big = resizeRgbWasm(flat, 12, 8, 100, 66);
    for (let i = 0; i < big.length; i += 3) expect([big[i], big[i + 1], big[i + 2]]).toEqual([200, 30, 90]);
    expect(() => resizeRgbWasm(flat, 3, 8, 100, 66)).toThrow(/too small/);
  });

  it('refuses maps and sizes it cannot draw, with the catalog error', () => {
    const k = loadWarpKernel();
    expect(() => k.warp({ scale: 1, x: 0, y: 0 })).toThrow(/setSource/);
    k.setSource(noiseFrame(64, 64, 1));
    k.outputSize(32, 32);
    for (const map of [
      { scale: 0, x: 0, y: 0 },
      { scale: Number.NaN, x: 0, y: 0 },
      { scale: 1, x: Number.POSITIVE_INFINITY, y: 0 },
    ]) {
      let error: unknown;
      try {
        k.warp(map);
      } catch (e) {
        error = e;
      }
      expect(isPhotoreelError(error, 'INTERNAL_ERROR')).toBe(true);
    }
    expect(() => k.outputSize(31, 32)).toThrow(/even/);
  });
});
