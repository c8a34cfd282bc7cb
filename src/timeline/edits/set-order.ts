import { z } from 'zod';
import type { Draft, VideoItem } from '../draft.ts';
import { index } from './args.ts';
import { applyReshape, undoReshape, type Reshape } from './collateral.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { clone } from './json.ts';
import { videoItems } from './video-items.ts';

export const setOrderArgs = z.object({
  /** A permutation: the new item i is the old item order[i]. */
  order: z.array(index).refine((o) => new Set(o).size === o.length && o.every((i) => i < o.length), {
    message: 'must be a permutation of 0..n-1',
  }),
});
type Args = z.infer<typeof setOrderArgs>;

/** The permutation that undoes `order`. */
export function inversePermutation(order: readonly number[]): number[] {
  const inv = new Array<number>(order.length).fill(0);
  order.forEach((old, i) => (inv[old] = i));
  return inv;
}

function reshape(draft: Draft, a: Args): Reshape {
  const old = videoItems(draft);
  if (a.order.length !== old.length) {
    throw editInvalid(
      'set_order',
      `set_order got an order of ${a.order.length} items for a video of ${old.length}: list every item once.`,
    );
  }
  const items = a.order.map((from) => clone(old[from] as VideoItem));
  return { items, origin: [...a.order], reorders: true };
}

/** `set_order`: reorders the video items (reverse, shuffle, sort); undone by the inverse permutation. */
export const setOrder: EditFactory<Args> = defineEdit({
  name: 'set_order',
  args: setOrderArgs,
  run: (draft, a, before) => applyReshape(draft, before, reshape(before, a)),
  inverse: (before, a) =>
    undoReshape(before, reshape(before, a), setOrder({ order: inversePermutation(a.order) })),
});
