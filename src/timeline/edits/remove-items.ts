import { z } from 'zod';
import { videoItemSchema, videoTrack, type Draft, type VideoItem } from '../draft.ts';
import { index } from './args.ts';
import { applyReshape, undoReshape, type Reshape } from './collateral.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { clone } from './json.ts';
import { replaceDraft } from './replace-draft.ts';
import { videoItems } from './video-items.ts';

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
type RemoveArgs = z.infer<typeof removeItemsArgs>;
type InsertArgs = z.infer<typeof insertItemsArgs>;

function removal(draft: Draft, a: RemoveArgs): Reshape {
  const old = videoItems(draft);
  const missing = a.indices.find((i) => i >= old.length);
  if (missing !== undefined) {
    throw editInvalid(
      'remove_items',
      `There is no item ${missing + 1}: the video has ${old.length}. Nothing was removed.`,
    );
  }
  const gone = new Set(a.indices);
  const origin = old.map((_, i) => i).filter((i) => !gone.has(i));
  return { items: origin.map((i) => clone(old[i] as VideoItem)), origin, reorders: true };
}

function insertion(draft: Draft, a: InsertArgs): Reshape {
  const old = videoItems(draft);
  const total = old.length + a.items.length;
  const late = a.items.find((x) => x.index >= total);
  if (late) {
    throw editInvalid(
      'insert_items',
      `Cannot put an item at position ${late.index + 1}: with ${a.items.length} more the video has ${total}. Nothing was changed.`,
    );
  }
  const at = new Map(a.items.map((x) => [x.index, x.item]));
  const items: VideoItem[] = [];
  const origin: (number | undefined)[] = [];
  let next = 0;
  for (let i = 0; i < total; i++) {
    const added = at.get(i);
    items.push(clone(added ?? (old[next] as VideoItem)));
    origin.push(added ? undefined : next++);
  }
  return { items, origin, reorders: true };
}

/**
 * `remove_items`: takes several photos or clips out at once. Removing every item is allowed, as for
 * `remove_item` (the draft allows an empty video track, and `insert_items` into an empty video must be
 * undoable); asking before emptying the video is the interpreter's call. Transitions, music and text
 * follow as for `remove_item`. Undone by `insert_items` with the removed items at their places (plus,
 * when the timing rules cut them, the transitions, music or captions as they were).
 */
export const removeItems: EditFactory<RemoveArgs> = defineEdit({
  name: 'remove_items',
  args: removeItemsArgs,
  run: (draft, a, before) => applyReshape(draft, before, removal(before, a)),
  inverse(before, a) {
    const items = videoItems(before);
    const back = [...a.indices]
      .sort((x, y) => x - y)
      .map((i) => ({ index: i, item: clone(items[i] as VideoItem) }));
    return undoReshape(before, removal(before, a), insertItems({ items: back }));
  },
});

/**
 * `insert_items`: puts several photos or clips in at once; each `index` is where the item ends up
 * (so the inverse of `remove_items` lists the removed items at their old places). Undone by `remove_items`.
 */
export const insertItems: EditFactory<InsertArgs> = defineEdit({
  name: 'insert_items',
  args: insertItemsArgs,
  run: (draft, a, before) => applyReshape(draft, before, insertion(before, a)),
  inverse: (before, a) =>
    // Into a draft with no video track at all, undoing puts that draft back (no empty track left behind).
    videoTrack(before)
      ? undoReshape(before, insertion(before, a), removeItems({ indices: a.items.map((x) => x.index) }))
      : replaceDraft({ draft: before }),
});
