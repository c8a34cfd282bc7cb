import { detectLanguage, type Language } from './language.ts';
import { replaceChineseNumerals, replaceEnglishNumbers } from './numerals.ts';
import { extractQuotes } from './quotes.ts';
import { fixTypos } from './typos.ts';

export interface Normalised {
  /** Lower case, half-width, numbers as digits, typos fixed, quotes as \uE000n\uE001 placeholders. */
  text: string;
  /** Quoted text exactly as written. */
  quotes: string[];
  language: Language;
}

/** Everything the parsers rely on, done once: quotes kept aside, the rest made regular. */
export function normalise(input: string): Normalised {
  const { text: unquoted, quotes } = extractQuotes(input);
  let text = unquoted.normalize('NFKC').toLowerCase();
  const language = detectLanguage(text.replace(/\uE000\d+\uE001/g, ' '));
  text = text
    .replace(/[’‘`´]/g, "'")
    .replace(/[。！？!?]+/g, '。')
    .replace(/[\u2013\u2014~～]/g, '-')
    .replace(/\s+/g, ' ');
  // "0.8-second fades", "a 1-minute slideshow", "push-in": the hyphen joins words, it is no minus.
  text = text.replace(/(\d)\s*-\s*(?=(?:seconds?|secs?|minutes?|mins?|s|ms|hours?|percent|fps)\b)/g, '$1 ');
  text = text
    .replace(/\b(push|zoom|pull|fade)-(in|out)\b/g, '$1 $2')
    .replace(/\bthe one before (?:the )?last\b/g, 'the second-to-last one');
  text = replaceChineseNumerals(text);
  text = text.replace(/\ba (second|minute) and a half\b/g, '1.5 $1s');
  text = replaceEnglishNumbers(text);
  text = text.replace(/(\d)\s*-\s*(?=(?:seconds?|secs?|minutes?|mins?|s|ms|hours?|percent|fps)\b)/g, '$1 ');
  text = fixTypos(text);
  // "5s", "60fps", "2x": a space between a number and its unit keeps the patterns simple.
  text = text
    .replace(/(\d)(?!(?:st|nd|rd|th)\b)([a-z%])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, quotes, language };
}
