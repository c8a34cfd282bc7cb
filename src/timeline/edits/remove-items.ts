import { z } from 'zod';
import { videoItemSchema, type VideoItem } from '../draft.ts';
import { index } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { settle } from './settle.ts';
import { ensureVideoTrack, videoItems } from './video-items.ts';

const distinct = (xs: readonly number[]) => new Set(xs).size === xs.length;

export const removeItemsArgs = z.object({
  /** 0-based positions on the video track, each once, in any order. */
  indices: z.array(index).min(1).refine(distinct, { message: 'must not repeat an index' }),
});
export const insertItemsArgs = z.object({
  /** Each item with the position it has AFTER the insert (0-based, each position once). */
  items: z
    .array(z.object({ index, item: videoItemSchema }))
    .min(1)
    .refine((xs) => distinct(xs.map((x) => x.index)), { message: 'must not repeat an index' }),
});

/**
 * `remove_items`: takes several photos or clips out at once. Removing every item is allowed, as for
 * `remove_item` (the draft allows an empty video track, and `insert_items` into an empty video must be
 * undoable); asking before emptying the video is the interpreter's call. Transitions, music and text
 * follow as for `remove_item`. Undone by `insert_items` with the removed items at their places.
 */
export const removeItems: EditFactory<z.infer<typeof removeItemsArgs>> = defineEdit({
  name: 'remove_items',
  args: removeItemsArgs,
  run(draft, a, before) {
    const items = videoItems(draft);
    const missing = a.indices.find((i) => i >= items.length);
    if (missing !== undefined) {
      throw editInvalid(
        'remove_items',
        `There is no item ${missing + 1}: the video has ${items.length}. Nothing was removed.`,
      );
    }
    const gone = new Set(a.indices);
    const origin = items.map((_, i) => i).filter((i) => !gone.has(i));
    const kept = origin.map((i) => items[i] as VideoItem);
    items.splice(0, items.length, ...kept);
    return settle(before, draft, { origin, keepUniformTransitions: true });
  },
  inverse(before, a) {
    const items = videoItems(before);
    const back = [...a.indices]
      .sort((x, y) => x - y)
      .map((i) => ({ index: i, item: structuredClone(items[i] as VideoItem) }));
    return insertItems({ items: back });
  },
});

/**
 * `insert_items`: puts several photos or clips in at once; each `index` is where the item ends up
 * (so the inverse of `remove_items` lists the removed items at their old places). Undone by `remove_items`.
 */
export const insertItems: EditFactory<z.infer<typeof insertItemsArgs>> = defineEdit({
  name: 'insert_items',
  args: insertItemsArgs,
  run(draft, a, before) {
    const items = ensureVideoTrack(draft).sg;
    const total = items.length + a.items.length;
    const late = a.items.find((x) => x.index >= total);
    if (late) {
      throw editInvalid(
        'insert_items',
        `Cannot put an item at position ${late.index + 1}: with ${a.items.length} more the video has ${total}. Nothing was changed.`,
      );
    }
    const at = new Map(a.items.map((x) => [x.index, x.item]));
    const old = [...items];
    let next = 0;
    const origin: (number | undefined)[] = [];
    const out: VideoItem[] = [];
    for (let i = 0; i < total; i++) {
      const added = at.get(i);
      if (added) {
        out.push(structuredClone(added));
        origin.push(undefined);
      } else {
        out.push(old[next] as VideoItem);
        origin.push(next++);
      }
    }
    items.splice(0, items.length, ...out);
    return settle(before, draft, { origin, keepUniformTransitions: true });
  },
  inverse: (_before, a) => removeItems({ indices: a.items.map((x) => x.index) }),
});
