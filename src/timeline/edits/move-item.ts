import { z } from 'zod';
import type { Draft } from '../draft.ts';
import { index } from './args.ts';
import { applyReshape, undoReshape, type Reshape } from './collateral.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { clone } from './json.ts';
import { videoItems } from './video-items.ts';

export const moveItemArgs = z.object({ from: index, to: index });
type Args = z.infer<typeof moveItemArgs>;

function reshape(draft: Draft, a: Args): Reshape {
  const items = clone(videoItems(draft));
  if (a.from >= items.length || a.to >= items.length) {
    throw editInvalid(
      'move_item',
      `There is no item ${Math.max(a.from, a.to) + 1}: the video has ${items.length}. Nothing was changed.`,
    );
  }
  const origin: (number | undefined)[] = items.map((_, i) => i);
  const [item] = items.splice(a.from, 1);
  const [o] = origin.splice(a.from, 1);
  if (item) items.splice(a.to, 0, item);
  origin.splice(a.to, 0, o);
  return { items, origin, reorders: true };
}

/** `move_item`: takes the item at `from` out and puts it so that it ends up at index `to`. Undone by move_item to → from. */
export const moveItem: EditFactory<Args> = defineEdit({
  name: 'move_item',
  args: moveItemArgs,
  run: (draft, a, before) => applyReshape(draft, before, reshape(before, a)),
  inverse: (before, a) => undoReshape(before, reshape(before, a), moveItem({ from: a.to, to: a.from })),
});
