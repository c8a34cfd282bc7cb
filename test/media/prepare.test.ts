import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareImage } from '../../src/media/prepare.ts';
import { inspectMedia } from '../../src/media/inspect.ts';
import {
  BLUE,
  ffmpeg,
  GREEN,
  near,
  pixelAt,
  quadrantColours,
  quadrants,
  RED,
  tempDir,
  WHITE,
} from './helpers.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const at = (name: string): string => path.join(dir, name);
const cacheDir = at('cache');

beforeAll(async () => {
  await quadrants(400, 200).jpeg({ quality: 95 }).toFile(at('wide.jpg'));
  // Left half fully transparent, right half opaque red.
  const rgba = Buffer.alloc(64 * 64 * 4);
  for (let y = 0; y < 64; y++) for (let x = 32; x < 64; x++) rgba.set([255, 0, 0, 255], (y * 64 + x) * 4);
  await sharp(rgba, { raw: { width: 64, height: 64, channels: 4 } })
    .png()
    .toFile(at('alpha.png'));
  await sharp(rgba, { raw: { width: 64, height: 64, channels: 4 } })
    .webp({ lossless: true })
    .toFile(at('alpha.webp'));
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'color=c=0x00ff00:s=64x48:d=1',
    '-frames:v',
    '1',
    '-c:v',
    'bmp',
    '-f',
    'image2',
    at('green.bmp'),
  );
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=96x64:r=10:d=1', at('anim.gif'));
});

describe('fits', () => {
  it('cover fills the canvas and crops the centre', async () => {
    // 400x200 onto 200x200: the middle 200 columns stay, so red/green meet at the centre line.
    const p = await prepareImage(at('wide.jpg'), { width: 200, height: 200, fit: 'cover', cacheDir });
    const q = await quadrantColours(p.path);
    expect([q.width, q.height]).toEqual([200, 200]);
    expect(near(q.tl, RED) && near(q.tr, GREEN) && near(q.bl, BLUE) && near(q.br, WHITE)).toBe(true);
  });

  it('contain letterboxes on black', async () => {
    const p = await prepareImage(at('wide.jpg'), { width: 200, height: 200, fit: 'contain', cacheDir });
    expect(near(await pixelAt(p.path, 0.5, 0.1), [0, 0, 0], 4)).toBe(true); // bar above
    expect(near(await pixelAt(p.path, 0.5, 0.9), [0, 0, 0], 4)).toBe(true); // bar below
    expect(near(await pixelAt(p.path, 0.1, 0.4), RED)).toBe(true); // photo, scaled to 200x100
  });

  it('blur puts a darkened, blurred copy where contain has black bars', async () => {
    const p = await prepareImage(at('wide.jpg'), { width: 200, height: 200, fit: 'blur', cacheDir });
    const bar = await pixelAt(p.path, 0.1, 0.05);
    expect(Math.max(...bar)).toBeGreaterThan(20); // not black
    expect(bar[0]).toBeLessThan(220); // darker than the red it copies
    expect(near(await pixelAt(p.path, 0.1, 0.4), RED)).toBe(true);
    const m = await sharp(p.path).metadata();
    expect([m.width, m.height, m.hasAlpha]).toEqual([200, 200, false]);
  });

  it('blur shows a transparent area of the photo over the blurred background, not white or black', async () => {
    // The 64x64 photo (left half transparent, right half red) contained in 128x64: it spans x 32-96.
    const p = await prepareImage(at('alpha.png'), { width: 128, height: 64, fit: 'blur', cacheDir });
    const hole = await pixelAt(p.path, 0.375, 0.5); // the photo's transparent half
    expect(Math.max(...hole)).toBeLessThan(220);
    expect(Math.min(...hole)).toBeGreaterThan(40);
    expect(near(await pixelAt(p.path, 0.625, 0.5), RED, 8)).toBe(true); // its opaque half
    const m = await sharp(p.path).metadata();
    expect([m.width, m.height, m.hasAlpha]).toEqual([128, 64, false]);
  });

  it('small photos are enlarged to the canvas', async () => {
    const p = await prepareImage(at('wide.jpg'), { width: 800, height: 400, fit: 'cover', cacheDir });
    const m = await sharp(p.path).metadata();
    expect([m.width, m.height]).toEqual([800, 400]);
  });
});

describe('formats', () => {
  for (const f of ['alpha.png', 'alpha.webp']) {
    it(`${f}: transparency is flattened onto white (cover, contain), not black, and no alpha is left`, async () => {
      for (const fit of ['cover', 'contain'] as const) {
        const p = await prepareImage(at(f), { width: 64, height: 64, fit, cacheDir });
        const m = await sharp(p.path).metadata();
        expect(m.hasAlpha).toBe(false);
        expect(near(await pixelAt(p.path, 0.2, 0.5), [255, 255, 255], 4)).toBe(true);
        expect(near(await pixelAt(p.path, 0.8, 0.5), RED, 4)).toBe(true);
      }
    });
  }

  it('BMP is decoded (sharp cannot read it)', async () => {
    const p = await prepareImage(at('green.bmp'), { width: 64, height: 48, fit: 'cover', cacheDir });
    expect(near(await pixelAt(p.path, 0.5, 0.5), GREEN, 4)).toBe(true);
  });

  it('an animated GIF is a clip-like image with a duration, and prepares from its first frame', async () => {
    const info = await inspectMedia(at('anim.gif'));
    expect(info.animated).toBe(true);
    expect(info.durationMs).toBeGreaterThanOrEqual(900);
    expect(info.durationMs).toBeLessThanOrEqual(1100);
    const p = await prepareImage(at('anim.gif'), { width: 96, height: 64, fit: 'cover', cacheDir });
    expect((await sharp(p.path).metadata()).pages ?? 1).toBe(1);
  });

  it('an iPhone-like HEIC (HEVC, rotated by its container) decodes upright at the right size', async () => {
    const heic = path.join(import.meta.dirname, '..', 'fixtures', 'iphone-like.heic');
    const info = await inspectMedia(heic);
    expect([info.kind, info.ext, info.width, info.height]).toEqual(['image', 'heic', 320, 240]);
    expect(info.capturedAt).toBe('2023-07-14T18:30:05+02:00');
    const p = await prepareImage(heic, { width: 320, height: 240, fit: 'contain', cacheDir });
    const q = await quadrantColours(p.path);
    expect([q.width, q.height]).toEqual([320, 240]);
    expect(near(q.tl, RED) && near(q.tr, GREEN) && near(q.bl, BLUE) && near(q.br, WHITE)).toBe(true);
  });
});

describe('colour', () => {
  // sRGB (230, 60, 40) written into a Display P3 file, then prepared: it must come back as sRGB.
  const SRGB: [number, number, number] = [230, 60, 40];

  /** The same colour's Display P3 values, computed independently (linear sRGB -> linear P3, D65). */
  function srgbToP3(c: readonly number[]): number[] {
    const lin = c.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    const m = [
      [0.8225, 0.1774, 0.0],
      [0.0332, 0.9669, 0.0],
      [0.0171, 0.0724, 0.9108],
    ];
    return m.map((row) => {
      const l = row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!;
      const e = l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055;
      return Math.round(255 * e);
    });
  }

  it('a Display P3 photo is converted to sRGB', async () => {
    const file = at('p3.jpg');
    await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: SRGB[0], g: SRGB[1], b: SRGB[2] } },
    })
      .withIccProfile('p3')
      .jpeg({ quality: 98, chromaSubsampling: '4:4:4' })
      .toFile(file);
    // The stored numbers are P3 ones: far from the sRGB ones, close to the computed conversion.
    const stored = await sharp(file, { ignoreIcc: true }).raw().toBuffer();
    const storedRgb = [stored[0]!, stored[1]!, stored[2]!];
    expect(near(storedRgb, srgbToP3(SRGB), 4), `stored ${storedRgb} vs ${srgbToP3(SRGB)}`).toBe(true);
    expect(near(storedRgb, SRGB, 8)).toBe(false);

    const p = await prepareImage(file, { width: 64, height: 64, fit: 'cover', cacheDir });
    const out = await pixelAt(p.path, 0.5, 0.5);
    expect(near(out, SRGB, 4), `prepared ${out}`).toBe(true);
    expect((await sharp(p.path).metadata()).icc).toBeUndefined();
  });
});

describe('cache', () => {
  it('a second call is a cache hit: same file, not written again', async () => {
    const o = { width: 320, height: 180, fit: 'cover' as const, cacheDir: at('cache-hit') };
    const t0 = performance.now();
    const first = await prepareImage(at('wide.jpg'), o);
    const firstMs = performance.now() - t0;
    const mtime = statSync(first.path).mtimeMs;
    const t1 = performance.now();
    const second = await prepareImage(at('wide.jpg'), o);
    const secondMs = performance.now() - t1;
    expect(second.path).toBe(first.path);
    expect(statSync(second.path).mtimeMs).toBe(mtime);
    expect(secondMs).toBeLessThan(firstMs);
  });

  it('the key follows the content, the canvas and the fit', async () => {
    const base = { width: 320, height: 180, fit: 'cover' as const, cacheDir: at('cache-key') };
    const a = await prepareImage(at('wide.jpg'), base);
    const b = await prepareImage(at('wide.jpg'), { ...base, fit: 'contain' });
    const c = await prepareImage(at('wide.jpg'), { ...base, width: 160, height: 90 });
    copyFileSync(at('wide.jpg'), at('wide-copy.jpg'));
    const d = await prepareImage(at('wide-copy.jpg'), base);
    expect(new Set([a.path, b.path, c.path]).size).toBe(3);
    expect(d.path).toBe(a.path); // same bytes, other name: same entry
  });

  it('concurrent prepares of one photo, in this process and in others, leave one intact file', async () => {
    const cache = at('cache-race');
    await quadrants(1200, 900).jpeg({ quality: 92 }).toFile(at('race.jpg'));
    const o = { width: 640, height: 360, fit: 'blur' as const, cacheDir: cache };
    const script = [
      `import { prepareImage } from ${JSON.stringify(path.resolve('src/media/prepare.ts'))};`,
      `const r = await prepareImage(${JSON.stringify(at('race.jpg'))}, ${JSON.stringify(o)});`,
      'process.stdout.write(r.path);',
    ].join('\n');
    const run = promisify(execFile);
    const children = [1, 2].map(() =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]),
    );
    const local = await Promise.all([1, 2, 3, 4].map(() => prepareImage(at('race.jpg'), o)));
    const remote = (await Promise.all(children)).map((c) => c.stdout);
    const paths = new Set([...local.map((r) => r.path), ...remote]);
    expect(paths.size).toBe(1);
    const files = readdirSync(cache);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toHaveLength(1);
    const [only] = [...paths];
    const { info } = await sharp(only!, { failOn: 'warning' }).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([640, 360]);
  });
});
