import { z } from 'zod';
import { FITS } from '../draft.ts';
import { itemsArg } from './args.ts';
import { defineEdit, editInvalid } from './define-edit.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setFitArgs = z.object({ items: itemsArg, fit: z.enum(FITS) });

/** `set_fit`: how a photo fills the frame: cover (crop), contain (whole photo) or blur (blurred fill behind). */
export const setFit = defineEdit({
  name: 'set_fit',
  args: setFitArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of targetIndexes(items, a.items, (s) => editInvalid('set_fit', s))) {
      const item = items[i];
      if (item) item.m.fit = a.fit;
    }
    return draft;
  },
});
