import { z } from 'zod';
import { index } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { settle } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setOrderArgs = z.object({
  /** A permutation: the new item i is the old item order[i]. */
  order: z.array(index).refine((o) => new Set(o).size === o.length && o.every((i) => i < o.length), {
    message: 'must be a permutation of 0..n-1',
  }),
});

/** The permutation that undoes `order`. */
export function inversePermutation(order: readonly number[]): number[] {
  const inv = new Array<number>(order.length).fill(0);
  order.forEach((old, i) => (inv[old] = i));
  return inv;
}

/** `set_order`: reorders the video items (reverse, shuffle, sort); undone by the inverse permutation. */
export const setOrder: EditFactory<z.infer<typeof setOrderArgs>> = defineEdit({
  name: 'set_order',
  args: setOrderArgs,
  run(draft, a, before) {
    const items = videoItems(draft);
    if (a.order.length !== items.length) {
      throw editInvalid(
        'set_order',
        `set_order got an order of ${a.order.length} items for a video of ${items.length}: list every item once.`,
      );
    }
    const old = [...items];
    a.order.forEach((from, i) => {
      const item = old[from];
      if (item) items[i] = item;
    });
    return settle(before, draft, { origin: a.order, keepUniformTransitions: true });
  },
  inverse: (_before, a) => setOrder({ order: inversePermutation(a.order) }),
});
