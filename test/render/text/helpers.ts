import sharp from 'sharp';
import { blackFrame, planes, type Frame } from '../../../src/render/frame.ts';
import { compositeText, prepareTextOverlays, type TextOverlay } from '../../../src/render/text/index.ts';
import { parseDraft, type TextPosition } from '../../../src/timeline/draft.ts';

export const NOTO = '/usr/share/fonts/truetype/noto';
export const WQY = new URL('../../../assets/fonts/wqy-microhei.ttc', import.meta.url).pathname;

export interface Seg {
  text: string;
  pos?: TextPosition;
  color?: string;
  size?: number;
  s?: number;
  d?: number;
}

/** A 3 s draft at 30 fps on a w×h canvas with the given text segments on one text track. */
export function textDraft(segs: Seg[], w = 1280, h = 720) {
  return parseDraft({
    v: 1,
    w,
    h,
    fps: 30,
    t: [
      { tt: 0, sg: [{ src: 'a', d: 3000 }] },
      {
        tt: 7,
        sg: segs.map((g) => ({
          text: g.text,
          s: g.s ?? 0,
          d: g.d ?? 3000,
          m: {
            ...(g.pos ? { pos: g.pos } : {}),
            ...(g.color ? { color: g.color } : {}),
            ...(g.size ? { size: g.size } : {}),
          },
        })),
      },
    ],
  });
}

/** The one overlay of a single segment. */
export async function overlayOf(seg: Seg, w = 1280, h = 720): Promise<TextOverlay> {
  const overlays = await prepareTextOverlays(textDraft([seg], w, h));
  if (overlays.length !== 1) throw new Error(`expected one overlay, got ${overlays.length}`);
  return overlays[0]!;
}

/** A grey-scale coverage image (0..255), rows packed. */
export interface Mask {
  w: number;
  h: number;
  data: Uint8Array;
}

/**
 * What a viewer sees of white text over black: the overlay composited (fully faded in) on a black
 * frame, as coverage 0..255 (outline and shadow are black, so only the glyphs show), cropped to its ink.
 */
export function glyphMask(o: TextOverlay, frameW = 1280, frameH = 720): Mask {
  const f = blackFrame(frameW, frameH);
  compositeText(f, o, o.first + o.fade);
  const y = planes(f).y;
  const m = new Uint8Array(o.w * o.h);
  for (let r = 0; r < o.h; r++) {
    for (let c = 0; c < o.w; c++) {
      m[r * o.w + c] = Math.min(255, Math.round(((y[(o.y + r) * frameW + o.x + c]! - 16) * 255) / 219));
    }
  }
  return trim({ w: o.w, h: o.h, data: m });
}

/** Crops a mask to the pixels above 0. */
export function trim(m: Mask, threshold = 0): Mask {
  let x0 = m.w;
  let y0 = m.h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < m.h; y++) {
    for (let x = 0; x < m.w; x++) {
      if (m.data[y * m.w + x]! <= threshold) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return { w: 0, h: 0, data: new Uint8Array(0) };
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) data.set(m.data.subarray((y0 + y) * m.w + x0, (y0 + y) * m.w + x0 + w), y * w);
  return { w, h, data };
}

/**
 * Reference: the string (no markup characters in it) drawn white by Pango from one named font file, as
 * coverage cropped to its ink. Colour glyphs (emoji) count by their luminance over black.
 */
export async function referenceMask(
  text: string,
  fontfile: string,
  family: string,
  px: number,
): Promise<Mask> {
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="white">${text}</span>`,
      font: `${family} ${px}`,
      fontfile,
      rgba: true,
      dpi: 72,
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const m = new Uint8Array(info.width * info.height);
  for (let i = 0; i < m.length; i++) {
    const a = data[i * 4 + 3]! / 255;
    const l = 0.2126 * data[i * 4]! + 0.7152 * data[i * 4 + 1]! + 0.0722 * data[i * 4 + 2]!;
    m[i] = Math.round(l * a);
  }
  return trim({ w: info.width, h: info.height, data: m });
}

/**
 * How unlike two masks are: 0 for the same picture, 1 or more for unrelated ones. The masks are laid
 * over each other by their top-left corners, shifted by up to one pixel each way (rounding of where the
 * ink starts), and compared as sum |a − b| over the mean of sum a and sum b, at the best shift.
 */
export function maskDistance(a: Mask, b: Mask): number {
  const w = Math.max(a.w, b.w) + 2;
  const h = Math.max(a.h, b.h) + 2;
  const at = (m: Mask, x: number, y: number): number =>
    x >= 0 && y >= 0 && x < m.w && y < m.h ? m.data[y * m.w + x]! : 0;
  let sumA = 0;
  let sumB = 0;
  for (const v of a.data) sumA += v;
  for (const v of b.data) sumB += v;
  if (sumA + sumB === 0) return 0;
  let best = Infinity;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      let diff = 0;
      for (let y = -1; y < h; y++)
        for (let x = -1; x < w; x++) diff += Math.abs(at(a, x, y) - at(b, x + dx, y + dy));
      best = Math.min(best, diff);
    }
  }
  return (2 * best) / (sumA + sumB);
}

/** Share of an overlay's opaque pixels whose chroma is far from grey (colour). */
export function colourShare(o: TextOverlay): number {
  let coloured = 0;
  let opaque = 0;
  for (let i = 0; i < o.chromaAlpha.length; i++) {
    const a = o.chromaAlpha[i]!;
    if (a < 250) continue;
    opaque++;
    if (Math.abs(o.cb[i]! - 128) > 24 || Math.abs(o.cr[i]! - 128) > 24) coloured++;
  }
  return opaque === 0 ? 0 : coloured / opaque;
}

/** Mean column (in overlay pixels) of the coloured chroma samples, or NaN when there are none. */
export function colourCentreX(o: TextOverlay): number {
  let sx = 0;
  let n = 0;
  const cw = o.w / 2;
  for (let i = 0; i < o.chromaAlpha.length; i++) {
    if (o.chromaAlpha[i]! < 250) continue;
    if (Math.abs(o.cb[i]! - 128) > 24 || Math.abs(o.cr[i]! - 128) > 24) {
      sx += 2 * (i % cw);
      n++;
    }
  }
  return sx / n;
}

export function frameCopy(f: Frame): Frame {
  return { w: f.w, h: f.h, data: f.data.slice() };
}
