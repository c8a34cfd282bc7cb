import { z } from 'zod';
import { AUTO_MOTIONS } from '../build.ts';
import { MOTIONS } from '../draft.ts';
import { itemsArg } from './args.ts';
import { defineEdit, editInvalid } from './define-edit.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const DEFAULT_MOTION_AMOUNT = 0.1;

export const setMotionArgs = z.object({
  items: itemsArg,
  /** A motion, or `auto`: the varied Ken Burns cycle of slideshowDraft, by position. Absent: keep the type. */
  type: z.enum([...MOTIONS, 'auto']).optional(),
  amount: z.number().min(0).max(0.5).optional(),
});

/** `set_motion`: Ken Burns motion (zoom, pan, none) and how far it goes. */
export const setMotion = defineEdit({
  name: 'set_motion',
  args: setMotionArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of targetIndexes(items, a.items, (s) => editInvalid('set_motion', s))) {
      const item = items[i];
      if (!item) continue;
      const old = item.m.motion;
      const type =
        a.type === 'auto'
          ? (AUTO_MOTIONS[i % AUTO_MOTIONS.length] ?? 'zoom-in')
          : (a.type ?? old?.type ?? 'none');
      if (type === 'none') {
        item.m.motion = { type: 'none' };
        continue;
      }
      item.m.motion = { ...old, type, amount: a.amount ?? old?.amount ?? DEFAULT_MOTION_AMOUNT };
    }
    return draft;
  },
});
