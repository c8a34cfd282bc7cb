import { describe, expect, it } from 'vitest';
import { blackFrame, planes } from '../../../src/render/frame.ts';
import { compositeText, prepareTextOverlays, type TextOverlay } from '../../../src/render/text/index.ts';
import { fadeAt, textWindow } from '../../../src/render/text/timing.ts';
import { colourShare, glyphMask, maskDistance, overlayOf, referenceMask, textDraft, WQY } from './helpers.ts';
import { textPixels } from '../../../src/render/text/safe-area.ts';

const W = 1280;
const H = 720;

/** Brightest luma of the overlay's box after compositing white text on black at a frame. */
function peakAt(o: TextOverlay, n: number): number {
  const f = blackFrame(W, H);
  compositeText(f, o, n);
  const y = planes(f).y;
  let peak = 0;
  for (let r = 0; r < o.h; r++)
    for (let c = 0; c < o.w; c++) peak = Math.max(peak, y[(o.y + r) * W + o.x + c]!);
  return peak;
}

describe('fades', () => {
  it('ramps in over 250 ms, holds, ramps out, and is not drawn outside its frames', async () => {
    const o = await overlayOf({ text: 'Fade', s: 1000, d: 1000 });
    // 250 ms is 8 frames, but at most a quarter of the 30 frames: 7.
    expect([o.first, o.end, o.fade]).toEqual([30, 60, 7]);
    const full = peakAt(o, 45) - 16;
    expect(full).toBeGreaterThan(200);
    const share = (n: number): number => (peakAt(o, n) - 16) / full;
    expect(share(29)).toBe(0);
    expect(share(60)).toBe(0);
    expect(share(30)).toBeCloseTo(1 / 8, 1);
    expect(share(34)).toBeCloseTo(5 / 8, 1);
    expect(share(36)).toBeCloseTo(7 / 8, 1);
    expect(share(37)).toBe(1);
    expect(share(45)).toBe(1);
    expect(share(59)).toBeCloseTo(1 / 8, 1);
    expect(share(55)).toBeCloseTo(5 / 8, 1);
  });

  it('a short segment fades over a quarter of its frames at most', () => {
    const fps = { num: 30, den: 1 };
    expect(textWindow(0, 200, fps, 90)).toEqual({ first: 0, end: 6, fade: 1 });
    expect(textWindow(0, 100, fps, 90)).toEqual({ first: 0, end: 3, fade: 0 });
    expect(fadeAt({ first: 0, end: 3, fade: 0 }, 0)).toBe(256);
    expect(textWindow(0, 5000, fps, 90)).toEqual({ first: 0, end: 90, fade: 8 });
  });
});

describe('text is text, never markup', () => {
  it('draws <span foreground="red">, &amp; and <b> as the characters typed', async () => {
    const typed = '<span foreground="red">x</span> &amp; <b>';
    const o = await overlayOf({ text: typed });
    expect(colourShare(o)).toBe(0);
    // What Pango would show if the text were read as markup: "x & " (red x, then bold nothing).
    const asMarkup = glyphMask(await overlayOf({ text: 'x & ' }));
    const mine = glyphMask(o);
    expect(mine.w).toBeGreaterThan(asMarkup.w * 5);
    const escaped = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const literal = await referenceMask(escaped, WQY, 'WenQuanYi Micro Hei', textPixels(undefined, W, H));
    expect(maskDistance(mine, literal)).toBeLessThan(0.2);
  });

  it('quotes and a closing tag cannot end the colour span', async () => {
    const o = await overlayOf({ text: `"'></span><span foreground="#ff0000">red`, color: '#00ff00' });
    // Everything is drawn green: no pixel leans red.
    let red = 0;
    for (let i = 0; i < o.cr.length; i++)
      if (o.chromaAlpha[i]! > 200 && o.cr[i]! > o.chromaAlpha[i]! * 0.6) red++;
    expect(red).toBe(0);
    expect(colourShare(o)).toBeGreaterThan(0.3);
  });
});

describe('compositing', () => {
  it('same draft, same overlays, byte for byte', async () => {
    const draft = textDraft([
      { text: 'Happy birthday 🎉', pos: 'top' },
      { text: 'مرحبا بالعالم', pos: 'bottom-right', color: '#ffcc00' },
      { text: '你好世界', pos: 'center' },
    ]);
    const a = await prepareTextOverlays(draft);
    const b = await prepareTextOverlays(structuredClone(draft));
    expect(a).toHaveLength(3);
    expect(b).toEqual(a);
    expect(structuredClone(a)).toEqual(a);
  });

  it('blends premultiplied colour exactly and touches nothing outside the box', async () => {
    const o = await overlayOf({ text: 'Blend 🎉', color: '#3366ff' });
    const f = blackFrame(W, H);
    const p = planes(f);
    for (let i = 0; i < p.y.length; i++) p.y[i] = 16 + ((i * 7919) % 220);
    for (let i = 0; i < p.u.length; i++) {
      p.u[i] = 16 + ((i * 104729) % 225);
      p.v[i] = 16 + ((i * 1299709) % 225);
    }
    const before = f.data.slice();
    const n = o.first + 2; // inside the fade in
    compositeText(f, o, n);
    const k = fadeAt(o, n) / 256;
    const check = (
      plane: 'y' | 'u' | 'v',
      src: Uint8Array,
      alpha: Uint8Array,
      x0: number,
      y0: number,
      w: number,
      h: number,
      pw: number,
      ph: number,
    ) => {
      const off = plane === 'y' ? 0 : plane === 'u' ? W * H : W * H * 1.25;
      let worst = 0;
      let outside = 0;
      for (let y = 0; y < ph; y++) {
        for (let x = 0; x < pw; x++) {
          const i = off + y * pw + x;
          const inBox = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
          if (!inBox) {
            if (f.data[i] !== before[i]) outside++;
            continue;
          }
          const j = (y - y0) * w + (x - x0);
          const want = src[j]! * k + before[i]! * (1 - (alpha[j]! * k) / 255);
          worst = Math.max(worst, Math.abs(f.data[i]! - want));
        }
      }
      expect(outside).toBe(0);
      expect(worst).toBeLessThanOrEqual(1.5);
    };
    check('y', o.luma, o.alpha, o.x, o.y, o.w, o.h, W, H);
    check('u', o.cb, o.chromaAlpha, o.x / 2, o.y / 2, o.w / 2, o.h / 2, W / 2, H / 2);
    check('v', o.cr, o.chromaAlpha, o.x / 2, o.y / 2, o.w / 2, o.h / 2, W / 2, H / 2);
  });

  it('white text reads as white and a colour as that colour (BT.709 limited range)', async () => {
    const white = await overlayOf({ text: 'WWW', size: 0.2 });
    const blue = await overlayOf({ text: 'WWW', size: 0.2, color: '#0000ff' });
    const opaque = (o: TextOverlay): number => o.alpha.findIndex((a) => a === 255);
    expect(white.luma[opaque(white)]).toBe(235);
    expect(blue.luma[opaque(blue)]).toBe(32); // 16 + 219 × 0.0722
    const ci = blue.chromaAlpha.findIndex((a) => a === 255);
    expect([blue.cb[ci], blue.cr[ci]]).toEqual([240, 118]);
  });

  it('an overlay partly off the canvas is clipped, never written out of bounds', () => {
    const o: TextOverlay = {
      x: W - 4,
      y: H - 4,
      w: 8,
      h: 8,
      first: 0,
      end: 10,
      fade: 0,
      luma: new Uint8Array(64).fill(235),
      alpha: new Uint8Array(64).fill(255),
      cb: new Uint8Array(16).fill(128),
      cr: new Uint8Array(16).fill(128),
      chromaAlpha: new Uint8Array(16).fill(255),
    };
    const f = blackFrame(W, H);
    compositeText(f, o, 5);
    const y = planes(f).y;
    expect(y[(H - 1) * W + W - 1]).toBe(235);
    expect(y[(H - 5) * W + W - 5]).toBe(16);
    expect(f.data.length).toBe((W * H * 3) / 2);
  });
});
