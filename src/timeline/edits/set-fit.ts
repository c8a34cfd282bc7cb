import { z } from 'zod';
import { FITS } from '../draft.ts';
import { itemsArg } from './args.ts';
import { byValue } from './by-value.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { groupOf } from './group.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setFitArgs = z.object({
  items: itemsArg,
  /** `null` removes the field (the renderer's default fit). */
  fit: z.enum(FITS).nullable(),
});

/**
 * `set_fit`: how a photo fills the frame: cover (crop), contain (whole photo) or blur (blurred fill
 * behind). Undone by set_fit with each item's previous fit (one edit per distinct previous value).
 */
export const setFit: EditFactory<z.infer<typeof setFitArgs>> = defineEdit({
  name: 'set_fit',
  args: setFitArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of targetIndexes(items, a.items, (s) => editInvalid('set_fit', s))) {
      const item = items[i];
      if (!item) continue;
      if (a.fit === null) delete item.m.fit;
      else item.m.fit = a.fit;
    }
    return draft;
  },
  inverse(before, a) {
    const items = videoItems(before);
    const which = targetIndexes(items, a.items, (s) => editInvalid('set_fit', s));
    return groupOf(
      byValue(which, (i) => items[i]?.m.fit ?? null).map((g) => setFit({ items: g.items, fit: g.value })),
    );
  },
});
