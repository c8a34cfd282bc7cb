import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planes, type Frame } from '../../../src/render/frame.ts';
import { renderDraft } from '../../../src/render/render-draft.ts';
import { compositeText, prepareTextOverlays, type TextOverlay } from '../../../src/render/text/index.ts';
import { parseDraft } from '../../../src/timeline/draft.ts';
import { assetMap, solidPhoto, tempDir } from '../fixtures.ts';

const run = promisify(execFile);
const W = 640;
const H = 360;
let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('photoreel-text-video-'));
});
afterAll(() => cleanup());

/** Frame n of a video, decoded to raw yuv420p. */
async function decodedFrame(file: string, n: number): Promise<Frame> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${n})`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return { w: W, h: H, data: new Uint8Array(stdout) };
}

/** Mean |a − b| of the luma inside an overlay's box. */
function boxDifference(a: Frame, b: Frame, o: TextOverlay): number {
  const ya = planes(a).y;
  const yb = planes(b).y;
  let sum = 0;
  for (let r = 0; r < o.h; r++) {
    for (let c = 0; c < o.w; c++)
      sum += Math.abs(ya[(o.y + r) * W + o.x + c]! - yb[(o.y + r) * W + o.x + c]!);
  }
  return sum / (o.w * o.h);
}

describe('titles in the rendered video', () => {
  it('appear where and as the overlays say, over the photo, emoji in colour', async () => {
    const photo = await solidPhoto(dir, 'p0', [40, 90, 160], W, H);
    const base = {
      v: 1,
      w: W,
      h: H,
      fps: 10,
      t: [{ tt: 0, sg: [{ src: 'p0', d: 1000, m: { motion: { type: 'none' } } }] }],
    };
    const titles = {
      tt: 7,
      sg: [
        { text: 'Happy birthday 🎉', s: 0, d: 1000, m: { pos: 'top', size: 0.1 } },
        { text: 'مرحبا שלום 你好', s: 0, d: 1000, m: { pos: 'bottom', size: 0.1, color: '#ffcc00' } },
      ],
    };
    const plainOut = path.join(dir, 'plain.mp4');
    const titledOut = path.join(dir, 'titled.mp4');
    const opts = { assets: assetMap([photo]), cacheDir: path.join(dir, 'cache') };
    await renderDraft({ ...opts, draft: base, output: plainOut });
    await renderDraft({ ...opts, draft: { ...base, t: [...base.t, titles] }, output: titledOut });
    const overlays = await prepareTextOverlays(parseDraft({ ...base, t: [...base.t, titles] }));
    expect(overlays).toHaveLength(2);

    const plain = await decodedFrame(plainOut, 5);
    const titled = await decodedFrame(titledOut, 5);
    // What the frame should be: the plain frame with the overlays drawn on it.
    const expected: Frame = { w: W, h: H, data: plain.data.slice() };
    for (const o of overlays) compositeText(expected, o, 5);
    for (const o of overlays) {
      const shown = boxDifference(titled, plain, o);
      const off = boxDifference(titled, expected, o);
      expect(shown).toBeGreaterThan(10);
      expect(off).toBeLessThan(shown / 5);
    }
    // The emoji's colours survive to the video: chroma far from the photo's in the top title.
    const top = overlays[0]!;
    const u = planes(titled).u;
    const u0 = planes(plain).u;
    let coloured = 0;
    for (let r = 0; r < top.h / 2; r++) {
      for (let c = 0; c < top.w / 2; c++) {
        const i = (top.y / 2 + r) * (W / 2) + top.x / 2 + c;
        if (Math.abs(u[i]! - u0[i]!) > 40) coloured++;
      }
    }
    expect(coloured).toBeGreaterThan(20);
  });
});
