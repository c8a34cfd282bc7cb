import { summarize } from '../timeline/summary.ts';
import type { Draft } from '../timeline/draft.ts';
import type { Said } from './context.ts';
import type { Language } from './language.ts';
import type { InstructMedia } from './types.ts';

export interface ReplyParts {
  /** What changed or was answered, one sentence per clause. */
  lines: Said[];
  /** Clauses not understood, as the person wrote them (quotes restored). */
  notUnderstood: string[];
  changed: boolean;
}

const EXAMPLES: Said = {
  en: 'You can say for example: "2 seconds per photo", "make it vertical", "add the title \'Porto\'", "crossfade transitions", "move photo 3 to the start", "undo".',
  zh: '比如可以说："每张2秒"、"改成竖屏"、"加标题「波尔图」"、"转场用溶解"、"把第3张移到最前面"、"撤销"。',
};

/** The one-line summary of spec/draft.md, with asset names and kinds from the session's media. */
export function summaryLine(draft: Draft, media: readonly InstructMedia[]): string {
  return summarize(draft, (id) => {
    const m = media.find((x) => x.id === id);
    return m ? { name: m.name, kind: m.kind } : undefined;
  });
}

/** The reply in the person's language: what changed, what was not understood (with examples), then the summary. */
export function writeReply(
  parts: ReplyParts,
  language: Language,
  draft: Draft,
  media: readonly InstructMedia[],
): string {
  const out: string[] = parts.lines
    .map((l) => l[language])
    .filter(Boolean)
    .map((l) => l.charAt(0).toUpperCase() + l.slice(1))
    // The same sentence twice (three clauses that all need photos) is said once.
    .filter((l, i, all) => all.indexOf(l) === i);
  if (parts.notUnderstood.length > 0) {
    const quoted = parts.notUnderstood
      .map((c) => (language === 'zh' ? `"${c}"` : `"${c}"`))
      .join(language === 'zh' ? '、' : ', ');
    out.push(
      language === 'zh'
        ? `没有理解：${quoted}。${EXAMPLES.zh}`
        : `I did not understand ${quoted}. ${EXAMPLES.en}`,
    );
  }
  if (out.length === 0) out.push(language === 'zh' ? '没有修改。' : 'Nothing changed.');
  out.push(summaryLine(draft, media));
  return out.join('\n');
}
