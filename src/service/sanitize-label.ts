/** Characters that must never reach a label: controls, bidi overrides and isolates, zero-width marks. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * The client's file name made safe to show: no folders, no control or bidi characters, no leading dots,
 * at most `max` characters (the extension kept). Only ever a label: files are stored under server ids.
 */
export function sanitizeLabel(name: string | undefined, fallback = 'file', max = 100): string {
  let s = (name ?? '')
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]/g, ' ')
    .replace(UNSAFE, '');
  s = s.split(/[/\\]/).pop() ?? '';
  s = s
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = Array.from(s);
  if (chars.length > max) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(s.slice(dot)) : [];
    const keep = ext.length > 0 && ext.length <= 10 ? ext : [];
    s =
      chars
        .slice(0, max - keep.length)
        .join('')
        .trimEnd() + keep.join('');
  }
  return s || fallback;
}
