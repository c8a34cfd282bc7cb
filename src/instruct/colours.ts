/** Colour words (English and Chinese) → the hex the text edits take. */
const COLOURS: [RegExp, string, string, string][] = [
  [/\bwhite\b|白色|白字/, '#ffffff', 'white', '白色'],
  [/\bblack\b|黑色|黑字/, '#000000', 'black', '黑色'],
  [/\byellow\b|黄色|黄字/, '#ffd400', 'yellow', '黄色'],
  [/\bgold(?:en)?\b|金色/, '#ffc107', 'gold', '金色'],
  [/\borange\b|橙色|橘色/, '#fb8c00', 'orange', '橙色'],
  [/\bred\b|红色|红字/, '#e53935', 'red', '红色'],
  [/\bpink\b|粉色|粉红/, '#ec407a', 'pink', '粉色'],
  [/\bpurple\b|\bviolet\b|紫色/, '#8e24aa', 'purple', '紫色'],
  [/\bblue\b|蓝色|蓝字/, '#1e88e5', 'blue', '蓝色'],
  [/\bgreen\b|绿色|绿字/, '#43a047', 'green', '绿色'],
  [/\bgr[ae]y\b|灰色/, '#9e9e9e', 'grey', '灰色'],
];

export interface Colour {
  hex: string;
  en: string;
  zh: string;
}

/** "…, not yellow", "than yellow", "instead of yellow", "不要黄色": the colour NOT asked for is left out. */
const NEGATED =
  /\b(?:than|not|instead of|rather than|no longer|no more)\s+(?:the\s+)?(\w+)|(?:不要|不是|别用|而不是)(\S{1,3}色)/g;

/** The colour the words ask for (the first one that is not negated). */
export function findColour(text: string): Colour | undefined {
  const t = text.replace(NEGATED, ' ');
  let best: { at: number; c: Colour } | undefined;
  for (const [re, hex, en, zh] of COLOURS) {
    const m = re.exec(t);
    if (m && (!best || m.index < best.at)) best = { at: m.index, c: { hex, en, zh } };
  }
  return best?.c;
}
