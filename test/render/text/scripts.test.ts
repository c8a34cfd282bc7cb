import { describe, expect, it } from 'vitest';
import { textPixels } from '../../../src/render/text/safe-area.ts';
import {
  colourCentreX,
  colourShare,
  glyphMask,
  maskDistance,
  NOTO,
  overlayOf,
  referenceMask,
  WQY,
} from './helpers.ts';

const PX = textPixels(undefined, 1280, 720);
const STACK = 'WenQuanYi Micro Hei,Noto Sans Arabic,Noto Sans Hebrew,Noto Color Emoji';
/** Code points no font has a glyph for: Pango draws its "missing glyph" boxes. */
const tofu = (n: number): string => '\u0378'.repeat(n);

const cases = [
  { name: 'CJK', text: '你好世界', file: WQY, family: 'WenQuanYi Micro Hei' },
  {
    name: 'Arabic',
    text: 'مرحبا بالعالم',
    file: `${NOTO}/NotoSansArabic-Regular.ttf`,
    family: 'Noto Sans Arabic',
  },
  {
    name: 'Hebrew',
    text: 'שלום עולם',
    file: `${NOTO}/NotoSansHebrew-Regular.ttf`,
    family: 'Noto Sans Hebrew',
  },
  {
    name: 'emoji',
    text: '🎉🎂',
    file: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
    family: 'Noto Color Emoji',
  },
  { name: 'mixed', text: 'Hello مرحبا 🎉 שלום 你好', file: WQY, family: STACK },
  { name: 'Latin with emoji', text: 'Happy birthday 🎉', file: WQY, family: STACK },
];

describe('titles draw the glyphs of every script (no tofu)', () => {
  for (const c of cases) {
    it(`${c.name}: the same shapes as the string drawn from its font, unlike missing-glyph boxes`, async () => {
      const mine = glyphMask(await overlayOf({ text: c.text }));
      const ref = await referenceMask(c.text, c.file, c.family, PX);
      const boxes = await referenceMask(tofu([...c.text].length), c.file, c.family, PX);
      const same = maskDistance(mine, ref);
      const unlike = maskDistance(boxes, ref);
      expect(Math.abs(mine.w - ref.w)).toBeLessThanOrEqual(2);
      expect(Math.abs(mine.h - ref.h)).toBeLessThanOrEqual(2);
      expect(same).toBeLessThan(0.2);
      // The measure tells glyphs from boxes: boxes are far from the reference, and so would a title be.
      expect(unlike).toBeGreaterThan(0.8);
      expect(maskDistance(mine, boxes)).toBeGreaterThan(0.8);
    });
  }
});

describe('shaping, direction and colour', () => {
  it('colour emoji keep their colours; white text has none', async () => {
    expect(colourShare(await overlayOf({ text: '🎉🎂🌈' }))).toBeGreaterThan(0.3);
    expect(colourShare(await overlayOf({ text: 'Happy birthday' }))).toBe(0);
  });

  it('right-to-left: an emoji after Arabic or Hebrew words stands at their left, after Latin at its right', async () => {
    for (const rtl of ['مرحبا بالعالم 🎉', 'שלום עולם 🎉']) {
      const o = await overlayOf({ text: rtl });
      expect(colourCentreX(o)).toBeLessThan(o.w * 0.25);
    }
    const ltr = await overlayOf({ text: 'Hello world 🎉' });
    expect(colourCentreX(ltr)).toBeGreaterThan(ltr.w * 0.75);
  });

  it('Arabic letters join: the word is narrower than its letters drawn apart, and the same as its font draws it', async () => {
    const word = 'مرحبا';
    const apart = [...word].join('\u200c'); // zero-width non-joiner: each letter in its isolated form
    const joined = glyphMask(await overlayOf({ text: word }));
    const isolated = glyphMask(await overlayOf({ text: apart }));
    expect(joined.w).toBeLessThan(isolated.w * 0.9);
    const ref = await referenceMask(word, `${NOTO}/NotoSansArabic-Regular.ttf`, 'Noto Sans Arabic', PX);
    expect(maskDistance(joined, ref)).toBeLessThan(0.2);
    expect(maskDistance(isolated, ref)).toBeGreaterThan(0.5);
  });
});
