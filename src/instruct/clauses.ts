/**
 * Splits normalised words into clauses: "make it vertical, 2 seconds each and add the title «0»" → 3.
 * Splits at , ; . (not inside 2.5 or beach.jpg) 。 ， 、 ； and at "and", "with", "then", "also", 然后, 并且, 再, 和 — except where
 * "and"/和 joins two items ("swap photo 1 and 2", "第一张和第二张", "fade in and out").
 */
const EN_SPLIT = /\s*(?:[;,]|\.(?![\da-z])|\band then\b|\bthen\b|\balso\b|\bafter that\b)\s*/g;
const ZH_SPLIT =
  /\s*(?:[，,;；。]|然后|并且|而且|接着|之后再|同时|另外|还要|(?<!每张|每个|都|各)(?:再把|再将|再加|再给|再用|再设|再改|再调))\s*/g;
/** 、 lists clauses, except in item lists (第1、2张). */
const ZH_LIST = /、(?!\d|第)/g;
/** 和/跟/并 split only when a new action follows: "和加上音乐", not "第一张和第二张". */
const ZH_AND =
  /(?:和|并|跟|且)(?=(?:加|添|把|将|改|换|设|删|去|用|让|使|做|调|移|放|变|导出|下载|撤销|配上|配|设置|每张|全部|所有|整个|标题|转场|字幕))/g;
/** "with" starts a new clause, except in "a video with these photos". */
const WITH =
  /(?<!\b(?:open|opens|opening|start|starts|begin|begins|finish|finishes|end|ends|close|closes))\s+with\s+(?!\uE000|these\b|those\b|my\b|them\b|all\b|the (?:photos|uploaded|uploads|pictures)\b)/g;

const ITEM_NEXT =
  /^(?:\d|#|photo|picture|slide|clip|item|one\b|the (?:\d|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|previous)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\uE000)/;
const REF_BEFORE =
  /(?:\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|one|photos?|pictures?|slides?|clips?|items?|\d+(?:st|nd|rd|th))|\uE001)\s*$/;

/** "and" between two item references ("photo 1 and 2", "the first and last") or in "fade in and out" stays. */
function splitAnd(text: string): string {
  return text.replace(/\s+(?:and|&|plus)\s+/g, (m: string, at: number, all: string) => {
    const before = all.slice(0, at);
    const after = all.slice(at + m.length);
    if (/^(?:out|in)\b/.test(after)) return m;
    if (REF_BEFORE.test(before) && ITEM_NEXT.test(after)) return m;
    return '\u0000';
  });
}

export function splitClauses(text: string): string[] {
  // "photos 2, 4 and 5": a comma inside a list of numbers does not end a clause.
  const marked = text
    .replace(
      /(\d(?:st|nd|rd|th)?)\s*,\s*(?=\d+(?:st|nd|rd|th)?\b(?!\s*(?:s|secs?|seconds?|%|percent|fps|p)\b))/g,
      '$1 \uE002 ',
    )
    .replace(ZH_SPLIT, (m) => (m.trim().startsWith('再') ? '\u0000' + m.trim().slice(1) : '\u0000'))
    .replace(ZH_LIST, '\u0000')
    .replace(ZH_AND, '\u0000')
    .replace(WITH, '\u0000')
    .replace(EN_SPLIT, '\u0000');
  return splitAnd(marked)
    .split('\u0000')
    .map((c) => c.replace(/^(?:and|&|plus|but|so|please|pls|also)\s+/g, '').trim())
    .map((c) => c.replace(/ ?\uE002 ?/g, ', ').replace(/^[,.;。，\s]+|[,.;。，\s]+$/g, ''))
    .filter((c) => c.length > 0 && !/^(?:please|thanks|thank you|谢谢|请|好的|ok|okay)$/.test(c));
}
