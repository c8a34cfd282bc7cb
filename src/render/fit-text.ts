/**
 * Pure estimate of text layout: picks a font size and line breaks so a text fits a box. The text
 * engine (src/render/text) starts its Pango fit from this size, so a long text is never laid out at a
 * size far too large; Pango's own measurements decide the final size and lines.
 *
 * Widths are estimated from the characters (no font file is read): measured on the bundled
 * WenQuanYi Micro Hei at 100 px, CJK and full-width glyphs advance 1 em, lower-case Latin about
 * 0.55 em, capitals about 0.68 em, M/W/m/w/%/@ about 0.87 em, i/l/./: about 0.25 em, a space 0.26 em.
 * The estimates lean wide, so text wraps a little early rather than running off the frame.
 */

/** Characters that take a full em and may break anywhere (CJK, kana, hangul, full-width forms, emoji). */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;
const NARROW = /[ijlI!|.,:;'`()[\]{}\u00b7]/u;
const EXTRA_WIDE = /[MWmw%@\u00c6\u00e6\u0152\u0153\u0428\u0429\u0448\u0449\u0416\u0436\u042e\u044e]/u;
const UPPER = /\p{Lu}/u;
const SPACE_EM = 0.28;

/** Estimated advance of one character, in em. */
export function charWidthEm(ch: string): number {
  if (ch === ' ' || ch === '\t') return SPACE_EM;
  if (WIDE.test(ch)) return 1;
  if (NARROW.test(ch)) return 0.3;
  if (EXTRA_WIDE.test(ch)) return 0.9;
  if (UPPER.test(ch)) return 0.7;
  return 0.6;
}

/** Estimated width of a line, in em. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}

export interface TextBox {
  /** Widest a line may be, in pixels. */
  width: number;
  /** Tallest the block may be, in pixels. */
  height: number;
}

export interface FittedText {
  /** Font size in pixels. */
  size: number;
  /** The lines to draw, top to bottom (user newlines kept; empty lines keep their space). */
  lines: string[];
}

/** Line pitch as a multiple of the font size. */
export const LINE_PITCH = 1.2;
/** Most lines wrapping may make (a text the user typed on more lines keeps its lines). */
export const MAX_WRAPPED_LINES = 3;
const MIN_SIZE = 8;

/** Units a paragraph may break between: words (with the space before them), or single wide characters. */
function units(paragraph: string): { text: string; space: string }[] {
  const out: { text: string; space: string }[] = [];
  let space = '';
  let word = '';
  const flush = (): void => {
    if (word === '') return;
    out.push({ text: word, space });
    word = '';
    space = '';
  };
  for (const ch of paragraph) {
    if (ch === ' ' || ch === '\t') {
      flush();
      space += ch;
    } else if (WIDE.test(ch)) {
      flush();
      out.push({ text: ch, space });
      space = '';
    } else {
      word += ch;
    }
  }
  flush();
  return out;
}

/**
 * Greedy wrap of one paragraph at `maxEm` em per line. With `hard`, a word wider than a line is cut
 * between characters; without, undefined says it does not fit.
 */
function wrapParagraph(paragraph: string, maxEm: number, hard: boolean): string[] | undefined {
  const lines: string[] = [];
  let line = '';
  let lineEm = 0;
  for (const u of units(paragraph)) {
    const wordEm = textWidthEm(u.text);
    const spaceEm = line === '' ? 0 : textWidthEm(u.space);
    if (line !== '' && lineEm + spaceEm + wordEm <= maxEm) {
      line += u.space + u.text;
      lineEm += spaceEm + wordEm;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    lineEm = 0;
    if (wordEm <= maxEm) {
      line = u.text;
      lineEm = wordEm;
      continue;
    }
    if (!hard) return undefined;
    for (const ch of u.text) {
      const w = charWidthEm(ch);
      if (line !== '' && lineEm + w > maxEm) {
        lines.push(line);
        line = '';
        lineEm = 0;
      }
      line += ch;
      lineEm += w;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * The largest size up to `size` at which `text` fits `box`: paragraphs (the user's own lines) wrap at
 * spaces, or between any two CJK characters, into at most MAX_WRAPPED_LINES lines in all (or as many
 * as the user typed); when even wrapped text does not fit, the size shrinks. At the smallest size
 * (8 px) a word too long for a line is cut between characters.
 */
export function fitText(text: string, size: number, box: TextBox): FittedText {
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  const maxLines = Math.max(MAX_WRAPPED_LINES, paragraphs.length);
  let s = Math.max(MIN_SIZE, Math.round(size));
  for (;;) {
    const atMin = s <= MIN_SIZE;
    const maxEm = box.width / s;
    const lines: string[] = [];
    let ok = true;
    for (const p of paragraphs) {
      const wrapped = wrapParagraph(p, maxEm, atMin);
      if (!wrapped) {
        ok = false;
        break;
      }
      lines.push(...wrapped);
    }
    const height = s + (lines.length - 1) * s * LINE_PITCH;
    if (atMin || (ok && lines.length <= maxLines && height <= box.height)) return { size: s, lines };
    s = Math.max(MIN_SIZE, Math.min(s - 1, Math.floor(s * 0.95)));
  }
}
