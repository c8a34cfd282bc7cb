import { z } from 'zod';
import { videoItemSchema, videoTrack, type Draft, type VideoItem } from '../draft.ts';
import { index } from './args.ts';
import { applyReshape, undoReshape, type Reshape } from './collateral.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { clone } from './json.ts';
import { replaceDraft } from './replace-draft.ts';
import { videoItems } from './video-items.ts';

export const removeItemArgs = z.object({ index });
export const insertItemArgs = z.object({ index, item: videoItemSchema });
type RemoveArgs = z.infer<typeof removeItemArgs>;
type InsertArgs = z.infer<typeof insertItemArgs>;

function removal(draft: Draft, a: RemoveArgs): Reshape {
  const items = clone(videoItems(draft));
  if (a.index >= items.length) {
    throw editInvalid(
      'remove_item',
      `There is no item ${a.index + 1}: the video has ${items.length}. Nothing was removed.`,
    );
  }
  items.splice(a.index, 1);
  return { items, origin: items.map((_, i) => (i < a.index ? i : i + 1)), reorders: true };
}

function insertion(draft: Draft, a: InsertArgs): Reshape {
  const items = clone(videoItems(draft));
  if (a.index > items.length) {
    throw editInvalid(
      'insert_item',
      `Cannot insert at position ${a.index + 1}: the video has ${items.length} items. Nothing was changed.`,
    );
  }
  items.splice(a.index, 0, clone(a.item));
  const origin = items.map((_, i) => (i < a.index ? i : i === a.index ? undefined : i - 1));
  return { items, origin, reorders: true };
}

/**
 * `remove_item`: takes one photo or clip out. Undone by insert_item with the exact item at its place
 * (plus, when the timing rules cut them, the transitions, music or captions as they were).
 */
export const removeItem: EditFactory<RemoveArgs> = defineEdit({
  name: 'remove_item',
  args: removeItemArgs,
  run: (draft, a, before) => applyReshape(draft, before, removal(before, a)),
  inverse: (before, a) =>
    undoReshape(
      before,
      removal(before, a),
      insertItem({ index: a.index, item: clone(videoItems(before)[a.index] as VideoItem) }),
    ),
});

/** `insert_item`: puts a photo or clip at `index` (0 = first; the item count = at the end). Undone by remove_item. */
export const insertItem: EditFactory<InsertArgs> = defineEdit({
  name: 'insert_item',
  args: insertItemArgs,
  run: (draft, a, before) => applyReshape(draft, before, insertion(before, a)),
  inverse: (before, a) =>
    // Into a draft with no video track at all, undoing puts that draft back (no empty track left behind).
    videoTrack(before)
      ? undoReshape(before, insertion(before, a), removeItem({ index: a.index }))
      : replaceDraft({ draft: before }),
});
