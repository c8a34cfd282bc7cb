import { z } from 'zod';
import { itemsArg } from './args.ts';
import { defineEdit, editInvalid } from './define-edit.ts';
import { targetIndexes } from './settle.ts';
import { videoItems } from './video-items.ts';

export const setClipVolumeArgs = z.object({ items: itemsArg, volume: z.number().min(0).max(4) });

/** `set_clip_volume`: the volume of clips' own sound (0 mutes it). */
export const setClipVolume = defineEdit({
  name: 'set_clip_volume',
  args: setClipVolumeArgs,
  run(draft, a) {
    const items = videoItems(draft);
    for (const i of targetIndexes(items, a.items, (s) => editInvalid('set_clip_volume', s))) {
      const item = items[i];
      if (item) item.m.volume = a.volume;
    }
    return draft;
  },
});
