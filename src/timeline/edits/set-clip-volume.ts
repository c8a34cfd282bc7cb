import { z } from 'zod';
import { itemsArg } from './args.ts';
import { byValue } from './by-value.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { groupOf } from './group.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setClipVolumeArgs = z.object({
  items: itemsArg,
  /** 0 mutes; `null` removes the field (the clip's own level). */
  volume: z.number().min(0).max(4).nullable(),
});

/** `set_clip_volume`: the volume of clips' own sound. Undone by set_clip_volume with each item's previous volume. */
export const setClipVolume: EditFactory<z.infer<typeof setClipVolumeArgs>> = defineEdit({
  name: 'set_clip_volume',
  args: setClipVolumeArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of targetIndexes(items, a.items, (s) => editInvalid('set_clip_volume', s))) {
      const item = items[i];
      if (!item) continue;
      if (a.volume === null) delete item.m.volume;
      else item.m.volume = a.volume;
    }
    return draft;
  },
  inverse(before, a) {
    const items = videoItems(before);
    const which = targetIndexes(items, a.items, (s) => editInvalid('set_clip_volume', s));
    return groupOf(
      byValue(which, (i) => items[i]?.m.volume ?? null).map((g) =>
        setClipVolume({ items: g.items, volume: g.value }),
      ),
    );
  },
});
