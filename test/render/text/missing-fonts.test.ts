import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareTextOverlays } from '../../../src/render/text/index.ts';
import { textPixels } from '../../../src/render/text/safe-area.ts';
import {
  colourShare,
  glyphMask,
  maskDistance,
  NOTO,
  overlayOf,
  referenceMask,
  textDraft,
  type Mask,
} from './helpers.ts';

const run = promisify(execFile);
const PX = textPixels(undefined, 1280, 720);
const here = path.dirname(new URL(import.meta.url).pathname);
const assets = path.resolve(here, '../../../assets/fonts');
let dir = '';
let conf = '';

interface ChildResult {
  warnings: string[];
  colour: number;
  mask: Mask;
}

const TEXTS = { emoji: 'Happy birthday 🎉', Arabic: 'مرحبا بالعالم', Hebrew: 'שלום עולם' };
let without: Record<keyof typeof TEXTS, ChildResult>;

/** The titles as a machine with only the bundled font draws them (fontconfig sees no system fonts). */
async function withoutSystemFonts(texts: string[], fontDir?: string): Promise<ChildResult[]> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'render-child.ts'),
      JSON.stringify(texts),
      ...(fontDir ? [fontDir] : []),
    ],
    { env: { ...process.env, FONTCONFIG_FILE: conf } },
  );
  const all = JSON.parse(stdout) as {
    warnings: string[];
    colour: number;
    mask: { w: number; h: number; data: string };
  }[];
  return all.map((r) => ({
    ...r,
    mask: { w: r.mask.w, h: r.mask.h, data: new Uint8Array(Buffer.from(r.mask.data, 'base64')) },
  }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-fonts-'));
  conf = path.join(dir, 'fonts.conf');
  await writeFile(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${assets}</dir>\n  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  const [emoji, arabic, hebrew] = await withoutSystemFonts([TEXTS.emoji, TEXTS.Arabic, TEXTS.Hebrew]);
  without = { emoji: emoji!, Arabic: arabic!, Hebrew: hebrew! };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('titles where the emoji, Arabic and Hebrew fonts are missing', () => {
  it('colour emoji: here in colour and shaped like the emoji font; without it, grey boxes and a message', async () => {
    const here = await overlayOf({ text: TEXTS.emoji });
    expect(colourShare(here)).toBeGreaterThan(0.01);
    expect(without.emoji.colour).toBe(0);
    const emojiRef = await referenceMask(
      '🎉',
      '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
      'Noto Color Emoji',
      PX,
    );
    // The emoji is the last ~emoji-width columns of the title.
    const tail = (m: Mask): Mask => {
      const w = emojiRef.w;
      const data = new Uint8Array(w * m.h);
      for (let y = 0; y < m.h; y++) data.set(m.data.subarray(y * m.w + m.w - w, y * m.w + m.w), y * w);
      return { w, h: m.h, data };
    };
    expect(maskDistance(tail(glyphMask(here)), emojiRef)).toBeLessThan(0.25);
    expect(maskDistance(tail(without.emoji.mask), emojiRef)).toBeGreaterThan(0.8);
    expect(without.emoji.warnings.join('\n')).toMatch(/emoji.*fonts-noto-color-emoji/);
  });

  for (const name of ['Arabic', 'Hebrew'] as const) {
    it(`${name}: without its font, boxes unlike the real glyphs, and a message naming the package`, async () => {
      const mine = glyphMask(await overlayOf({ text: TEXTS[name] }));
      expect(maskDistance(mine, without[name].mask)).toBeGreaterThan(0.8);
      expect(without[name].warnings.join('\n')).toContain(name);
      expect(without[name].warnings.join('\n')).toContain('fonts-noto-core');
    });
  }

  it('a fonts folder given to the render fills in for a missing system font', async () => {
    const fonts = path.join(dir, 'extra');
    await mkdir(fonts);
    await copyFile(`${NOTO}/NotoSansArabic-Regular.ttf`, path.join(fonts, 'NotoSansArabic-Regular.ttf'));
    const [arabic] = await withoutSystemFonts([TEXTS.Arabic], fonts);
    const ref = await referenceMask(
      TEXTS.Arabic,
      `${NOTO}/NotoSansArabic-Regular.ttf`,
      'Noto Sans Arabic',
      PX,
    );
    expect(maskDistance(arabic!.mask, ref)).toBeLessThan(0.2);
    expect(arabic!.warnings).toEqual([]);
  });

  it('says nothing when the fonts are there', async () => {
    const warnings: string[] = [];
    await prepareTextOverlays(textDraft([{ text: 'Hello مرحبا 🎉 שלום' }]), {
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
  });
});
