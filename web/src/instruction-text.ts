/**
 * The typed instructions the page sends for what a person does with the mouse or keyboard,
 * so every change goes through the same edits (and undo) as words typed in the chat.
 * Positions are 0-based here and 1-based in the words, as people count.
 */

/** Moves item `from` so that it ends up at index `to` (both 0-based, of a track of `count` items). */
export function moveInstruction(from: number, to: number, count: number): string | undefined {
  if (from === to || from < 0 || to < 0 || from >= count || to >= count) return undefined;
  const n = from + 1;
  if (to === 0) return `move photo ${n} to the start`;
  if (to === count - 1) return `move photo ${n} to the end`;
  // Moving left: it lands after the item now at to-1. Moving right: after the item now at `to`.
  const after = to < from ? to : to + 1;
  return `move photo ${n} after photo ${after}`;
}

/** Formats seconds without float noise: 2, 2.5, 0.3. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds * 10) / 10;
  return Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1);
}

export function durationInstruction(index: number, seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds <= 0 || index < 0) return undefined;
  return `set photo ${index + 1} to ${formatSeconds(seconds)} seconds`;
}

export function removeInstruction(index: number): string | undefined {
  if (index < 0) return undefined;
  return `remove photo ${index + 1}`;
}

export const PRESET_BUTTONS = ['youtube', 'vertical', 'square', 'portrait'] as const;
export type PresetButton = (typeof PRESET_BUTTONS)[number];

export function presetInstruction(preset: PresetButton): string {
  switch (preset) {
    case 'youtube':
      return 'make it YouTube 16:9';
    case 'vertical':
      return 'make it vertical 9:16';
    case 'square':
      return 'make it square 1:1';
    case 'portrait':
      return 'make it portrait 4:5';
  }
}

/** Sent when photos are on the session but the timeline is still empty. */
export const CREATE_INSTRUCTION = 'turn these photos into a slideshow video';
