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

export function extractQuotes(input: string): Quoted {
  const quotes: string[] = [];
  let text = input;
  const keep = (inner: string): string => {
    const t = inner.trim();
    if (!t) return ' ';
    quotes.push(t);
    return ` \uE000${quotes.length - 1}\uE001 `;
  };
  for (const [open, close] of PAIRS) {
    text = text.replace(
      new RegExp(`${escape(open)}([^${escape(close)}]*)${escape(close)}`, 'g'),
      (_m, inner: string) => keep(inner),
    );
  }
  // Straight single quotes, but not apostrophes (it's, don't, photos').
  text = text.replace(
    /(^|[\s(:,，：、=\u3400-\u9fff])'([^']*?)'(?=$|[\s.,!?;:，。！？、)\u3400-\u9fff])/g,
    (_m, pre: string, inner: string) => pre + keep(inner),
  );
  // Unquoted names keep their case too: "call it Summer in Porto", "标题叫夏天".
  text = text.replace(UNQUOTED_EN, (m, lead: string, name: string) =>
    NOT_A_NAME.test(name.trim()) ? m : `${lead}${keep(name)}`,
  );
  text = text.replace(UNQUOTED_ZH, (m, lead: string, name: string) =>
    /^(?:放|在|改到|移)/.test(name) ? m : `${lead}${keep(name)}`,
  );
  return { text, quotes };
}

const UNQUOTED_EN =
  /(\b(?:call(?:ed)? it|name it|title it|titled|entitled|named|with the title|title(?: is|:)|(?:add|put|use|set|make) (?:a|the) title(?: that says| saying| reading| which says| of| to| as)?|(?:change|rename|set|switch) (?:the )?title (?:to|as|into)|(?:add|put) (?:a |the )?(?:caption|subtitle|text)(?: of| saying| that says)?|(?:saying|that says|which says|reads))\s+)(?!\uE000)([^,.;!?，。；！？\uE000]+?)(?=\s*(?:[,.;!?，。；！？]|\s(?:and|then|also|on|to|at|for|in) (?:photo|picture|image|slide|the|top|bottom|center|centre|middle|\d)|\s(?:and|then|also|with|plus) (?:make|add|use|put|set|change|remove|delete|move|swap|turn|apply|export|render|download|shuffle|reverse|mute|fit|fade|zoom|no|give|show|\d)\b|$))/gi;
/** Words after "add a title" that are not the title itself ("add a title at the top"). */
const NOT_A_NAME =
  /^(?:at|on|to|in|for|with|from|the|a|an|position|please|it|that|this|top|bottom|center|centre|middle|longer|shorter|bigger|smaller|\d+\s*(?:s|sec|seconds?)\b)\b/i;
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
