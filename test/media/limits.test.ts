import { statSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMedia } from '../../src/media/inspect.ts';
import { probe } from '../../src/media/probe.ts';
import { prepareImage } from '../../src/media/prepare.ts';
import { ffmpeg, quadrants, rejectedKey, tempDir } from './helpers.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const at = (name: string): string => path.join(dir, name);

/** A valid-looking PNG of a few dozen bytes whose header claims width x height pixels. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  await quadrants(640, 480).jpeg({ quality: 90 }).toFile(at('photo.jpg'));
  writeFileSync(at('bomb.png'), pngClaiming(100_000, 100_000));
  copyFileSync(at('photo.jpg'), at('truncated.jpg'));
  truncateSync(at('truncated.jpg'), Math.floor(statSync(at('photo.jpg')).size / 2));
  await quadrants(640, 480).png().toFile(at('photo.png'));
  copyFileSync(at('photo.png'), at('truncated.png'));
  truncateSync(at('truncated.png'), Math.floor(statSync(at('photo.png')).size / 2));
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=160x120:r=10:d=2',
    '-frames:v',
    '1',
    '-c:v',
    'bmp',
    '-f',
    'image2',
    at('photo.bmp'),
  );
  copyFileSync(at('photo.bmp'), at('truncated.bmp'));
  truncateSync(at('truncated.bmp'), 2000);
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=160x120:r=10:d=2', '-pix_fmt', 'yuv420p', at('clip.mp4'));
  copyFileSync(at('clip.mp4'), at('truncated.mp4'));
  truncateSync(at('truncated.mp4'), Math.floor(statSync(at('clip.mp4')).size / 2));
  // An MP4 signature followed by garbage.
  writeFileSync(
    at('garbage.mp4'),
    Buffer.concat([Buffer.from('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(5000, 0x5a)]),
  );
  writeFileSync(at('empty.jpg'), Buffer.alloc(0));
});

describe('limits', () => {
  it('a file over maxBytes is FILE_TOO_LARGE (4002) before anything reads it', async () => {
    await expect(inspectMedia(at('photo.jpg'), { maxBytes: 1000 })).rejects.toMatchObject({ code: 4002 });
    await expect(inspectMedia(at('photo.jpg'), { maxBytes: 1000 })).rejects.toThrow(/limit/);
  });

  it('a photo over maxPixels is FILE_TOO_LARGE with a pixel-count message', async () => {
    await expect(inspectMedia(at('photo.jpg'), { maxPixels: 100_000 })).rejects.toMatchObject({ code: 4002 });
    await expect(inspectMedia(at('photo.jpg'), { maxPixels: 100_000 })).rejects.toThrow(/640x480 pixels/);
  });

  it('a decompression bomb (tiny PNG claiming 100000x100000) is refused quickly, without decoding', async () => {
    expect(statSync(at('bomb.png')).size).toBeLessThan(100);
    const t = performance.now();
    const e = await inspectMedia(at('bomb.png')).catch(
      (err: unknown) => err as { code: number; message: string },
    );
    expect(e).toMatchObject({ code: 4002 });
    expect((e as { message: string }).message).toMatch(/100000x100000 pixels \(10000 megapixels\)/);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(
      await rejectedKey(
        prepareImage(at('bomb.png'), { width: 64, height: 64, fit: 'cover', cacheDir: at('cache') }),
      ),
    ).toBe('FILE_TOO_LARGE');
  });

  it('within the limits, the same files pass', async () => {
    const info = await inspectMedia(at('photo.jpg'), { maxBytes: 10_000_000, maxPixels: 1_000_000 });
    expect([info.width, info.height]).toEqual([640, 480]);
  });
});

describe('damaged files are FILE_DAMAGED (4003), never a crash or a hang', () => {
  for (const f of [
    'truncated.jpg',
    'truncated.png',
    'truncated.bmp',
    'truncated.mp4',
    'garbage.mp4',
    'empty.jpg',
  ]) {
    it(f, async () => {
      const t = performance.now();
      expect(await rejectedKey(inspectMedia(at(f)))).toBe('FILE_DAMAGED');
      expect(performance.now() - t).toBeLessThan(10_000);
    });
  }

  it('a truncated photo is refused by prepareImage too', async () => {
    expect(
      await rejectedKey(
        prepareImage(at('truncated.jpg'), { width: 64, height: 64, fit: 'cover', cacheDir: at('cache') }),
      ),
    ).toBe('FILE_DAMAGED');
  });

  it('a missing file is MEDIA_NOT_FOUND (4004)', async () => {
    expect(await rejectedKey(inspectMedia(at('nope.jpg')))).toBe('MEDIA_NOT_FOUND');
  });

  it('ffprobe is killed after its time limit', async () => {
    const t = performance.now();
    // 1 ms is too short for any probe: the call must come back as FILE_DAMAGED, not hang.
    expect(await rejectedKey(probe(at('clip.mp4'), { timeoutMs: 1 }))).toBe('FILE_DAMAGED');
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('an aborted probe rejects with the abort reason', async () => {
    const ac = new AbortController();
    const p = probe(at('clip.mp4'), { signal: ac.signal });
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
