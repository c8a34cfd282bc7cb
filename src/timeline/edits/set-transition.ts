import { z } from 'zod';
import { TRANSITION_TYPES } from '../transitions.ts';
import { itemsArg, timeMs } from './args.ts';
import { defineEdit, editInvalid } from './define-edit.ts';
import { videoItems } from './video-items.ts';

export const DEFAULT_TRANSITION_MS = 500;

export const setTransitionArgs = z.object({
  /** The items whose cut INTO THE NEXT item changes (0 = between the first and second). */
  items: itemsArg,
  /** A transition name, `cut`, `random`, or `none` to remove it. */
  type: z.enum([...TRANSITION_TYPES, 'none']).optional(),
  d: timeMs.optional(),
});

/**
 * `set_transition`: the transition out of each listed item into the next. Without `type` only the
 * duration changes; without `d` the old duration (or 500 ms) is kept. `d` is clamped to the shorter neighbour.
 */
export const setTransition = defineEdit({
  name: 'set_transition',
  args: setTransitionArgs,
  run(draft, a) {
    const items = videoItems(draft);
    const fail = (s: string) => editInvalid('set_transition', s);
    const cuts = a.items === 'all' ? items.slice(0, -1).map((_, i) => i) : a.items;
    for (const i of cuts) {
      const item = items[i];
      const next = items[i + 1];
      if (!item || !next) {
        throw fail(
          `There is no cut after item ${i + 1}: transitions go between two items and the video has ${items.length}. Nothing was changed.`,
        );
      }
      if (a.type === 'none') {
        delete item.m.tr;
        continue;
      }
      const type = a.type ?? item.m.tr?.type;
      if (!type) continue;
      const d =
        type === 'cut'
          ? 0
          : (a.d ?? (item.m.tr?.type === 'cut' ? undefined : item.m.tr?.d) ?? DEFAULT_TRANSITION_MS);
      item.m.tr = { ...item.m.tr, type, d: Math.min(d, item.d, next.d) };
    }
    return draft;
  },
});
