import { z } from 'zod';
import { durationMs, itemsArg } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { settle, targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setItemDurationArgs = z.object({
  items: itemsArg,
  ms: z.union([durationMs, z.array(durationMs).min(1)]),
});

/**
 * `set_item_duration`: how long items stay on screen. `ms` is one value for every listed item,
 * or one value per listed item. Transitions, music and text follow (see settle).
 */
export const setItemDuration: EditFactory<z.infer<typeof setItemDurationArgs>> = defineEdit({
  name: 'set_item_duration',
  args: setItemDurationArgs,
  run(draft, a, before) {
    const items = videoItems(draft);
    const fail = (s: string) => editInvalid('set_item_duration', s);
    const which = targetIndexes(items, a.items, fail);
    if (Array.isArray(a.ms) && a.ms.length !== which.length) {
      throw fail(
        `set_item_duration got ${a.ms.length} durations for ${which.length} items: give one per item.`,
      );
    }
    which.forEach((i, k) => {
      const item = items[i];
      if (item) item.d = Array.isArray(a.ms) ? (a.ms[k] ?? item.d) : a.ms;
    });
    return settle(before, draft);
  },
  inverse(before, a) {
    const items = videoItems(before);
    const which = a.items === 'all' ? items.map((_, i) => i) : a.items;
    return setItemDuration({ items: which, ms: which.map((i) => items[i]?.d ?? 1) });
  },
});
