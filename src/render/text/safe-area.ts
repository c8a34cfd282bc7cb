import type { TextPosition } from '../../timeline/draft.ts';

/**
 * Where text may go on a canvas. Vertical video keeps clear of the platforms' own buttons and
 * captions (top ~13%, bottom ~21%); landscape keeps a title-safe border.
 */
export interface Margins {
  top: number;
  bottom: number;
  side: number;
}

export function textMargins(w: number, h: number): Margins {
  if (h > w) return { top: Math.round(h * 0.13), bottom: Math.round(h * 0.21), side: Math.round(w * 0.06) };
  return { top: Math.round(h * 0.07), bottom: Math.round(h * 0.09), side: Math.round(w * 0.05) };
}

/** Default size: a share of the canvas's shorter side, so a title looks the same in any orientation. */
export const DEFAULT_TEXT_SIZE = 0.06;
export const MIN_TEXT_PX = 8;

/** Asked font size in pixels for a segment's `m.size` on a canvas. */
export function textPixels(size: number | undefined, w: number, h: number): number {
  return Math.max(MIN_TEXT_PX, Math.round((size ?? DEFAULT_TEXT_SIZE) * Math.min(w, h)));
}

/** Line pitch as a multiple of the font size. */
export const LINE_PITCH = 1.2;
/** Most lines wrapping may make (a text typed on more lines keeps its lines). */
export const MAX_WRAPPED_LINES = 3;

/** Outline width and shadow offset for a font size (the look the titles always had). */
export function textEffects(size: number): { outline: number; shadow: number } {
  return { outline: Math.max(1, Math.round(size / 30)), shadow: Math.max(1, Math.round(size / 24)) };
}

export type HAlign = 'left' | 'centre' | 'right';

export function horizontalOf(pos: TextPosition): HAlign {
  if (pos === 'top-left' || pos === 'bottom-left') return 'left';
  if (pos === 'top-right' || pos === 'bottom-right') return 'right';
  return 'centre';
}

export function verticalOf(pos: TextPosition): 'top' | 'middle' | 'bottom' {
  if (pos === 'top' || pos === 'top-left' || pos === 'top-right') return 'top';
  if (pos === 'bottom' || pos === 'bottom-left' || pos === 'bottom-right') return 'bottom';
  return 'middle';
}

/** A rendered text block, in its own pixel space. */
export interface Block {
  /** Size of the image (ink box, outline and shadow included). */
  w: number;
  h: number;
  /** Rows of the image where the text lines' band starts and ends (may lie outside the ink). */
  bandTop: number;
  bandBottom: number;
}

/**
 * Top-left corner of a block on a canvas, both even (so chroma lines up): horizontally by its ink
 * (left/right margin or centred), vertically by its line band (the top of the first line at the top
 * margin, the bottom of the last at the bottom margin, or the band centred), then kept inside the safe
 * area (and inside the canvas when larger than the safe area).
 */
export function placeBlock(pos: TextPosition, b: Block, W: number, H: number): { x: number; y: number } {
  const m = textMargins(W, H);
  const h = horizontalOf(pos);
  const v = verticalOf(pos);
  const x = h === 'left' ? m.side : h === 'right' ? W - m.side - b.w : (W - b.w) / 2;
  const y =
    v === 'top'
      ? m.top - b.bandTop
      : v === 'bottom'
        ? H - m.bottom - b.bandBottom
        : (H - (b.bandTop + b.bandBottom)) / 2;
  return {
    x: keepInside(x, b.w, m.side, W - m.side, W),
    y: keepInside(y, b.h, m.top, H - m.bottom, H),
  };
}

/**
 * An even position near p for a block of `size` that stays inside [lo, hi] when it fits there,
 * otherwise inside [0, total).
 */
function keepInside(p: number, size: number, lo: number, hi: number, total: number): number {
  const [a, b] = size <= hi - lo ? [lo, hi] : [0, total];
  let e = 2 * Math.round(Math.min(Math.max(p, a), b - size) / 2);
  if (e + size > b) e -= 2;
  if (e < a) e += 2;
  return Math.max(0, Math.min(e, total - size - ((total - size) % 2)));
}
