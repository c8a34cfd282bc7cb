import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMedia } from '../../src/media/inspect.ts';
import { sniff } from '../../src/media/sniff.ts';
import { ffmpeg, quadrants, tempDir } from './helpers.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const at = (name: string): string => path.join(dir, name);
const V = ['-f', 'lavfi', '-i', 'testsrc=s=96x64:r=5:d=1'];
const A = ['-f', 'lavfi', '-i', 'sine=f=440:d=1'];

// Every accepted type, saved under a misleading name: detection must go by content.
const accepted: Array<{ file: string; kind: string; ext: string; make: () => Promise<void> | void }> = [
  {
    file: 'jpeg.png',
    kind: 'image',
    ext: 'jpg',
    make: () =>
      quadrants(64, 48)
        .jpeg()
        .toFile(at('jpeg.png'))
        .then(() => undefined),
  },
  {
    file: 'png.jpg',
    kind: 'image',
    ext: 'png',
    make: () =>
      quadrants(64, 48)
        .png()
        .toFile(at('png.jpg'))
        .then(() => undefined),
  },
  {
    file: 'webp.gif',
    kind: 'image',
    ext: 'webp',
    make: () =>
      quadrants(64, 48)
        .webp()
        .toFile(at('webp.gif'))
        .then(() => undefined),
  },
  {
    file: 'gif.webp',
    kind: 'image',
    ext: 'gif',
    make: () =>
      quadrants(64, 48)
        .gif()
        .toFile(at('gif.webp'))
        .then(() => undefined),
  },
  {
    file: 'bmp.png',
    kind: 'image',
    ext: 'bmp',
    make: () => ffmpeg(...V, '-frames:v', '1', '-f', 'image2', '-c:v', 'bmp', at('bmp.png')),
  },
  {
    file: 'mp4.mov',
    kind: 'video',
    ext: 'mp4',
    make: () => ffmpeg(...V, ...A, '-shortest', '-pix_fmt', 'yuv420p', '-f', 'mp4', at('mp4.mov')),
  },
  {
    file: 'mov.mp4',
    kind: 'video',
    ext: 'mov',
    make: () => ffmpeg(...V, '-pix_fmt', 'yuv420p', '-f', 'mov', at('mov.mp4')),
  },
  {
    file: 'webm.mkv',
    kind: 'video',
    ext: 'webm',
    make: () => ffmpeg(...V, '-c:v', 'libvpx', '-f', 'webm', at('webm.mkv')),
  },
  { file: 'mkv.webm', kind: 'video', ext: 'mkv', make: () => ffmpeg(...V, '-f', 'matroska', at('mkv.webm')) },
  { file: 'avi.mp4', kind: 'video', ext: 'avi', make: () => ffmpeg(...V, '-f', 'avi', at('avi.mp4')) },
  { file: 'mp3.wav', kind: 'audio', ext: 'mp3', make: () => ffmpeg(...A, '-f', 'mp3', at('mp3.wav')) },
  {
    file: 'bare-mp3.m4a',
    kind: 'audio',
    ext: 'mp3',
    make: () => ffmpeg(...A, '-write_xing', '0', '-id3v2_version', '0', '-f', 'mp3', at('bare-mp3.m4a')),
  },
  { file: 'wav.mp3', kind: 'audio', ext: 'wav', make: () => ffmpeg(...A, '-f', 'wav', at('wav.mp3')) },
  {
    file: 'm4a.mp3',
    kind: 'audio',
    ext: 'm4a',
    make: () => ffmpeg(...A, '-c:a', 'aac', '-f', 'ipod', at('m4a.mp3')),
  },
  // An MP4 brand with sound only is music; an m4a with cover art is still music.
  {
    file: 'sound-only.mp4',
    kind: 'audio',
    ext: 'm4a',
    make: () => ffmpeg(...A, '-c:a', 'aac', '-f', 'mp4', at('sound-only.mp4')),
  },
  {
    file: 'cover-art.m4a',
    kind: 'audio',
    ext: 'm4a',
    make: async () => {
      await quadrants(64, 64).png().toFile(at('cover.png'));
      ffmpeg(
        ...A,
        '-i',
        at('cover.png'),
        '-map',
        '0',
        '-map',
        '1',
        '-c:a',
        'aac',
        '-c:v',
        'png',
        '-disposition:v',
        'attached_pic',
        '-f',
        'ipod',
        at('cover-art.m4a'),
      );
    },
  },
  {
    file: 'adts.mp3',
    kind: 'audio',
    ext: 'aac',
    make: () => ffmpeg(...A, '-c:a', 'aac', '-f', 'adts', at('adts.mp3')),
  },
  {
    file: 'opus.webm',
    kind: 'audio',
    ext: 'webm',
    make: () => ffmpeg(...A, '-c:a', 'libopus', '-f', 'webm', at('opus.webm')),
  },
];

beforeAll(async () => {
  for (const a of accepted) await a.make();
});

describe('sniff: accepted types by content, whatever the name', () => {
  for (const a of accepted) {
    it(`${a.file} is ${a.kind}/${a.ext}`, async () => {
      const s = await sniff(at(a.file));
      expect([s.kind, s.ext]).toEqual([a.kind, a.ext]);
      const info = await inspectMedia(at(a.file));
      expect([info.kind, info.ext]).toEqual([a.kind, a.ext]);
      if (info.kind !== 'image') expect(info.durationMs).toBeGreaterThan(500);
      if (info.kind !== 'audio') expect(info.width).toBeGreaterThan(0);
    });
  }

  it('an iPhone-like HEIC named .jpg is a heic photo', async () => {
    copyFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'iphone-like.heic'), at('iphone.jpg'));
    const s = await sniff(at('iphone.jpg'));
    expect([s.kind, s.ext, s.mime]).toEqual(['image', 'heic', 'image/heic']);
  });
});

describe('sniff: refused types are UNSUPPORTED_TYPE (4001) and say what they look like', () => {
  const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const refused: Array<{ file: string; looksLike: RegExp; make: () => void }> = [
    { file: 'report.jpg', looksLike: /PDF document/, make: () => writeFileSync(at('report.jpg'), pdf) },
    {
      file: 'notes.jpg',
      looksLike: /text file/,
      make: () => writeFileSync(at('notes.jpg'), 'Shopping list:\n- eggs\n- milk\n'),
    },
    {
      file: 'drawing.png',
      looksLike: /SVG drawing/,
      make: () => writeFileSync(at('drawing.png'), '<svg xmlns="http://www.w3.org/2000/svg"/>'),
    },
    {
      file: 'song.mp3',
      looksLike: /FLAC/,
      make: () => ffmpeg(...A, '-c:a', 'flac', '-f', 'flac', at('song.mp3')),
    },
    {
      file: 'song.m4a',
      looksLike: /Ogg/,
      make: () => ffmpeg(...A, '-c:a', 'libvorbis', '-f', 'ogg', at('song.m4a')),
    },
    {
      file: 'archive.jpg',
      looksLike: /ZIP archive/,
      make: () => writeFileSync(at('archive.jpg'), zipOfOneFile()),
    },
    { file: 'scan.jpg', looksLike: /TIFF image/, make: () => void 0 },
    {
      file: 'noise.jpg',
      looksLike: /could not be recognised/,
      make: () => writeFileSync(at('noise.jpg'), noise(4096)),
    },
  ];
  beforeAll(async () => {
    for (const r of refused) r.make();
    await quadrants(32, 32).tiff().toFile(at('scan.jpg'));
  });
  for (const r of refused) {
    it(`${r.file} is refused`, async () => {
      const e = await inspectMedia(at(r.file)).then(
        () => undefined,
        (err: unknown) => err as { code: number; message: string },
      );
      expect(e?.code).toBe(4001);
      expect(e?.message).toMatch(r.looksLike);
    });
  }
});

/** Bytes from a fixed linear congruential sequence: not any format's signature. */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = (x >>> 16) & 0xff;
  }
  b[0] = 0x01; // no text, no known magic
  b[1] = 0x00;
  return b;
}

/** A minimal ZIP archive holding one stored file. */
function zipOfOneFile(): Buffer {
  const name = Buffer.from('a.txt');
  const data = Buffer.from('hi');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, name, data]);
}
