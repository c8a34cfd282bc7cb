import { z } from 'zod';
import { index } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { settle } from './settle.ts';
import { videoItems } from './video-items.ts';

export const moveItemArgs = z.object({ from: index, to: index });

/** `move_item`: takes the item at `from` out and puts it so that it ends up at index `to`. */
export const moveItem: EditFactory<z.infer<typeof moveItemArgs>> = defineEdit({
  name: 'move_item',
  args: moveItemArgs,
  run(draft, a, before) {
    const items = videoItems(draft);
    if (a.from >= items.length || a.to >= items.length) {
      throw editInvalid(
        'move_item',
        `There is no item ${Math.max(a.from, a.to) + 1}: the video has ${items.length}. Nothing was changed.`,
      );
    }
    const origin = items.map((_, i) => i);
    const [item] = items.splice(a.from, 1);
    const [o] = origin.splice(a.from, 1);
    if (item) items.splice(a.to, 0, item);
    if (o !== undefined) origin.splice(a.to, 0, o);
    return settle(before, draft, { origin, keepUniformTransitions: true });
  },
  inverse: (_before, a) => moveItem({ from: a.to, to: a.from }),
});
