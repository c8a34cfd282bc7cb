import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMedia } from '../../src/media/inspect.ts';
import { thumbnail } from '../../src/media/thumbnail.ts';
import { ffmpeg, quadrants, rejectedKey, tempDir } from './helpers.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const at = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  const V = ['-f', 'lavfi', '-i', 'testsrc=s=160x96:r=10:d=2'];
  const A = ['-f', 'lavfi', '-i', 'sine=f=440:d=2'];
  ffmpeg(
    ...V,
    ...A,
    '-shortest',
    '-pix_fmt',
    'yuv420p',
    '-metadata',
    'creation_time=2024-05-06T07:08:09.000000Z',
    at('clip.mp4'),
  );
  // A phone held upright: landscape pixels with a 90° display rotation.
  // (ffmpeg 5.1 writes the display matrix from the rotate tag when copying the stream.)
  ffmpeg(...V, '-pix_fmt', 'yuv420p', at('landscape.mov'));
  ffmpeg('-i', at('landscape.mov'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', at('portrait.mov'));
  // Anamorphic: 160x96 pixels shown twice as wide.
  ffmpeg(...V, '-vf', 'setsar=2', '-pix_fmt', 'yuv420p', at('anamorphic.mkv'));
  ffmpeg(...A, at('tone.mp3'));
  await quadrants(64, 48).jpeg().toFile(at('still.jpg'));
});

describe('clips and sounds', () => {
  it('a clip: displayed size, duration, sound, capture time', async () => {
    const info = await inspectMedia(at('clip.mp4'));
    expect(info).toMatchObject({ kind: 'video', ext: 'mp4', width: 160, height: 96, hasAudio: true });
    expect(Math.abs(info.durationMs! - 2000)).toBeLessThan(150);
    expect(info.capturedAt).toBe('2024-05-06T07:08:09.000Z');
  });

  it('a rotated phone clip reports its size as displayed', async () => {
    const info = await inspectMedia(at('portrait.mov'));
    expect([info.width, info.height, info.hasAudio]).toEqual([96, 160, false]);
  });

  it('non-square pixels are applied to the width', async () => {
    const info = await inspectMedia(at('anamorphic.mkv'));
    expect([info.width, info.height]).toEqual([320, 96]);
  });

  it('a music file has a duration and no picture', async () => {
    const info = await inspectMedia(at('tone.mp3'));
    expect(info.kind).toBe('audio');
    expect(info.width).toBeUndefined();
    expect(Math.abs(info.durationMs! - 2000)).toBeLessThan(150);
  });
});

describe('thumbnail', () => {
  const cacheDir = at('thumbs');
  it('a photo: JPEG, longest side as asked, never enlarged', async () => {
    const t = await thumbnail(at('still.jpg'), { size: 32, cacheDir });
    expect(await sharp(t).metadata()).toMatchObject({ format: 'jpeg', width: 32, height: 24 });
    const big = await thumbnail(at('still.jpg'), { size: 512, cacheDir });
    expect(await sharp(big).metadata()).toMatchObject({ width: 64, height: 48 });
  });

  it('a rotated clip: a frame, upright', async () => {
    const t = await thumbnail(at('portrait.mov'), { size: 80, cacheDir });
    expect(await sharp(t).metadata()).toMatchObject({ format: 'jpeg', width: 48, height: 80 });
  });

  it('a music file has none: UNSUPPORTED_TYPE', async () => {
    expect(await rejectedKey(thumbnail(at('tone.mp3'), { size: 80, cacheDir }))).toBe('UNSUPPORTED_TYPE');
  });
});
