/** The person's language: Chinese when the words (outside quotes) hold Han characters, English otherwise. */
export type Language = 'en' | 'zh';

export function detectLanguage(textOutsideQuotes: string): Language {
  const han = textOutsideQuotes.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = textOutsideQuotes.match(/[a-z]{2,}/gi)?.length ?? 0;
  return han > 0 && han >= Math.min(latin, 2) ? 'zh' : 'en';
}
