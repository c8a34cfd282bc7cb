import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rgbToYuv420 } from '../../src/render/yuv.ts';
import type { RenderAsset } from '../../src/render/types.ts';
import { drawnLuma, laplacianEnergy, type Luma } from './drawn-frames.ts';
import { imageAsset, tempDir } from './fixtures.ts';

/**
 * A moving photo must be as crisp as the same photo standing still at the same scale, and stay so
 * from frame to frame (no softening by magnification, no "pulsing" as a pan crosses pixel phases, no
 * sharper first frame popping at every cut). Judged on the frames as drawn, before the encoder.
 */
const W = 480;
const H = 270;
const AMOUNT = 0.1;

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let photo: RenderAsset;

/** Fine, even texture (seeded noise, blurred a little) on a photo twice the canvas. */
async function texturedPhoto(file: string): Promise<void> {
  const pw = 2 * W;
  const ph = 2 * H;
  const data = Buffer.alloc(pw * ph * 3);
  let s = 12345;
  for (let i = 0; i < data.length; i += 3) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const v = 40 + ((s >>> 16) % 176);
    data[i] = v;
    data[i + 1] = v;
    data[i + 2] = 255 - v;
  }
  await sharp(data, { raw: { width: pw, height: ph, channels: 3 } })
    .blur(1.5)
    .png()
    .toFile(file);
}

function draft(type: string): unknown {
  return {
    v: 1,
    w: W,
    h: H,
    fps: 30,
    t: [{ tt: 0, sg: [{ src: 'tex', d: 2000, m: { fit: 'cover', motion: { type, amount: AMOUNT } } }] }],
    m: {},
  };
}

/** Residual of a least-squares polynomial fit (degree 2) over the frames, relative to the mean. */
function detrendedVariation(values: number[]): number {
  const n = values.length;
  const xs = values.map((_, i) => i / (n - 1));
  // Normal equations for y = a + b x + c x².
  const S = (p: number): number => xs.reduce((s, x) => s + x ** p, 0);
  const T = (p: number): number => xs.reduce((s, x, i) => s + x ** p * values[i]!, 0);
  const m = [
    [S(0), S(1), S(2), T(0)],
    [S(1), S(2), S(3), T(1)],
    [S(2), S(3), S(4), T(2)],
  ];
  for (let c = 0; c < 3; c++) {
    for (let r = c + 1; r < 3; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const coef = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let v = m[r]![3]!;
    for (let k = r + 1; k < 3; k++) v -= m[r]![k]! * coef[k]!;
    coef[r] = v / m[r]![r]!;
  }
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const rss = values.reduce(
    (s, v, i) => s + (v - (coef[0]! + coef[1]! * xs[i]! + coef[2]! * xs[i]! ** 2)) ** 2,
    0,
  );
  return Math.sqrt(rss / n) / mean;
}

/**
 * The photo standing still at the scale a pan shows it, resampled correctly in one step by another
 * implementation (libvips, Lanczos-2: the same class of 4-tap filter): resized to canvas × (1 + amount),
 * a canvas cut from its middle.
 */
async function standingAtPanScale(): Promise<Luma> {
  const sw = Math.round(W * (1 + AMOUNT));
  const sh = Math.round(H * (1 + AMOUNT));
  const rgb = await sharp(photo.path)
    .resize(sw, sh, { fit: 'cover', kernel: 'lanczos2' })
    .extract({ left: Math.floor((sw - W) / 2), top: Math.floor((sh - H) / 2), width: W, height: H })
    .removeAlpha()
    .raw()
    .toBuffer();
  const f = rgbToYuv420(rgb, W, H);
  return { w: W, h: H, y: f.data.subarray(0, W * H) };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const file = path.join(dir, 'texture.png');
  await texturedPhoto(file);
  photo = await imageAsset('tex', file, 2 * W, 2 * H);
});
afterAll(() => cleanup());

describe('moving photos stay sharp', () => {
  for (const type of ['pan-right', 'pan-down']) {
    it(`${type}: as sharp as the photo standing still at the same scale, steadily`, async () => {
      const frames = await drawnLuma(draft(type), { tex: photo }, path.join(dir, 'cache'));
      const energy = frames.map((f) => laplacianEnergy(f));
      const mean = energy.reduce((s, v) => s + v, 0) / energy.length;
      const still = laplacianEnergy(await standingAtPanScale());
      const variation = detrendedVariation(energy);
      console.log(
        `[sharpness] ${type}: moving ${mean.toFixed(0)} vs standing ${still.toFixed(0)} (${((mean / still - 1) * 100).toFixed(1)}%), ` +
          `frame-to-frame variation ${(variation * 100).toFixed(2)}%`,
      );
      expect(Math.abs(mean / still - 1)).toBeLessThan(0.1);
      expect(variation).toBeLessThan(0.01);
    });
  }

  for (const type of ['zoom-in', 'zoom-out']) {
    it(`${type}: sharpness changes smoothly with the scale, with no pop at the first or last frame`, async () => {
      const frames = await drawnLuma(draft(type), { tex: photo }, path.join(dir, 'cache'));
      const energy = frames.map((f) => laplacianEnergy(f));
      const variation = detrendedVariation(energy);
      const first = energy[0]! / energy[1]!;
      const last = energy.at(-1)! / energy.at(-2)!;
      console.log(
        `[sharpness] ${type}: first/second ${first.toFixed(3)}, last/second-last ${last.toFixed(3)}, variation ${(variation * 100).toFixed(2)}%`,
      );
      expect(variation).toBeLessThan(0.01);
      expect(Math.abs(first - 1)).toBeLessThan(0.02);
      expect(Math.abs(last - 1)).toBeLessThan(0.02);
    });
  }
});
