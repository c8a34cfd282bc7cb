import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderAsset } from '../../src/render/types.ts';
import { drawnLuma, type Luma } from './drawn-frames.ts';
import { imageAsset, tempDir } from './fixtures.ts';

/**
 * Ken Burns must move a picture smoothly, to a small fraction of a pixel per frame: a soft dot on a
 * dark photo is tracked in every frame the renderer draws (before the encoder, i.e. what a lossless
 * encode holds: H.264 at CRF 20 adds its own noise on a tiny dot over a flat field, which says
 * nothing about the resampling).
 */
const W = 480;
const H = 270;
const FPS = 30;
/** RMS of the dot's acceleration must stay under this (px/frame²): no visible shake. */
const MAX_JERK = 0.05;

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let dots: Record<string, RenderAsset> = {};

/** A dark photo with one soft bright dot (Gaussian, sigma 3 px at canvas scale) off-centre. */
async function dotPhoto(file: string, pw: number, ph: number): Promise<void> {
  const data = Buffer.alloc(pw * ph * 3, 0);
  const cx = pw * 0.7;
  const cy = ph * 0.3;
  const sigma = (3 * pw) / W;
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < pw; x++) {
      const v = Math.round(235 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma * sigma)));
      data.fill(16 + v, (y * pw + x) * 3, (y * pw + x) * 3 + 3);
    }
  }
  await sharp(data, { raw: { width: pw, height: ph, channels: 3 } })
    .png()
    .toFile(file);
}

/** Intensity-weighted centroid of what is brighter than the background (the frame's median luma). */
function centroid(f: Luma): [number, number] {
  const hist = new Array<number>(256).fill(0);
  for (const v of f.y) hist[v]!++;
  let bg = 0;
  for (let acc = 0; acc < f.y.length / 2; bg++) acc += hist[bg]!;
  bg += 3;
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (let y = 0; y < f.h; y++) {
    for (let x = 0; x < f.w; x++) {
      const w = Math.max(0, f.y[y * f.w + x]! - bg);
      sx += w * x;
      sy += w * y;
      sw += w;
    }
  }
  return [sx / sw, sy / sw];
}

/** RMS of the second difference of the dot's position, px/frame², and how far it travelled. */
function jerk(frames: Luma[]): { rms: number; travel: number } {
  const pts = frames.map(centroid);
  let sum = 0;
  let n = 0;
  for (let i = 1; i + 1 < pts.length; i++) {
    const [x0, y0] = pts[i - 1]!;
    const [x1, y1] = pts[i]!;
    const [x2, y2] = pts[i + 1]!;
    sum += (x2 - 2 * x1 + x0) ** 2 + (y2 - 2 * y1 + y0) ** 2;
    n++;
  }
  const first = pts[0]!;
  const last = pts.at(-1)!;
  return { rms: Math.sqrt(sum / n), travel: Math.hypot(last[0] - first[0], last[1] - first[1]) };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // cover: a photo twice the canvas; blur: a 4:3 photo, contained over its blurred copy.
  const cover = path.join(dir, 'dot-cover.png');
  await dotPhoto(cover, 2 * W, 2 * H);
  const blur = path.join(dir, 'dot-blur.png');
  await dotPhoto(blur, 480, 360);
  dots = {
    cover: await imageAsset('cover', cover, 2 * W, 2 * H),
    blur: await imageAsset('blur', blur, 480, 360),
  };
});
afterAll(() => cleanup());

describe('Ken Burns motion is smooth (sub-pixel), as drawn', () => {
  for (const fit of ['cover', 'blur'] as const) {
    for (const type of ['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'pan-up', 'pan-down']) {
      it(`${fit}, ${type}: dot acceleration RMS < ${MAX_JERK} px/frame²`, async () => {
        const draft = {
          v: 1,
          w: W,
          h: H,
          fps: FPS,
          t: [{ tt: 0, sg: [{ src: fit, d: 2000, m: { fit, motion: { type, amount: 0.1 } } }] }],
          m: {},
        };
        const frames = await drawnLuma(draft, dots, path.join(dir, 'cache'));
        const { rms, travel } = jerk(frames);
        console.log(
          `[motion-smoothness] ${fit} ${type}: travel ${travel.toFixed(2)} px, jerk RMS ${rms.toFixed(4)} px/frame²`,
        );
        expect(frames).toHaveLength(60);
        expect(travel).toBeGreaterThan(5);
        expect(rms).toBeLessThan(MAX_JERK);
      });
    }
  }
});
