/** Quoted text ('…' "…" “…” ‘…’ 「…」 『…』 《…》 ＂…＂): kept exactly as written, replaced by «n» placeholders. */
export interface Quoted {
  text: string;
  quotes: string[];
}

const PAIRS: [string, string][] = [
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
  ['《', '》'],
  ['〈', '〉'],
  ['"', '"'],
  ['＂', '＂'],
  ['＇', '＇'],
  ['„', '“'],
  ['«', '»'],
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PAIR_RES: readonly RegExp[] = PAIRS.map(
  ([open, close]) => new RegExp(`${escape(open)}([^${escape(close)}]*)${escape(close)}`, 'g'),
);

export function extractQuotes(input: string): Quoted {
  const quotes: string[] = [];
  let text = input;
  const keep = (inner: string): string => {
    const t = inner.trim();
    if (!t) return ' ';
    quotes.push(t);
    return ` \uE000${quotes.length - 1}\uE001 `;
  };
  for (const re of PAIR_RES) {
    text = text.replace(re, (_m, inner: string) => keep(inner));
  }
  // Straight single quotes, but not apostrophes (it's, don't, photos', o'clock), glued or not:
  // "把标题改成'里斯本'～", "set the title to'Lisbon'and …".
  text = straightQuotes(text, keep);
  // Unquoted names keep their case too: "call it Summer in Porto", "标题叫夏天".
  text = text.replace(UNQUOTED_EN, (m, lead: string, name: string) =>
    NOT_A_NAME.test(name.trim()) || STYLE_ONLY.test(name.trim()) ? m : `${lead}${keep(unwrap(name))}`,
  );
  text = text.replace(UNQUOTED_ZH, (m, lead: string, name: string) =>
    /^(?:放|在|改到|移|为|叫)$|^(?:放|在|改到|移)/.test(name) || STYLE_ONLY.test(name)
      ? m
      : `${lead}${keep(unwrap(name))}`,
  );
  return { text, quotes };
}

const LETTER = /[a-z]/i;
/** Letters after an apostrophe inside a word: it's, don't, we're, I've, we'll, I'd, I'm, rock'n'roll. */
const CONTRACTION = /^(?:s|t|re|ve|ll|d|m|n)(?![a-z])/i;

/** An apostrophe, not a quote mark: a letter on both sides and a contraction, or a one-letter word before (o'clock, l'amour). */
function isApostrophe(text: string, at: number): boolean {
  const before = text[at - 1] ?? '';
  const after = text[at + 1] ?? '';
  if (!LETTER.test(before) || !LETTER.test(after)) return false;
  if (CONTRACTION.test(text.slice(at + 1))) return true;
  return !LETTER.test(text[at - 2] ?? '');
}

/**
 * Pairs straight single quotes left to right. An opening mark is followed by a non-space and is not an
 * apostrophe; the closing mark is the next one that is preceded by a non-space and is not an apostrophe.
 * Whatever surrounds the pair (Chinese, English, punctuation, nothing) does not matter.
 */
function straightQuotes(input: string, keep: (inner: string) => string): string {
  let out = '';
  let from = 0;
  let at = input.indexOf("'");
  while (at >= 0) {
    const opens = /\S/.test(input[at + 1] ?? '') && !isApostrophe(input, at);
    let close = -1;
    if (opens) {
      for (let j = input.indexOf("'", at + 1); j >= 0; j = input.indexOf("'", j + 1)) {
        if (/\S/.test(input[j - 1] ?? '') && j > at + 1 && !isApostrophe(input, j)) {
          close = j;
          break;
        }
      }
    }
    if (close < 0) {
      at = input.indexOf("'", at + 1);
      continue;
    }
    out += input.slice(from, at) + keep(input.slice(at + 1, close));
    from = close + 1;
    at = input.indexOf("'", from);
  }
  return out + input.slice(from);
}

/** Quote marks left around an unquoted name ("'里斯本'～" that no pair rule took) are not part of it. */
function unwrap(name: string): string {
  const inner = name.replace(/^['"‘’“”]+/, '').replace(/['"‘’“”]+$/, '');
  return inner.trim() ? inner : name;
}

const UNQUOTED_EN =
  /(\b(?:call(?:ed)? it|name it|title it|titled|entitled|named|with the title|title(?: is|:)|(?:add|put|use|set|make) (?:a|the) title(?: that says| saying| reading| which says| of| to| as)?|(?:change|rename|set|switch) (?:the )?title (?:to|as|into)|(?:add|put) (?:a |the )?(?:caption|subtitle|text)(?: of| saying| that says)?|(?:saying|that says|which says|reads))\s+)(?!\uE000)([^,.;!?，。；！？\uE000]+?)(?=\s*(?:[,.;!?，。；！？]|\s(?:and|then|also|on|to|at|for|in) (?:photo|picture|image|slide|the|top|bottom|center|centre|middle|\d)|\s(?:and|then|also|with|plus) (?:make|add|use|put|set|change|remove|delete|move|swap|turn|apply|export|render|download|shuffle|reverse|mute|fit|fade|zoom|no|give|show|\d)\b|$))/gi;
/** Words after "add a title" that are not the title itself ("add a title at the top"). */
const NOT_A_NAME =
  /^(?:at|on|to|in|for|with|from|the|a|an|position|please|it|that|this|top|bottom|center|centre|middle|longer|shorter|bigger|smaller|\d+\s*(?:s|sec|seconds?)\b)\b/i;
/** "make the title red", "标题改成黄色", "标题放大": a style, never the title's words. */
const STYLE_ONLY =
  /^(?:(?:in )?(?:white|black|red|yellow|blue|green|pink|orange|purple|gold(?:en)?|gr[ae]y|bigger|smaller|larger|bold|centered|centred)(?: please)?|\S{1,2}色(?:的)?|大一点|小一点|放大|缩小|大一些|小一些|居中|顶部|底部|上方|下方)$/i;
const UNQUOTED_ZH =
  /((?:标题|题目|名字|片名)(?:是|叫做?|为|改成|改为|换成|设为|设成|写|:|：)|(?:取名|命名|起名)(?:为|叫做?)?|(?:名字|名称)叫)\s*(?!\uE000)([^\s,，。；;、！？!?\uE000]+?)(?=$|[\s,，。；;、！？!?]|然后|并且|和|再)/g;

/** Puts the quoted text back (for showing a clause to the person). */
export function restoreQuotes(text: string, quotes: readonly string[]): string {
  return text.replace(/\s*\uE000(\d+)\uE001\s*/g, (_m, i: string) => ` "${quotes[Number(i)] ?? ''}" `).trim();
}

/** Indexes of the quotes a clause holds. */
export function quotesIn(text: string): number[] {
  return [...text.matchAll(/\uE000(\d+)\uE001/g)].map((m) => Number(m[1]));
}
