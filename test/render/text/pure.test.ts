import { describe, expect, it } from 'vitest';
import { dilate, div255, withOutlineAndShadow } from '../../../src/render/text/effects.ts';
import { cleanText, escapeMarkup, markupColor, textMarkup } from '../../../src/render/text/markup.ts';
import { placeBlock, textMargins } from '../../../src/render/text/safe-area.ts';
import { TEXT_POSITIONS } from '../../../src/timeline/draft.ts';

describe('markup', () => {
  it('escapes the characters markup reads, and only those', () => {
    expect(escapeMarkup(`<b a="1" c='2'>&amp;</b> ok`)).toBe(
      '&lt;b a=&quot;1&quot; c=&apos;2&apos;&gt;&amp;amp;&lt;/b&gt; ok',
    );
    expect(escapeMarkup('مرحبا 🎉 你好')).toBe('مرحبا 🎉 你好');
  });

  it('replaces what Pango cannot take, keeps tabs and newlines', () => {
    expect(cleanText('a\u0000b\u0007c\td\r\ne\rf\ud800g\u{1F389}')).toBe(
      'a\ufffdb\ufffdc\td\ne\nf\ufffdg\u{1F389}',
    );
  });

  it('takes a colour only as #rrggbb, else white', () => {
    expect(markupColor('#FFCC00')).toBe('#ffcc00');
    expect(markupColor('red" font="99')).toBe('#ffffff');
    expect(markupColor(undefined)).toBe('#ffffff');
    expect(textMarkup('<x>', 'red"><b', 10)).toContain('<span foreground="#ffffff">&lt;x&gt;</span>');
  });
});

describe('outline and shadow', () => {
  it('div255 rounds exactly', () => {
    let wrong = 0;
    for (let x = 0; x <= 255 * 255; x++) if (div255(x) !== Math.round(x / 255)) wrong++;
    expect(wrong).toBe(0);
  });

  it('dilates by a disc, the same as taking the largest value within the radius', () => {
    const w = 23;
    const h = 17;
    const mask = new Uint8Array(w * h);
    for (let i = 0; i < mask.length; i++) mask[i] = (i * 7919) % 97 === 0 ? (i * 31) % 256 : 0;
    for (const r of [1, 2, 3, 5]) {
      const got = dilate(mask, w, h, r);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          let want = 0;
          for (let dy = -r; dy <= r; dy++) {
            for (let dx = -r; dx <= r; dx++) {
              const sx = x + dx;
              const sy = y + dy;
              if (dx * dx + dy * dy > r * r || sx < 0 || sy < 0 || sx >= w || sy >= h) continue;
              want = Math.max(want, mask[sy * w + sx]!);
            }
          }
          expect(got[y * w + x]).toBe(want);
        }
      }
    }
  });

  it('puts a 45% outline around and a 55% shadow below-right of the glyphs, text on top', () => {
    // One opaque white pixel.
    const text = { w: 1, h: 1, data: new Uint8Array([255, 255, 255, 255]) };
    const out = withOutlineAndShadow(text, 1, 2, 4);
    const at = (x: number, y: number): number[] => [
      ...out.data.subarray((y * 9 + x) * 4, (y * 9 + x) * 4 + 4),
    ];
    expect([out.w, out.h]).toEqual([9, 9]);
    expect(at(4, 4)).toEqual([255, 255, 255, 255]);
    expect(at(3, 4)).toEqual([0, 0, 0, 115]); // outline
    expect(at(3, 3)).toEqual([0, 0, 0, 0]); // a disc of radius 1 has no corners
    expect(at(6, 6)).toEqual([0, 0, 0, 140]); // shadow
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
  });
});

describe('placement', () => {
  it('every position, any block size: even, inside the safe area when it fits, else inside the canvas', () => {
    for (const [W, H] of [
      [1920, 1080],
      [1080, 1920],
      [322, 182],
    ] as const) {
      const m = textMargins(W, H);
      for (const pos of TEXT_POSITIONS) {
        for (const [w, h] of [
          [2, 2],
          [100, 40],
          [W - 2 * m.side, 60],
          [W - 2 * m.side - 1 + ((W - 2 * m.side - 1) % 2), H - m.top - m.bottom],
          [W, H],
        ] as const) {
          const { x, y } = placeBlock(pos, { w, h, bandTop: 0.2 * h, bandBottom: 0.8 * h }, W, H);
          expect(x % 2).toBe(0);
          expect(y % 2).toBe(0);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(x + w).toBeLessThanOrEqual(W);
          expect(y + h).toBeLessThanOrEqual(H);
          if (w <= W - 2 * m.side - 1) {
            expect(x).toBeGreaterThanOrEqual(m.side);
            expect(x + w).toBeLessThanOrEqual(W - m.side);
          }
          if (h <= H - m.top - m.bottom - 1) {
            expect(y).toBeGreaterThanOrEqual(m.top);
            expect(y + h).toBeLessThanOrEqual(H - m.bottom);
          }
        }
      }
    }
  });
});
