/**
 * Titles and captions laid out as the renderer lays them out (src/render/text): the same safe area,
 * asked size, wrap width, line pitch, outline and shadow, line limit and shrink-to-fit search, with the
 * browser's font measurements in place of Pango's. Pure: the measuring function is given.
 */
import { fitText } from '../../../src/render/fit-text.ts';
import {
  horizontalOf,
  LINE_PITCH,
  MAX_WRAPPED_LINES,
  MIN_TEXT_PX,
  placeBlock,
  textEffects,
  textMargins,
  textPixels,
  type HAlign,
} from '../../../src/render/text/safe-area.ts';
import type { TextPosition } from './types.ts';

/** Width in px of `text` drawn at font size `px`. */
export type Measure = (text: string, px: number) => number;

export interface LaidOutText {
  /** Font size, px (of the full-size canvas). */
  px: number;
  lines: string[];
  align: HAlign;
  /** The block as placeBlock sees it: size with outline and shadow, its line band. */
  w: number;
  h: number;
  bandTop: number;
  bandBottom: number;
  outline: number;
  shadow: number;
  pitch: number;
  /** Top-left corner on the full-size canvas. */
  x: number;
  y: number;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u;

/** Units a line may break between: a word with the spaces before it, or one wide (CJK) character. */
function units(paragraph: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of paragraph) {
    if (WIDE.test(ch)) {
      if (cur) out.push(cur);
      out.push(ch);
      cur = '';
    } else if (/\s/u.test(ch) && cur.trim() !== '') {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Greedy wrap at `width` (words, or between characters when a word is longer than a line). */
export function wrapText(text: string, width: number, px: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const unit of units(paragraph)) {
      const next = line + unit;
      if (line === '' || measure(next.trimEnd(), px) <= width) {
        line = line === '' ? unit.trimStart() : next;
      } else {
        lines.push(line.trimEnd());
        line = unit.trimStart();
      }
      // A word wider than the line breaks between its characters.
      while (measure(line, px) > width && [...line].length > 1) {
        const chars = [...line];
        let n = chars.length - 1;
        while (n > 1 && measure(chars.slice(0, n).join(''), px) > width) n--;
        lines.push(chars.slice(0, n).join(''));
        line = chars.slice(n).join('');
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

interface Trial {
  px: number;
  lines: string[];
  w: number;
  h: number;
}

function trial(text: string, px: number, wrapWidth: (px: number) => number, measure: Measure): Trial {
  const lines = wrapText(text, wrapWidth(px), px, measure);
  const pitch = Math.round(px * LINE_PITCH);
  const { outline, shadow } = textEffects(px);
  const widest = Math.max(0, ...lines.map((l) => measure(l, px)));
  return {
    px,
    lines,
    w: Math.ceil(widest) + 2 * outline + shadow,
    h: lines.length * pitch + 2 * outline + shadow,
  };
}

/** The renderer's fit test (render-block.ts): ≥ 1 when the block fits its box and line limit. */
function fits(b: Trial, maxWidth: number, maxHeight: number, maxLines: number): number {
  return Math.min(
    maxWidth / b.w,
    maxHeight / b.h,
    b.lines.length > maxLines ? Math.sqrt(maxLines / b.lines.length) : 1,
  );
}

/** Lays out one text segment on a W×H canvas (the draft's own size) and places it. */
export function layoutText(
  seg: { text: string; size: number | undefined; pos: TextPosition },
  W: number,
  H: number,
  measure: Measure,
): LaidOutText {
  const m = textMargins(W, H);
  const maxWidth = W - 2 * m.side;
  const maxHeight = H - m.top - m.bottom;
  const maxLines = Math.max(MAX_WRAPPED_LINES, seg.text.split(/\r\n?|\n/).length);
  const asked = Math.max(MIN_TEXT_PX, textPixels(seg.size, W, H));
  const wrapWidth = (px: number): number => {
    const { outline, shadow } = textEffects(px);
    return Math.max(1, Math.floor(maxWidth - 2 * outline - shadow));
  };
  const estimate = fitText(seg.text, asked, { width: maxWidth, height: maxHeight }).size;
  let px = Math.max(MIN_TEXT_PX, Math.min(asked, estimate));
  let b = trial(seg.text, px, wrapWidth, measure);
  for (let over = fits(b, maxWidth, maxHeight, maxLines); over < 1 && px > MIN_TEXT_PX;) {
    px = Math.max(MIN_TEXT_PX, Math.min(px - 1, Math.floor(px * Math.min(0.95, Math.max(0.5, over)))));
    b = trial(seg.text, px, wrapWidth, measure);
    over = fits(b, maxWidth, maxHeight, maxLines);
  }
  for (let step = 0; step < 4 && px < asked && fits(b, maxWidth, maxHeight, maxLines) >= 1; step++) {
    const next = Math.min(
      asked,
      Math.max(px + 1, Math.floor(px * Math.min(1.25, fits(b, maxWidth, maxHeight, maxLines)))),
    );
    const bigger = trial(seg.text, next, wrapWidth, measure);
    if (fits(bigger, maxWidth, maxHeight, maxLines) < 1) break;
    px = next;
    b = bigger;
  }
  const { outline, shadow } = textEffects(px);
  const pitch = Math.round(px * LINE_PITCH);
  const w = b.w + (b.w % 2);
  const h = b.h + (b.h % 2);
  const block = { w, h, bandTop: outline, bandBottom: outline + b.lines.length * pitch };
  const at = placeBlock(seg.pos, block, W, H);
  return { px, lines: b.lines, align: horizontalOf(seg.pos), ...block, outline, shadow, pitch, ...at };
}
