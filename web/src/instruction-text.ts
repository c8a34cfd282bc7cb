/**
 * The typed instructions the page sends for what a person does with the mouse or keyboard,
 * so every change goes through the same edits (and undo) as words typed in the chat.
 * Written in the interface language, so the answer comes back in it too.
 * Positions are 0-based here and 1-based in the words, as people count.
 */
import type { Lang } from './i18n.ts';

/** Moves item `from` so that it ends up at index `to` (both 0-based, of a track of `count` items). */
export function moveInstruction(
  from: number,
  to: number,
  count: number,
  lang: Lang = 'en',
): string | undefined {
  if (from === to || from < 0 || to < 0 || from >= count || to >= count) return undefined;
  return lang === 'zh'
    ? `把第${from + 1}张移到第${to + 1}位`
    : `move photo ${from + 1} to position ${to + 1}`;
}

/** Formats seconds without float noise: 2, 2.5, 0.3. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds * 10) / 10;
  return Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1);
}

export function durationInstruction(index: number, seconds: number, lang: Lang = 'en'): string | undefined {
  if (!Number.isFinite(seconds) || index < 0) return undefined;
  const s = formatSeconds(seconds);
  if (Number(s) <= 0) return undefined;
  return lang === 'zh' ? `把第${index + 1}张设为${s}秒` : `show photo ${index + 1} for ${s} seconds`;
}

export function removeInstruction(index: number, lang: Lang = 'en'): string | undefined {
  if (index < 0) return undefined;
  return lang === 'zh' ? `删除第${index + 1}张` : `remove photo ${index + 1}`;
}

export const PRESET_BUTTONS = ['youtube', 'vertical', 'square', 'portrait'] as const;
export type PresetButton = (typeof PRESET_BUTTONS)[number];

const PRESET_WORDS: Record<PresetButton, Record<Lang, string>> = {
  youtube: { en: 'make it YouTube 16:9', zh: '改成横屏16:9' },
  vertical: { en: 'make it vertical 9:16', zh: '改成竖屏9:16' },
  square: { en: 'make it square 1:1', zh: '改成方形1:1' },
  portrait: { en: 'make it portrait 4:5', zh: '改成竖版4:5' },
};

export function presetInstruction(preset: PresetButton, lang: Lang = 'en'): string {
  return PRESET_WORDS[preset][lang];
}

/** Sent when photos are on the session but the timeline is still empty. */
export function createInstruction(lang: Lang = 'en'): string {
  return lang === 'zh' ? '把这些照片做成视频' : 'turn these photos into a slideshow video';
}

/** Appends the uploads that are not on the timeline yet, keeping every edit (one undo step). */
export function addNewInstruction(lang: Lang = 'en'): string {
  return lang === 'zh' ? '把新照片加进去' : 'add the new photos';
}

export function undoInstruction(lang: Lang = 'en'): string {
  return lang === 'zh' ? '撤销' : 'undo';
}

export function redoInstruction(lang: Lang = 'en'): string {
  return lang === 'zh' ? '重做' : 'redo';
}
