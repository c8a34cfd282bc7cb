/** Chinese numerals (一二三…十百千, 两, 零/〇) and English number words → digits. Pure. */

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a run like 二十五, 十二, 一百零五, 两千; undefined when it is not a number. */
export function chineseNumber(run: string): number | undefined {
  if (!run) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of run) {
    const d = ZH_DIGITS[ch];
    const u = ZH_UNITS[ch];
    if (d !== undefined) digit = d;
    else if (u !== undefined) {
      total += (digit ?? 1) * u;
      digit = undefined;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

/** Words where 一 is not a number ("a bit", "together", "same", …): they are kept as they are. */
const ZH_KEEP = [
  '一下',
  '一点',
  '一些',
  '一起',
  '一样',
  '一直',
  '一共',
  '统一',
  '唯一',
  '一律',
  '一切',
  '一半',
  '一边',
  '一定',
  '一致',
  '一会',
  '一般',
  '每一',
  '同一',
  '一遍',
  '一首',
];

/** Replaces Chinese numerals with digits: 第二张 → 第2张, 二十秒 → 20秒, 百分之三十 → 30%. */
export function replaceChineseNumerals(text: string): string {
  const kept: string[] = [];
  let out = text;
  ZH_KEEP.forEach((w) => {
    out = out.split(w).join(`\uE100${kept.length}\uE101`);
    kept.push(w);
  });
  out = out.replace(/百分之([零〇一二两三四五六七八九十百\d.]+)/g, (_m, n: string) => {
    const v = /^[\d.]+$/.test(n) ? Number(n) : chineseNumber(n);
    return v === undefined ? _m : `${v}%`;
  });
  out = out.replace(/[零〇一二两三四五六七八九十百千]+/g, (run) => {
    const v = chineseNumber(run);
    return v === undefined ? run : String(v);
  });
  out = out.replace(/(\d+)秒半/g, (_m, n: string) => `${n}.5秒`);
  out = out.replace(/(\d+)分半(?:钟)?/g, (_m, n: string) => `${Number(n) * 60 + 30}秒`);
  out = out.replace(/半秒/g, '0.5秒').replace(/半分钟/g, '30秒');
  return out.replace(/\uE100(\d+)\uE101/g, (_m, i: string) => kept[Number(i)] ?? '');
}

const EN_UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Words after which "one" is a number ("photo one"), and words before which it is ("one second"). */
const ONE_BEFORE =
  /^(?:(?:photo|picture|pic|image|slide|clip|item)s?|number|to|and|or|of|at|from|between|#)$/;
const ONE_AFTER =
  /^(?:seconds?|secs?|s|ms|minutes?|mins?|photos?|pictures?|images?|slides?|clips?|frames?|fps|%|percent|more|less|hundred)$/;

/**
 * English number words → digits: "twenty five" → 25, "a hundred" → 100, "one and a half" → 1.5,
 * "half a second" → 0.5 seconds. "one" stays a word where it is a pronoun ("the last one").
 */
export function replaceEnglishNumbers(text: string): string {
  let out = text
    .replace(/\bhalf an? (?:second|sec)\b/g, '0.5 seconds')
    .replace(/\bhalf an? minute\b/g, '30 seconds')
    .replace(/\ba (second|sec|minute|min)\b/g, '1 $1')
    .replace(/\ba (hundred)\b/g, 'one $1')
    .replace(/\bone and a half\b/g, '1.5');
  const words = out.split(/(\s+)/);
  const result: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const isNum = w in EN_UNITS || w in EN_TENS;
    if (!isNum) {
      result.push(w);
      continue;
    }
    if (w === 'one') {
      const prev = (words[i - 2] ?? '').trim();
      const next = (words[i + 2] ?? '').trim();
      if (!ONE_BEFORE.test(prev) && !ONE_AFTER.test(next)) {
        result.push(w);
        continue;
      }
    }
    let value = EN_UNITS[w] ?? EN_TENS[w] ?? 0;
    let j = i;
    const nextWord = (words[j + 2] ?? '').replace(/^-/, '');
    if (w in EN_TENS && nextWord in EN_UNITS && (EN_UNITS[nextWord] ?? 10) < 10) {
      value += EN_UNITS[nextWord] ?? 0;
      j += 2;
    }
    if ((words[j + 2] ?? '') === 'hundred') {
      value *= 100;
      j += 2;
    }
    result.push(String(value));
    i = j;
  }
  out = result.join('');
  out = out.replace(/\b(\d+)-(\d)\b/g, (m, a: string, b: string) =>
    Number(a) % 10 === 0 && Number(a) >= 20 ? String(Number(a) + Number(b)) : m,
  );
  out = out.replace(/\b(\d+) and a half\b/g, (_m, n: string) => `${n}.5`);
  return out;
}
