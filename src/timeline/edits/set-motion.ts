import { z } from 'zod';
import { AUTO_MOTIONS } from '../build.ts';
import { MOTIONS } from '../draft.ts';
import { itemsArg } from './args.ts';
import { byValue } from './by-value.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { groupOf } from './group.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const DEFAULT_MOTION_AMOUNT = 0.1;

export const setMotionArgs = z.object({
  items: itemsArg,
  /**
   * A motion, or `auto`: the varied Ken Burns cycle of slideshowDraft, by position. Absent: keep the
   * type. `null` removes the motion field altogether.
   */
  type: z
    .enum([...MOTIONS, 'auto'])
    .nullable()
    .optional(),
  /** How far it goes. Absent: keep it (or 0.1 for a new motion). `null` removes the field. */
  amount: z.number().min(0).max(0.5).nullable().optional(),
});

/**
 * `set_motion`: Ken Burns motion (zoom, pan, none) and how far it goes. `none` drops the amount unless
 * one is given. Undone by set_motion with each item's previous type and amount.
 */
export const setMotion: EditFactory<z.infer<typeof setMotionArgs>> = defineEdit({
  name: 'set_motion',
  args: setMotionArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of targetIndexes(items, a.items, (s) => editInvalid('set_motion', s))) {
      const item = items[i];
      if (!item) continue;
      if (a.type === null) {
        delete item.m.motion;
        continue;
      }
      const old = item.m.motion;
      const type =
        a.type === 'auto'
          ? (AUTO_MOTIONS[i % AUTO_MOTIONS.length] ?? 'zoom-in')
          : (a.type ?? old?.type ?? 'none');
      const motion = { ...old, type };
      const amount =
        a.amount === null
          ? undefined
          : (a.amount ?? (type === 'none' ? undefined : (old?.amount ?? DEFAULT_MOTION_AMOUNT)));
      if (amount === undefined) delete motion.amount;
      else motion.amount = amount;
      item.m.motion = motion;
    }
    return draft;
  },
  inverse(before, a) {
    const items = videoItems(before);
    const which = targetIndexes(items, a.items, (s) => editInvalid('set_motion', s));
    const previous = (i: number) => {
      const m = items[i]?.m.motion;
      return m ? { type: m.type, amount: m.amount ?? null } : { type: null };
    };
    return groupOf(byValue(which, previous).map((g) => setMotion({ items: g.items, ...g.value })));
  },
});
