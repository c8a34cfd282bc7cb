import { z } from 'zod';
import type { Draft } from '../draft.ts';
import { durationMs, itemsArg } from './args.ts';
import { applyReshape, undoReshape, type Reshape } from './collateral.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { groupOf } from './group.ts';
import { clone } from './json.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setItemDurationArgs = z.object({
  items: itemsArg,
  ms: z.union([durationMs, z.array(durationMs).min(1)]),
});
type Args = z.infer<typeof setItemDurationArgs>;

/** The items with their new durations. */
function reshape(draft: Draft, a: Args): Reshape & { which: number[] } {
  const fail = (s: string) => editInvalid('set_item_duration', s);
  const items = clone(videoItems(draft));
  const which = targetIndexes(items, a.items, fail);
  if (Array.isArray(a.ms) && a.ms.length !== which.length) {
    throw fail(
      `set_item_duration got ${a.ms.length} durations for ${which.length} items: give one per item.`,
    );
  }
  which.forEach((i, k) => {
    const item = items[i];
    if (item) item.d = Array.isArray(a.ms) ? (a.ms[k] ?? item.d) : a.ms;
  });
  return { items, origin: items.map((_, i) => i), reorders: false, which };
}

/**
 * `set_item_duration`: how long items stay on screen. `ms` is one value for every listed item,
 * or one value per listed item. Transitions, music and text follow (see settle). Undone by
 * set_item_duration with the previous durations, plus what the timing rules cut (see collateralRestores).
 */
export const setItemDuration: EditFactory<Args> = defineEdit({
  name: 'set_item_duration',
  args: setItemDurationArgs,
  run: (draft, a, before) => applyReshape(draft, before, reshape(before, a)),
  inverse(before, a) {
    const r = reshape(before, a);
    const items = videoItems(before);
    const which = [...new Set(r.which)];
    if (which.length === 0) return groupOf([]); // `all` on an empty video changes nothing
    const ms = which.map((i) => items[i]?.d ?? 1);
    const same = ms.every((d) => d === ms[0]);
    return undoReshape(before, r, setItemDuration({ items: which, ms: same ? (ms[0] ?? 1) : ms }));
  },
});
