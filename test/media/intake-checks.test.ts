/**
 * Intake judges every file the same way before it becomes media: animations by their canvas, the
 * canvas their frames need, their largest frame, frame count and length; HEIC and clips by a full
 * read, so a file cut short (an MP4 whose index is intact) is refused now, not at render.
 */
import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnimationLayout } from '../../src/media/animation-header.ts';
import { incompleteReason } from '../../src/media/check-complete.ts';
import { inspectMedia } from '../../src/media/inspect.ts';
import { ffmpeg, rejectedKey, tempDir } from './helpers.ts';
import { editPng, gifBytes, setWebpCanvas } from './media-bytes.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const at = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  writeFileSync(
    at('canvas-bomb.gif'),
    gifBytes(
      [65535, 65535],
      [
        [0, 0],
        [0, 0],
      ],
    ),
  );
  writeFileSync(
    at('far-frame.gif'),
    gifBytes(
      [1, 1],
      [
        [0, 0],
        [60000, 60000],
      ],
    ),
  );
  writeFileSync(
    at('small.gif'),
    gifBytes(
      [64, 48],
      Array.from({ length: 10 }, (_, i) => [i, i] as [number, number]),
    ),
  );

  // Animated WebP, 2 frames of 32x24, then the same with a 5000x5000 canvas.
  const page = (background: string) =>
    sharp({ create: { width: 32, height: 24, channels: 3, background } })
      .raw()
      .toBuffer();
  await sharp(Buffer.concat([await page('#f00'), await page('#00f')]), {
    raw: { width: 32, height: 48, channels: 3, pageHeight: 24 },
  })
    .webp({ loop: 0, delay: [100, 100] })
    .toFile(at('small.webp'));
  copyFileSync(at('small.webp'), at('big-canvas.webp'));
  setWebpCanvas(at('big-canvas.webp'), 5000, 5000);

  // APNG, 12 frames of 32x24; then one frame moved far outside the canvas.
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=32x24:r=10:d=1.2', '-plays', '0', '-f', 'apng', at('small.apng'));
  copyFileSync(at('small.apng'), at('far-frame.apng'));
  let n = 0;
  editPng(at('far-frame.apng'), (type, data) => {
    if (type === 'fcTL' && n++ === 3) {
      data.writeUInt32BE(9000, 12);
      data.writeUInt32BE(9000, 16);
    }
  });

  // HEIC with its picture data zeroed: the header is intact, the picture is not.
  const heic = Buffer.from(
    readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'iphone-like.heic')),
  );
  const mdat = heic.indexOf('mdat', 0, 'latin1');
  heic.fill(0, mdat + 4);
  writeFileSync(at('zeroed.heic'), heic);

  // Clips whose index comes first, cut to 60 %: the index promises frames the file does not have.
  const clip = ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=4', '-f', 'lavfi', '-i', 'sine=d=4'];
  ffmpeg(
    ...clip,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
    at('whole.mp4'),
  );
  ffmpeg(...clip, '-c:v', 'libvpx', '-deadline', 'realtime', '-c:a', 'libopus', at('whole.webm'));
  ffmpeg('-f', 'lavfi', '-i', 'sine=d=4', '-c:a', 'aac', '-movflags', '+faststart', at('whole.m4a'));
  ffmpeg(...clip, '-c:v', 'mpeg4', '-c:a', 'pcm_s16le', at('whole.avi'));
  for (const f of ['mp4', 'webm', 'm4a', 'avi']) {
    copyFileSync(at(`whole.${f}`), at(`cut.${f}`));
    truncateSync(at(`cut.${f}`), Math.floor(statSync(at(`whole.${f}`)).size * 0.6));
  }
}, 120_000);

describe('animations: canvas, frames, length', () => {
  it('a 65535x65535 GIF canvas of 1x1 frames is refused as too large, not taken as 1x1', async () => {
    const t = Date.now();
    expect(await rejectedKey(inspectMedia(at('canvas-bomb.gif')))).toBe('FILE_TOO_LARGE');
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('a frame far outside a 1x1 canvas counts with the canvas a decoder needs', async () => {
    const l = await readAnimationLayout(at('far-frame.gif'), 'gif');
    expect(l).toMatchObject({ canvasWidth: 1, extentWidth: 60001, extentHeight: 60001, frames: 2 });
    expect(await rejectedKey(inspectMedia(at('far-frame.gif')))).toBe('FILE_TOO_LARGE');
  });

  it('an ordinary animated GIF, WebP and APNG are accepted with their layout read', async () => {
    const gif = await inspectMedia(at('small.gif'));
    expect([gif.width, gif.height, gif.animated, gif.durationMs]).toEqual([64, 48, true, 1000]);
    expect(await readAnimationLayout(at('small.gif'), 'gif')).toMatchObject({
      frames: 10,
      frameWidth: 1,
      delayMs: 1000,
    });
    const webp = await inspectMedia(at('small.webp'));
    expect([webp.width, webp.height, webp.animated]).toEqual([32, 24, true]);
    expect(await readAnimationLayout(at('small.webp'), 'webp')).toMatchObject({ canvasWidth: 32, frames: 2 });
    const png = await inspectMedia(at('small.apng'));
    expect([png.ext, png.width, png.height]).toEqual(['png', 32, 24]);
    expect(await readAnimationLayout(at('small.apng'), 'png')).toMatchObject({ canvasWidth: 32, frames: 12 });
  });

  it('an animated WebP whose canvas is over the animation limit is refused', async () => {
    expect(await rejectedKey(inspectMedia(at('big-canvas.webp')))).toBe('FILE_TOO_LARGE');
  });

  it('an APNG frame placed far outside its canvas is refused', async () => {
    expect(await rejectedKey(inspectMedia(at('far-frame.apng')))).toBe('FILE_TOO_LARGE');
  });

  it('frame count, frames x canvas and length limits apply', async () => {
    expect(await rejectedKey(inspectMedia(at('small.gif'), { maxAnimationFrames: 9 }))).toBe(
      'FILE_TOO_LARGE',
    );
    expect(await rejectedKey(inspectMedia(at('small.apng'), { maxAnimationFrames: 11 }))).toBe(
      'FILE_TOO_LARGE',
    );
    expect(await rejectedKey(inspectMedia(at('small.gif'), { maxAnimationWork: 64 * 48 * 9 }))).toBe(
      'FILE_TOO_LARGE',
    );
    expect(await rejectedKey(inspectMedia(at('small.gif'), { maxClipMs: 900 }))).toBe('FILE_TOO_LARGE');
    expect(await rejectedKey(inspectMedia(at('small.gif'), { maxAnimationPixels: 64 * 48 - 1 }))).toBe(
      'FILE_TOO_LARGE',
    );
    await expect(
      inspectMedia(at('small.gif'), { maxAnimationFrames: 10, maxClipMs: 1000 }),
    ).resolves.toBeTruthy();
  });
});

describe('HEIC and clips are read in full at intake', () => {
  it('a HEIC whose picture data is broken is refused as damaged', async () => {
    expect(await rejectedKey(inspectMedia(at('zeroed.heic')))).toBe('FILE_DAMAGED');
  });

  for (const f of ['mp4', 'webm', 'm4a', 'avi']) {
    it(`a ${f} cut short after its index is refused as damaged; the whole one is accepted`, async () => {
      const whole = await inspectMedia(at(`whole.${f}`));
      expect(whole.durationMs).toBeGreaterThan(3500);
      expect(await rejectedKey(inspectMedia(at(`cut.${f}`)))).toBe('FILE_DAMAGED');
    });
  }

  it('an index promising more samples than were read is incomplete, except where MP4 edit lists may drop some', () => {
    const streams = [{ index: 0, codec_type: 'video', nb_frames: '100', nb_read_packets: '60' }];
    expect(incompleteReason(streams, '', 'avi')).toMatch(/100 picture samples but only 60/);
    expect(incompleteReason(streams, '', 'mov,mp4,m4a,3gp,3g2,mj2')).toBeUndefined();
    expect(incompleteReason([], '[mov,mp4 @ 0x1] stream 1, offset 0x1f98e0: partial file', 'mov')).toBe(
      'stream 1, offset 0x1f98e0: partial file',
    );
    expect(incompleteReason([{ ...streams[0]!, nb_read_packets: '100' }], '', 'avi')).toBeUndefined();
  });

  it('clip length, frame count and picture size limits apply', async () => {
    expect(await rejectedKey(inspectMedia(at('whole.mp4'), { maxClipMs: 3000 }))).toBe('FILE_TOO_LARGE');
    expect(await rejectedKey(inspectMedia(at('whole.mp4'), { maxClipFrames: 99 }))).toBe('FILE_TOO_LARGE');
    expect(await rejectedKey(inspectMedia(at('whole.webm'), { maxClipFrames: 99 }))).toBe('FILE_TOO_LARGE');
    expect(await rejectedKey(inspectMedia(at('whole.mp4'), { maxClipPixels: 320 * 240 - 1 }))).toBe(
      'FILE_TOO_LARGE',
    );
    await expect(
      inspectMedia(at('whole.mp4'), { maxClipMs: 4000, maxClipFrames: 100 }),
    ).resolves.toBeTruthy();
  });
});
