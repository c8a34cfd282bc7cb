import { z } from 'zod';
import {
  TEXT_POSITIONS,
  TRACK_TEXT,
  textTracks,
  type Draft,
  type TextItem,
  type TextTrack,
} from '../draft.ts';
import { totalMs } from '../timing.ts';
import { durationMs, index, timeMs } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';

const style = {
  pos: z.enum(TEXT_POSITIONS).optional(),
  size: z.number().min(0.01).max(0.3).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
};
const text = z.string().trim().min(1).max(500);

export const addTextArgs = z.object({ text, s: timeMs, d: durationMs, ...style });
export const setTextArgs = z.object({
  index,
  text: text.optional(),
  s: timeMs.optional(),
  d: durationMs.optional(),
  ...style,
});
export const removeTextArgs = z.object({ index });

function firstTextTrack(draft: Draft): TextTrack | undefined {
  return textTracks(draft)[0];
}

/** Keeps a text segment inside the video (when the video has any length). */
function fitInside(draft: Draft, seg: TextItem, name: string): void {
  const total = totalMs(draft);
  if (total === 0) return;
  if (seg.s >= total) {
    throw editInvalid(
      name,
      `The text would start at ${seg.s / 1000}s, after the video ends (${total / 1000}s). Nothing was changed.`,
    );
  }
  seg.d = Math.min(seg.d, total - seg.s);
}

function segmentAt(draft: Draft, i: number, name: string): TextItem {
  const seg = firstTextTrack(draft)?.sg[i];
  if (!seg) {
    const n = firstTextTrack(draft)?.sg.length ?? 0;
    throw editInvalid(
      name,
      `There is no text ${i + 1}: the video has ${n} text item${n === 1 ? '' : 's'}. Nothing was changed.`,
    );
  }
  return seg;
}

/** Where a new segment lands in a track kept sorted by start (after others with the same start). */
function insertSorted(track: TextTrack, seg: TextItem): void {
  const at = track.sg.findIndex((x) => x.s > seg.s);
  track.sg.splice(at < 0 ? track.sg.length : at, 0, seg);
}

/** `add_text`: a title or caption from `s` for `d` ms on the (first) text track, created when missing. */
export const addText: EditFactory<z.infer<typeof addTextArgs>> = defineEdit({
  name: 'add_text',
  args: addTextArgs,
  run(draft, a) {
    let track = firstTextTrack(draft);
    if (!track) {
      track = { tt: TRACK_TEXT, sg: [] };
      draft.t.push(track);
    }
    const { text: words, s, d, ...m } = a;
    const seg: TextItem = { text: words, s, d, m };
    fitInside(draft, seg, 'add_text');
    insertSorted(track, seg);
    return draft;
  },
  inverse: (before, a) =>
    removeText({ index: firstTextTrack(before)?.sg.filter((x) => x.s <= a.s).length ?? 0 }),
});

/** `set_text`: changes the words, timing or look of text segment `index`. */
export const setText = defineEdit({
  name: 'set_text',
  args: setTextArgs,
  run(draft, a) {
    const seg = segmentAt(draft, a.index, 'set_text');
    if (a.text !== undefined) seg.text = a.text;
    if (a.s !== undefined) seg.s = a.s;
    if (a.d !== undefined) seg.d = a.d;
    if (a.pos !== undefined) seg.m.pos = a.pos;
    if (a.size !== undefined) seg.m.size = a.size;
    if (a.color !== undefined) seg.m.color = a.color;
    fitInside(draft, seg, 'set_text');
    firstTextTrack(draft)?.sg.sort((x, y) => x.s - y.s);
    return draft;
  },
});

/** `remove_text`: deletes text segment `index`; an emptied text track goes too. */
export const removeText: EditFactory<z.infer<typeof removeTextArgs>> = defineEdit({
  name: 'remove_text',
  args: removeTextArgs,
  run(draft, a) {
    segmentAt(draft, a.index, 'remove_text');
    const track = firstTextTrack(draft);
    if (!track) return draft;
    track.sg.splice(a.index, 1);
    if (track.sg.length === 0) draft.t = draft.t.filter((t) => t !== track);
    return draft;
  },
  inverse(before, a) {
    const seg = firstTextTrack(before)?.sg[a.index];
    if (!seg) return undefined;
    return addText({ text: seg.text, s: seg.s, d: seg.d, ...seg.m });
  },
});
