import { z } from 'zod';
import { videoItemSchema } from '../draft.ts';
import { index } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { settle } from './settle.ts';
import { ensureVideoTrack, videoItems } from './video-items.ts';

export const removeItemArgs = z.object({ index });
export const insertItemArgs = z.object({ index, item: videoItemSchema });

/** `remove_item`: takes one photo or clip out. Undone by inserting the exact item back. */
export const removeItem: EditFactory<z.infer<typeof removeItemArgs>> = defineEdit({
  name: 'remove_item',
  args: removeItemArgs,
  run(draft, a, before) {
    const items = videoItems(draft);
    if (a.index >= items.length) {
      throw editInvalid(
        'remove_item',
        `There is no item ${a.index + 1}: the video has ${items.length}. Nothing was removed.`,
      );
    }
    items.splice(a.index, 1);
    const origin = items.map((_, i) => (i < a.index ? i : i + 1));
    return settle(before, draft, { origin, keepUniformTransitions: true });
  },
  inverse: (before, a) => {
    const item = videoItems(before)[a.index];
    return item ? insertItem({ index: a.index, item: structuredClone(item) }) : undefined;
  },
});

/** `insert_item`: puts a photo or clip at `index` (0 = first; the item count = at the end). */
export const insertItem: EditFactory<z.infer<typeof insertItemArgs>> = defineEdit({
  name: 'insert_item',
  args: insertItemArgs,
  run(draft, a, before) {
    const items = ensureVideoTrack(draft).sg;
    if (a.index > items.length) {
      throw editInvalid(
        'insert_item',
        `Cannot insert at position ${a.index + 1}: the video has ${items.length} items. Nothing was changed.`,
      );
    }
    items.splice(a.index, 0, structuredClone(a.item));
    const origin = items.map((_, i) => (i < a.index ? i : i === a.index ? undefined : i - 1));
    return settle(before, draft, { origin, keepUniformTransitions: true });
  },
  inverse: (_before, a) => removeItem({ index: a.index }),
});
