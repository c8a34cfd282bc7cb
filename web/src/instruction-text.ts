/**
 * The few words the page still sends for a button: Undo and Redo (the protocol's history lives behind
 * /run_sse). Every other control sends structured edits (edit-builders.ts). Written in the interface
 * language, so the answer comes back in it too.
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
