import { clipIndexes, items, type ParseContext } from './context.ts';

/** Which items a clause names, in the order it names them (0-based). */
export interface Refs {
  indexes: number[];
  /** A 1-based number the person used that no item has (photo 9 of 5). */
  outOfRange?: number;
  /** The clause with the references blanked out (so their numbers are not read as durations). */
  rest: string;
}

const NOUN = '(?:photo|picture|pic|image|slide|item|shot|clip|video|one|frame)s?';
/** A unit after a number: "photo 2 to 4 seconds" sets a length, it is not photos 2 to 4. */
const UNIT = '(?:s|secs?|seconds?|ms|milliseconds?|minutes?|mins?|hours?|h|%|percent|fps|x)\\b';
const EN_RANGE = new RegExp(
  `\\b(${NOUN})\\s*(?:number\\s*|no\\.?\\s*|#\\s*)?(\\d+)\\s*(?:-|to|through|thru)\\s*(\\d+)\\b(?!\\.\\d|\\s*${UNIT})`,
  'g',
);
const ORD_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const ORD =
  '(?:second[ -]to[ -]last|next[ -]to[ -]last|third[ -]to[ -]last|one before (?:the )?last|last but one|penultimate|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|opening|closing|\\d+(?:st|nd|rd|th))';

const EN_LIST = new RegExp(
  `\\b(${NOUN})\\s*(?:number\\s*|no\\.?\\s*|#\\s*)?(\\d+)\\b(?!\\.\\d|\\s*(?:s|seconds?|ms|%|percent|fps|x|times|minutes?|mins?|hours?|h)\\b)((?:\\s*(?:,|and|&|or)\\s*(?:${NOUN}\\s*)?#?\\d+\\b(?!\\s*(?:s|seconds?|ms|%|percent|fps|minutes?|mins?|hours?)\\b))*)`,
  'g',
);
const EN_ORD = new RegExp(
  `\\b(?:the\\s+)?(${ORD})((?:\\s*(?:,|and|&)\\s*(?:the\\s+)?${ORD})*)\\s*(?:(${NOUN})\\b)?`,
  'g',
);
const ORD_RE = new RegExp(ORD, 'g');

/** 1-based position from an ordinal word; negative counts from the end (-1 = last). */
function ordinal(word: string): number {
  const w = word.trim();
  if (w === 'last' || w === 'final' || w === 'closing') return -1;
  if (w === 'opening') return 1;
  if (
    /^(?:second[ -]to[ -]last|penultimate|next[ -]to[ -]last|one before (?:the )?last|last but one)$/.test(w)
  )
    return -2;
  if (/^third[ -]to[ -]last$/.test(w)) return -3;
  const n = ORD_WORDS[w];
  if (n) return n;
  return Number.parseInt(w, 10);
}

/**
 * Finds item references: "photo 3", "photos 2 and 4", "photos 2-4", "the third one", "the last photo",
 * "clip 2" (the second clip), "第二张", "第2到4张", "最后一张", "倒数第二张", "照片3".
 */
export function findRefs(text: string, ctx: ParseContext): Refs {
  const count = items(ctx).length;
  const clips = clipIndexes(ctx);
  const found: { at: number; n: number; clip: boolean }[] = [];
  let rest = text;
  const blank = (m: RegExpExecArray) => {
    rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
  };
  const scan = (re: RegExp, each: (m: RegExpExecArray) => { n: number; clip?: boolean }[]) => {
    for (const m of [...rest.matchAll(re)] as RegExpExecArray[]) {
      const got = each(m);
      for (const r of got) found.push({ at: m.index, n: r.n, clip: r.clip ?? false });
      if (got.length > 0) blank(m);
    }
  };
  const numbers = (s: string) => [...s.matchAll(/\d+/g)].map((x) => Number(x[0]));
  const range = (a: number, b: number) =>
    Array.from({ length: Math.min(Math.abs(b - a), 500) + 1 }, (_, k) => (a <= b ? a + k : a - k));

  // "the first three photos", "the last 2", "前3张", "最后2张", "后两张".
  scan(
    /\b(?:the )?(first|last|final) (\d+)\b(?![.\d])(?!\s*(?:s|secs?|seconds?|%|x|times)\b)(?:\s*(?:photos|pictures|pics|images|items|shots|ones|slides))?/g,
    (m) => {
      const k = Number(m[2]);
      return Array.from({ length: Math.min(k, 500) }, (_, j) => ({ n: m[1] === 'first' ? j + 1 : -(k - j) }));
    },
  );
  scan(/(前|最后|后)(\d+)\s*(?:张|个|幅|项)/g, (m) => {
    const k = Number(m[2]);
    return Array.from({ length: Math.min(k, 500) }, (_, j) => ({ n: m[1] === '前' ? j + 1 : -(k - j) }));
  });
  // Chinese: 倒数第N, 第N到M, 第N、M和第K, 最后一张, 照片N.
  scan(/倒数第(\d+)\s*(?:张|个|幅|段|项|页)?/g, (m) => [{ n: -Number(m[1]) }]);
  scan(
    /第(\d+)\s*(?:张|个|幅|段|项)?\s*(?:到|至|-)\s*第?(\d+)(?![\d.]|\s*(?:秒|毫秒|分钟|s\b|%))\s*(?:张|个|幅|段|项)?/g,
    (m) => range(Number(m[1]), Number(m[2])).map((n) => ({ n })),
  );
  scan(
    /第(\d+)(?:\s*(?:张|个|幅|段|项))?((?:\s*(?:[、,和与跟及]|还有)\s*第?\d+\s*(?:张|个|幅|段|项)?)*)(视频|片段)?/g,
    (m) => [Number(m[1]), ...numbers(m[2] ?? '')].map((n) => ({ n, clip: !!m[3] })),
  );
  scan(/最后(?:1)?\s*(?:张|个|幅|段)(视频|片段)?/g, (m) => [{ n: -1, clip: !!m[1] }]);
  scan(/(?:照片|图片|相片|图)\s*(\d+)(?![\d.]|\s*(?:秒|毫秒|分钟|s\b|%|帧|倍|张))/g, (m) => [
    { n: Number(m[1]) },
  ]);

  // English: "photos 2-4", "photo 3", "photos 2, 3 and 5", "the last one", "the second and third photos".
  scan(EN_RANGE, (m) =>
    range(Number(m[2]), Number(m[3])).map((n) => ({ n, clip: /^(?:clip|video)/.test(m[1] ?? '') })),
  );
  scan(EN_LIST, (m) =>
    [Number(m[2]), ...numbers(m[3] ?? '')].map((n) => ({ n, clip: /^(?:clip|video)/.test(m[1] ?? '') })),
  );
  scan(EN_ORD, (m) => {
    const noun = m[3] ?? '';
    // "2 seconds" is a unit, not "the second": an ordinal needs "the" or a noun after it.
    if (!noun && !/^the\s/.test(m[0]) && !m[2]) return [];
    // "for the first 4 seconds" is a time span, not photo 1.
    if (!noun && /^\s*\d/.test(rest.slice(m.index + m[0].length))) return [];
    const words = [m[1] ?? '', ...[...(m[2] ?? '').matchAll(ORD_RE)].map((x) => x[0])];
    return words.map((w) => ({ n: ordinal(w), clip: /^(?:clip|video)/.test(noun) }));
  });

  found.sort((a, b) => a.at - b.at);
  const indexes: number[] = [];
  let outOfRange: number | undefined;
  for (const f of found) {
    const pool = f.clip ? clips : undefined;
    const size = pool ? pool.length : count;
    const pos = f.n < 0 ? size + f.n + 1 : f.n;
    if (pos < 1 || pos > size) {
      outOfRange ??= f.n < 0 ? f.n : f.n;
      continue;
    }
    const index = pool ? (pool[pos - 1] ?? -1) : pos - 1;
    if (index >= 0 && !indexes.includes(index)) indexes.push(index);
  }
  return { indexes, ...(outOfRange !== undefined ? { outOfRange } : {}), rest };
}

/** "There is no photo 9: the video has 5 items." */
export function outOfRangeSaid(n: number, ctx: ParseContext): { en: string; zh: string } {
  const count = items(ctx).length;
  const what = n < 0 ? `${-n} from the end` : `${n}`;
  return {
    en: `There is no photo ${what}: the video has ${count} item${count === 1 ? '' : 's'}. Nothing was changed.`,
    zh: `没有${n < 0 ? `倒数第${-n}` : `第${n}`}张：视频里共有${count}个素材。没有做任何修改。`,
  };
}
