import { z } from 'zod';
import type { VideoItem } from '../draft.ts';
import { TRANSITION_TYPES } from '../transitions.ts';
import { itemsArg, timeMs } from './args.ts';
import { byValue } from './by-value.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { groupOf } from './group.ts';
import { videoItems } from './video-items.ts';

export const DEFAULT_TRANSITION_MS = 500;

export const setTransitionArgs = z.object({
  /** The items whose cut INTO THE NEXT item changes (0 = between the first and second). */
  items: itemsArg,
  /** A transition name, `cut`, `random`, or `none` to remove it. */
  type: z.enum([...TRANSITION_TYPES, 'none']).optional(),
  d: timeMs.optional(),
});

/** The cuts `which` names, checked against the video (a cut needs an item after it). */
function cutIndexes(items: readonly VideoItem[], which: 'all' | readonly number[]): number[] {
  if (which === 'all') return items.slice(0, -1).map((_, i) => i);
  for (const i of which) {
    if (!items[i] || !items[i + 1]) {
      throw editInvalid(
        'set_transition',
        `There is no cut after item ${i + 1}: transitions go between two items and the video has ${items.length}. Nothing was changed.`,
      );
    }
  }
  return [...which];
}

/** The set_transition edits that put back the transitions of `cuts` as they are in `items`. */
export function restoreTransitions(items: readonly VideoItem[], cuts: readonly number[]) {
  const previous = (i: number) => {
    const tr = items[i]?.m.tr;
    return tr ? { type: tr.type, d: tr.d } : { type: 'none' as const };
  };
  return byValue(cuts, previous).map((g) => setTransition({ items: g.items, ...g.value }));
}

/**
 * `set_transition`: the transition out of each listed item into the next. Without `type` only the
 * duration changes; without `d` the old duration (or 500 ms) is kept. `d` is clamped to the shorter
 * neighbour. Undone by set_transition with each cut's previous type and duration (`none` where there was none).
 */
export const setTransition: EditFactory<z.infer<typeof setTransitionArgs>> = defineEdit({
  name: 'set_transition',
  args: setTransitionArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of cutIndexes(items, a.items)) {
      const item = items[i];
      const next = items[i + 1];
      if (!item || !next) continue;
      if (a.type === 'none') {
        delete item.m.tr;
        continue;
      }
      const type = a.type ?? item.m.tr?.type;
      if (!type) continue;
      const d =
        type === 'cut'
          ? a.type === 'cut'
            ? (a.d ?? 0) // a cut lasts 0 unless a length is given with it (as an exact undo does)
            : 0
          : (a.d ?? (item.m.tr?.type === 'cut' ? undefined : item.m.tr?.d) ?? DEFAULT_TRANSITION_MS);
      item.m.tr = { ...item.m.tr, type, d: Math.min(d, item.d, next.d) };
    }
    return draft;
  },
  inverse(before, a) {
    const items = videoItems(before);
    return groupOf(restoreTransitions(items, cutIndexes(items, a.items)));
  },
});
