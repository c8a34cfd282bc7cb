/**
 * A factor the words apply: "twice as long", "double", "halve", "in half", "1.5 times", "2x", "three times as
 * long as the rest" (numbers are digits by now), "翻一倍", "加倍", "两倍", "减半", "一半". Speed words invert it:
 * "speed everything up 2x" halves the time.
 */
export interface Factor {
  value: number;
  /** "as long as the rest", "of the others", "其他照片的": relative to the other photos, not to itself. */
  ofOthers: boolean;
}

export function findFactor(t: string): Factor | undefined {
  let value: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /(\d+(?:\.\d+)?)\s*(?:x\b|×|times\b)/.exec(t))) value = Number(m[1]);
  else if (/\btwice\b|\bdouble[sd]?\b|\bdoubling\b|翻倍|加倍|翻\s*1\s*倍|翻一番/.test(t)) value = 2;
  else if (/\btriple[sd]?\b|\bthrice\b/.test(t)) value = 3;
  else if (/\bquadruple\b/.test(t)) value = 4;
  else if (
    /\bhalve[sd]?\b|\bin half\b|\bhalf (?:as long|the (?:time|length|duration))\b|减半|缩短一半|一半/.test(t)
  )
    value = 0.5;
  else if ((m = /(\d+(?:\.\d+)?)\s*倍/.exec(t))) value = Number(m[1]);
  if (value === undefined || !(value > 0)) return undefined;
  if (/\b(?:speed|faster|quicker)\b|加速|快/.test(t) && !/\bslow/.test(t)) value = 1 / value;
  const ofOthers =
    /\b(?:as long as|of|than) (?:the )?(?:rest|others|other (?:photos|pictures|ones)|each of the others)\b|其他(?:照片|图片|张)?的|其余(?:照片)?的|别的(?:照片)?的/.test(
      t,
    );
  return { value, ofOthers };
}
