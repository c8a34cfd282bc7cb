import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDraft } from '../../src/render/render-draft.ts';
import type { RenderPlan } from '../../src/render/plan.ts';
import type { RenderAsset } from '../../src/render/types.ts';
import { allFrames, type RgbFrame } from '../helpers/video.ts';
import { imageAsset, tempDir } from './fixtures.ts';

const run = promisify(execFile);
const W = 480;
const H = 270;
const FPS = 30;
/** RMS of the dot's acceleration must stay under this (px/frame²): no visible shake. */
const MAX_JERK = 0.05;

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let dot: RenderAsset;

/** A dark still with one soft bright dot (Gaussian, sigma 3 px) off-centre. */
async function dotPhoto(file: string): Promise<void> {
  const data = Buffer.alloc(W * H * 3, 0);
  const cx = W * 0.7;
  const cy = H * 0.3;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = Math.round(235 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 3 * 3)));
      data.fill(16 + v, (y * W + x) * 3, (y * W + x) * 3 + 3);
    }
  }
  await sharp(data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file);
}

/** Intensity-weighted centroid of what is brighter than the background (measured in the frame's corner). */
function centroid(f: RgbFrame): [number, number] {
  let bg = 0;
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bg += f.data[(y * f.width + x) * 3 + 1]!;
  bg = bg / 64 + 3;
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (let y = 0; y < f.height; y++) {
    for (let x = 0; x < f.width; x++) {
      const i = (y * f.width + x) * 3;
      const w = Math.max(0, f.data[i + 1]! - bg);
      sx += w * x;
      sy += w * y;
      sw += w;
    }
  }
  return [sx / sw, sy / sw];
}

/** RMS of the second difference of the dot's position, px/frame², and how far it travelled. */
function jerk(frames: RgbFrame[]): { rms: number; travel: number } {
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
  const file = path.join(dir, 'dot.png');
  await dotPhoto(file);
  dot = await imageAsset('dot', file, W, H);
});
afterAll(() => cleanup());

/** Frames exactly as the plan's filter graph draws them, before the encoder (raw RGB from the same graph). */
async function graphFrames(plan: RenderPlan): Promise<RgbFrame[]> {
  for (const file of plan.files) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
  }
  const args = plan.args.slice(0, plan.args.indexOf('-map'));
  args.push(
    '-map',
    '[vout]',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
    '-map',
    '[aout]',
    '-f',
    'null',
    '-',
  );
  const { stdout } = await run('ffmpeg', args, { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 });
  const size = W * H * 3;
  const frames: RgbFrame[] = [];
  for (let off = 0; off + size <= stdout.length; off += size) {
    frames.push({ width: W, height: H, data: stdout.subarray(off, off + size) });
  }
  return frames;
}

describe('Ken Burns motion is smooth (sub-pixel)', () => {
  for (const type of ['zoom-in', 'zoom-out', 'pan-right', 'pan-up']) {
    it(`${type}: dot acceleration RMS < ${MAX_JERK} px/frame²`, async () => {
      const output = path.join(dir, `${type}.mp4`);
      let plan: RenderPlan | undefined;
      await renderDraft({
        draft: {
          v: 1,
          w: W,
          h: H,
          fps: FPS,
          t: [{ tt: 0, sg: [{ src: 'dot', d: 2000, m: { fit: 'cover', motion: { type, amount: 0.1 } } }] }],
          m: {},
        },
        assets: { dot },
        output,
        cacheDir: path.join(dir, 'cache'),
        onPlan: (p) => {
          plan = p;
        },
      });
      // The motion as drawn (what the renderer controls) must be smooth to a hundredth of a pixel.
      const drawn = jerk(await graphFrames(plan!));
      // After H.264 at CRF 20 the encoder's quantisation adds a little noise to a dot on flat black.
      const encoded = jerk(await allFrames(output));
      console.log(
        `[motion-smoothness] ${type}: travel ${drawn.travel.toFixed(2)} px, jerk RMS drawn ${drawn.rms.toFixed(4)}, ` +
          `encoded ${encoded.rms.toFixed(4)} px/frame²`,
      );
      expect(drawn.travel).toBeGreaterThan(5);
      expect(drawn.rms).toBeLessThan(MAX_JERK);
      expect(encoded.rms).toBeLessThan(MAX_JERK * 3);
    });
  }

  it('the metric catches the whole-pixel stepping of zoompan (for comparison)', async () => {
    const output = path.join(dir, 'zoompan.mp4');
    const frames = 2 * FPS;
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      dot.path,
      '-vf',
      `zoompan=z='1+0.1*on/${frames - 1}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${W}x${H}:fps=${FPS}`,
      '-c:v',
      'libx264',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      output,
    ]);
    const { rms } = jerk(await allFrames(output));
    console.log(`[motion-smoothness] zoompan zoom-in: jerk RMS ${rms.toFixed(4)} px/frame²`);
    expect(rms).toBeGreaterThan(MAX_JERK);
  });
});
