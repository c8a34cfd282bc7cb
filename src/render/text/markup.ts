/**
 * Pango markup for one text segment. The user's text is always escaped, so `<span …>` or `&amp;`
 * typed in a title are drawn as the characters they are, never read as markup.
 */

/** Escapes text for Pango markup (the five XML entities; nothing else is special). */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Characters Pango cannot take in markup (C0 controls other than tab/newline, lone surrogates,
 * non-characters) become U+FFFD; CR LF and CR become LF.
 */
export function cleanText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const c = ch.codePointAt(0)!;
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f;
    const bad = control || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff;
    out += bad ? '\ufffd' : ch;
  }
  return out;
}

/** The colour as Pango reads it, or white when it is not `#rrggbb`. */
export function markupColor(color: string | undefined): string {
  return color !== undefined && /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : '#ffffff';
}

/** Full-height glyph on its own line above and below the text: it fixes the block's vertical geometry. */
export const STRUT = '\u2588';

/**
 * Markup for a text: an invisible strut line, the text in its colour, another invisible strut line,
 * all at one fixed line pitch (`pitch` px at 72 dpi). The struts make the rendered image start one
 * pitch above the first text line and end one pitch below the last, whatever glyphs the text has, so
 * lines of every text at one size sit on the same baselines. fgalpha 1 (of 65535) draws nothing.
 */
export function textMarkup(text: string, color: string | undefined, pitch: number): string {
  const strut = `<span fgalpha="1">${STRUT}</span>`;
  const body = `<span foreground="${markupColor(color)}">${escapeMarkup(cleanText(text))}</span>`;
  return `<span line_height="${Math.round(pitch * 1024)}">${strut}\n${body}\n${strut}</span>`;
}
