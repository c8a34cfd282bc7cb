/**
 * Words for history steps and a seconds formatter. The page's Undo and Redo buttons no longer send words (they use
 * the free POST …/undo and …/redo routes, edits-client.ts); undoInstruction and redoInstruction stay as what a
 * person types to undo or redo in the chat box, in either language (the words tests read them).
 */
import type { Lang } from './i18n.ts';

/** Formats seconds without float noise: 2, 2.5, 0.3. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds * 10) / 10;
  return Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1);
}

export function undoInstruction(lang: Lang = 'en'): string {
  return lang === 'zh' ? '撤销' : 'undo';
}

export function redoInstruction(lang: Lang = 'en'): string {
  return lang === 'zh' ? '重做' : 'redo';
}
