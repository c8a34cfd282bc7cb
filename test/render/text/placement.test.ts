import { describe, expect, it } from 'vitest';
import { prepareTextOverlays } from '../../../src/render/text/index.ts';
import { textMargins, textPixels } from '../../../src/render/text/safe-area.ts';
import { TEXT_POSITIONS } from '../../../src/timeline/draft.ts';
import { glyphMask, overlayOf, textDraft, type Mask } from './helpers.ts';

const CANVASES = [
  [1280, 720],
  [720, 1280],
] as const;

describe('titles sit inside the safe margins', () => {
  for (const [W, H] of CANVASES) {
    const m = textMargins(W, H);
    const px = textPixels(undefined, W, H);
    for (const pos of TEXT_POSITIONS) {
      it(`${W}x${H} ${pos}: inside the margins, against the edge its position names, on even pixels`, async () => {
        const o = await overlayOf({ text: 'Summer in the mountains\nwith everyone', pos }, W, H);
        for (const v of [o.x, o.y, o.w, o.h]) expect(v % 2).toBe(0);
        expect(o.x).toBeGreaterThanOrEqual(m.side);
        expect(o.x + o.w).toBeLessThanOrEqual(W - m.side);
        expect(o.y).toBeGreaterThanOrEqual(m.top);
        expect(o.y + o.h).toBeLessThanOrEqual(H - m.bottom);
        if (pos.endsWith('left')) expect(o.x - m.side).toBeLessThan(2);
        else if (pos.endsWith('right')) expect(W - m.side - (o.x + o.w)).toBeLessThan(2);
        else expect(Math.abs(o.x + o.w / 2 - W / 2)).toBeLessThanOrEqual(1);
        // Vertically the lines' band sits on the margin: the ink starts within the line's leading.
        if (pos.startsWith('top')) expect(o.y - m.top).toBeLessThan(0.4 * px);
        else if (pos.startsWith('bottom')) expect(H - m.bottom - (o.y + o.h)).toBeLessThan(0.4 * px);
        else expect(Math.abs(o.y + o.h / 2 - H / 2)).toBeLessThan(0.4 * px);
      });
    }
  }

  it('sizes text by the shorter side: a title looks the same on vertical and landscape', async () => {
    const landscape = await overlayOf({ text: 'Hi there', size: 0.08 }, 1920, 1080);
    const vertical = await overlayOf({ text: 'Hi there', size: 0.08 }, 1080, 1920);
    expect([vertical.w, vertical.h]).toEqual([landscape.w, landscape.h]);
    const smaller = await overlayOf({ text: 'Hi there', size: 0.04 }, 1920, 1080);
    expect(smaller.h).toBeLessThan(landscape.h * 0.6);
  });

  it('captions at one position share a baseline, whatever their letters', async () => {
    const bottomRow = async (text: string): Promise<number> => {
      const o = await overlayOf({ text, pos: 'bottom' });
      const g = glyphMask(o);
      // glyphMask is cropped to the ink; the overlay's ink starts at o.y + (o.h - outline/shadow…):
      // find the glyphs' last row on the canvas by scanning the uncropped overlay instead.
      let last = -1;
      for (let r = 0; r < o.h; r++) for (let c = 0; c < o.w; c++) if (o.luma[r * o.w + c]! > 150) last = r;
      expect(g.h).toBeGreaterThan(0);
      return o.y + last;
    };
    const a = await bottomRow('aaa');
    const cap = await bottomRow('AAA');
    const g = await bottomRow('ggg');
    expect(Math.abs(a - cap)).toBeLessThanOrEqual(1);
    expect(g - a).toBeGreaterThan(5);
  });

  it('long texts wrap and shrink into the safe area; a word longer than a line is cut', async () => {
    const W = 1280;
    const H = 720;
    const m = textMargins(W, H);
    const long =
      'A very long caption about our summer holiday in the mountains with everyone we love '.repeat(6);
    const overlays = await prepareTextOverlays(
      textDraft(
        [
          { text: long.slice(0, 500), size: 0.3 },
          { text: 'x'.repeat(500), pos: 'top' },
          { text: '🎉'.repeat(200), pos: 'bottom' },
          { text: '你好世界'.repeat(100), pos: 'bottom-right' },
        ],
        W,
        H,
      ),
    );
    expect(overlays).toHaveLength(4);
    for (const o of overlays) {
      expect(o.x).toBeGreaterThanOrEqual(m.side);
      expect(o.x + o.w).toBeLessThanOrEqual(W - m.side);
      expect(o.y).toBeGreaterThanOrEqual(m.top);
      expect(o.y + o.h).toBeLessThanOrEqual(H - m.bottom);
      expect(o.h).toBeGreaterThan(8);
    }
  });

  it('a text of spaces or empty lines draws nothing; control characters do not break it', async () => {
    const overlays = await prepareTextOverlays(
      textDraft([{ text: '   ' }, { text: '\n\n' }, { text: 'a\u0000b\u0007c\ud800' }]),
    );
    expect(overlays).toHaveLength(1);
    expect(overlays[0]!.w).toBeGreaterThan(20);
  });

  it('a segment past the end of the video or of no frame is left out', async () => {
    const overlays = await prepareTextOverlays(
      textDraft([
        { text: 'after the end', s: 5000, d: 1000 },
        { text: 'too short', s: 1000, d: 10 },
        { text: 'cut at the end', s: 2500, d: 2000 },
      ]),
    );
    expect(overlays.map((o) => [o.first, o.end])).toEqual([[75, 90]]);
  });
});

/** Bands of rows with glyphs (the lines), each with its leftmost and rightmost glyph column. */
function lineBands(m: Mask): { top: number; bottom: number; left: number; right: number }[] {
  const bands: { top: number; bottom: number; left: number; right: number }[] = [];
  let cur: (typeof bands)[number] | undefined;
  for (let y = 0; y < m.h; y++) {
    let left = -1;
    let right = -1;
    for (let x = 0; x < m.w; x++) {
      if (m.data[y * m.w + x]! < 64) continue;
      if (left < 0) left = x;
      right = x;
    }
    if (left < 0) {
      cur = undefined;
      continue;
    }
    if (!cur) {
      cur = { top: y, bottom: y, left, right };
      bands.push(cur);
    } else {
      cur.bottom = y;
      cur.left = Math.min(cur.left, left);
      cur.right = Math.max(cur.right, right);
    }
  }
  return bands;
}

describe('lines', () => {
  it('wraps a long title into at most three lines, and keeps the lines the user typed', async () => {
    const wrapped = lineBands(
      glyphMask(
        await overlayOf({ text: 'Our summer holiday in the mountains with everyone we love', size: 0.12 }),
      ),
    );
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.length).toBeLessThanOrEqual(3);
    const typed = lineBands(glyphMask(await overlayOf({ text: 'one\ntwo\nthree\nfour\nfive', size: 0.05 })));
    expect(typed).toHaveLength(5);
  });

  it('Arabic lines align to the side the position names (right-to-left text mirrored correctly)', async () => {
    const text = 'مرحبا بالعالم، هذه رحلتنا الصيفية إلى الجبال مع كل من نحب';
    for (const [pos, side] of [
      ['top-right', 'right'],
      ['top-left', 'left'],
      ['top', 'centre'],
    ] as const) {
      const lines = lineBands(glyphMask(await overlayOf({ text, pos, size: 0.09 })));
      expect(lines).toHaveLength(2);
      const [a, b] = lines as [(typeof lines)[0], (typeof lines)[0]];
      expect(b.right - b.left).toBeLessThan((a.right - a.left) * 0.8);
      if (side === 'right') expect(Math.abs(a.right - b.right)).toBeLessThanOrEqual(3);
      else if (side === 'left') expect(Math.abs(a.left - b.left)).toBeLessThanOrEqual(3);
      else expect(Math.abs(a.left + a.right - b.left - b.right)).toBeLessThanOrEqual(4);
    }
  });
});

describe('fonts folder', () => {
  it('one that cannot be read is warned about and the titles still render', async () => {
    const warnings: string[] = [];
    const overlays = await prepareTextOverlays(textDraft([{ text: 'Still here' }]), {
      fontDir: '/nonexistent/fonts',
      onWarning: (m) => warnings.push(m),
    });
    expect(overlays).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/fonts folder \/nonexistent\/fonts cannot be read \(ENOENT\)/);
  });
});
