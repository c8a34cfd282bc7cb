import sharp from 'sharp';
import { fitText } from '../fit-text.ts';
import { crop, inkBox, premultiply, withOutlineAndShadow, type Rgba } from './effects.ts';
import { BUNDLED_FONT, fontDescription } from './fonts.ts';
import { STRUT, textMarkup } from './markup.ts';
import { LINE_PITCH, MIN_TEXT_PX, textEffects, type Block, type HAlign } from './safe-area.ts';

/**
 * One text rendered by Pango (through sharp/libvips): shaped, bidi, colour emoji, wrapped at word
 * boundaries (or between characters when a word is longer than a line), with outline and shadow,
 * shrunk until it fits a box, cropped to its ink with an even size.
 */

export interface RenderedBlock extends Block {
  /** Premultiplied RGBA, even size (the empty text gives a 2×2 transparent image). */
  image: Rgba;
  /** Font size in pixels it was drawn at, and its number of lines. */
  size: number;
  lines: number;
}

export interface BlockRequest {
  text: string;
  color: string | undefined;
  /** Asked font size, px. */
  size: number;
  align: HAlign;
  /** Box the block must fit (ink, outline and shadow included). */
  maxWidth: number;
  maxHeight: number;
  /** Most lines it may take. */
  maxLines: number;
}

const strutHeights = new Map<number, Promise<number>>();

/** Ink height of the strut glyph at a size: the distance its lines add beyond the pitches. */
function strutHeight(px: number): Promise<number> {
  let h = strutHeights.get(px);
  if (!h) {
    h = sharp({
      text: { text: STRUT, font: fontDescription(px), fontfile: BUNDLED_FONT, rgba: true, dpi: 72 },
    })
      .metadata()
      .then((m) => m.height ?? 0);
    strutHeights.set(px, h);
  }
  return h;
}

const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * Pango mirrors the alignment of a right-to-left paragraph (its direction comes from its first
 * letter): ask for the mirror of what we mean, so `right` means the right edge in every script.
 */
function pangoAlign(align: HAlign, text: string): HAlign {
  if (align === 'centre') return align;
  const first = /\p{L}/u.exec(text);
  if (!first || !RTL.test(first[0])) return align;
  return align === 'left' ? 'right' : 'left';
}

interface RawBlock {
  /** Straight RGBA from Pango (struts included, invisible). */
  raw: Rgba;
  px: number;
  lines: number;
  /** Rows of the text lines' band in the raw image. */
  bandTop: number;
  bandBottom: number;
  /** Size with outline and shadow, for the fit (0×0 when nothing shows). */
  w: number;
  h: number;
}

/** Renders at one size: RGBA straight from Pango, measured. */
async function renderRaw(req: BlockRequest, px: number): Promise<RawBlock> {
  const pitch = Math.round(px * LINE_PITCH);
  const { outline, shadow } = textEffects(px);
  const wrap = Math.max(1, Math.floor(req.maxWidth - 2 * outline - shadow));
  const { data, info } = await sharp({
    text: {
      text: textMarkup(req.text, req.color, pitch),
      font: fontDescription(px),
      fontfile: BUNDLED_FONT,
      rgba: true,
      dpi: 72,
      width: wrap,
      wrap: 'word-char',
      align: pangoAlign(req.align, req.text),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw: Rgba = {
    w: info.width,
    h: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
  const strut = await strutHeight(px);
  // Image rows: strut line (its ink from row 0), the text lines, strut line (ink to the last row).
  const lines = Math.max(1, Math.round((raw.h - strut) / pitch) - 1);
  const ink = inkBox(raw);
  return {
    raw,
    px,
    lines: ink ? lines : 0,
    bandTop: strut / 2 + pitch / 2,
    bandBottom: raw.h - strut / 2 - pitch / 2,
    w: ink ? ink.w + 2 * outline + shadow : 0,
    h: ink ? ink.h + 2 * outline + shadow : 0,
  };
}

function fits(b: RawBlock, req: BlockRequest): number {
  if (b.lines === 0) return 1;
  return Math.min(
    req.maxWidth / b.w,
    req.maxHeight / b.h,
    b.lines > req.maxLines ? Math.sqrt(req.maxLines / b.lines) : 1,
  );
}

/** Outline and shadow added, premultiplied, cropped to the ink with an even size. */
function finish(b: RawBlock): RenderedBlock {
  const { outline, shadow } = textEffects(b.px);
  const pad = outline + shadow + 1;
  const full = withOutlineAndShadow(premultiply(b.raw), outline, shadow, pad);
  const ink = b.lines > 0 ? inkBox(full) : undefined;
  if (!ink)
    return { image: crop(full, 0, 0, 2, 2), w: 2, h: 2, bandTop: 0, bandBottom: 2, size: b.px, lines: 0 };
  const w = ink.w + (ink.w % 2);
  const h = ink.h + (ink.h % 2);
  return {
    image: crop(full, ink.x, ink.y, w, h),
    w,
    h,
    bandTop: b.bandTop + pad - ink.y,
    bandBottom: b.bandBottom + pad - ink.y,
    size: b.px,
    lines: b.lines,
  };
}

/**
 * The largest size up to the asked one at which the text fits: Pango wraps it at the box's width;
 * when it then needs more lines than allowed or is taller than the box, the size shrinks (down to
 * 8 px, where it is drawn whatever it takes). The search starts from fitText's estimate (which leans
 * small), so a long text is never laid out at a size far too large, then grows while it still fits.
 */
export async function renderBlock(req: BlockRequest): Promise<RenderedBlock> {
  const asked = Math.max(MIN_TEXT_PX, Math.round(req.size));
  const estimate = fitText(req.text, asked, { width: req.maxWidth, height: req.maxHeight }).size;
  let px = Math.max(MIN_TEXT_PX, Math.min(asked, estimate));
  let b = await renderRaw(req, px);
  // Shrink until it fits.
  for (let over = fits(b, req); over < 1 && px > MIN_TEXT_PX; over = fits(b, req)) {
    px = Math.max(MIN_TEXT_PX, Math.min(px - 1, Math.floor(px * Math.min(0.95, Math.max(0.5, over)))));
    b = await renderRaw(req, px);
  }
  // Grow (a few steps) while it still fits: the estimate may have been cautious.
  for (let step = 0; step < 4 && px < asked && fits(b, req) >= 1; step++) {
    const next = Math.min(asked, Math.max(px + 1, Math.floor(px * Math.min(1.25, fits(b, req)))));
    const bigger = await renderRaw(req, next);
    if (fits(bigger, req) < 1) break;
    px = next;
    b = bigger;
  }
  return finish(b);
}
