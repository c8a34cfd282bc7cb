import { z } from 'zod';
import {
  TEXT_POSITIONS,
  TRACK_TEXT,
  textItemSchema,
  textTracks,
  videoTrack,
  type Draft,
  type TextItem,
  type TextTrack,
} from '../draft.ts';
import { itemTimings, totalMs } from '../timing.ts';
import { durationMs, index, timeMs } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { group } from './group.ts';
import { restoreText, tracksOf } from './restore-tracks.ts';

const pos = z.enum(TEXT_POSITIONS);
const size = z.number().min(0.01).max(0.3);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const text = z.string().trim().min(1).max(500);

export const addTextArgs = z
  .object({
    text,
    /** Where it starts, ms (with `d`). */
    s: timeMs.optional(),
    /** How long it stays, ms: needed with `s`; with `item` or `end` it defaults to the photo's length or 3 s. */
    d: durationMs.optional(),
    /** Instead of `s`: on this photo or clip (0-based), for as long as it is on screen; it follows the photo. */
    item: index.optional(),
    /** Instead of `s`: an end card, the last `d` ms of the video. */
    end: z.literal(true).optional(),
    pos: pos.optional(),
    size: size.optional(),
    color: color.optional(),
  })
  .refine((a) => [a.s, a.item, a.end].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of s (with d), item or end',
  })
  .refine((a) => a.s === undefined || a.d !== undefined, { message: 'give d with s' });
type AddTextArgs = z.infer<typeof addTextArgs>;

/** Default length of an end card. */
export const END_CARD_MS = 3000;
export const setTextArgs = z.object({
  index,
  text: text.optional(),
  s: timeMs.optional(),
  d: durationMs.optional(),
  /** For pos, size and colour: absent keeps the value, `null` removes the field (the renderer's default). */
  pos: pos.nullable().optional(),
  size: size.nullable().optional(),
  color: color.nullable().optional(),
});
export const removeTextArgs = z.object({ index });
export const insertTextArgs = z.object({ index, item: textItemSchema });
type SetTextArgs = z.infer<typeof setTextArgs>;

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

/** Where a new segment starting at `s` goes in a track kept sorted by start: after the others with the same start. */
function newPlace(sg: readonly TextItem[], s: number): number {
  const at = sg.findIndex((x) => x.s > s);
  return at < 0 ? sg.length : at;
}

/**
 * Where segment `i`, given the start `s`, lands among the others: after those that start earlier and
 * those with the same start that came before it (what a stable sort by start gives on a sorted track).
 */
function movedPlace(sg: readonly TextItem[], i: number, s: number): number {
  return sg.filter((x, j) => j !== i && (x.s < s || (x.s === s && j < i))).length;
}

/** Sets `key` to `value`, or removes it for `null`; `undefined` leaves it. */
function assign<T extends object, K extends keyof T>(m: T, key: K, value: T[K] | null | undefined): void {
  if (value === null) delete m[key];
  else if (value !== undefined) m[key] = value;
}

/** Where a new text goes: its start and length, from `s`/`d`, the photo `item`, or the end of the video. */
function placement(draft: Draft, a: AddTextArgs): { s: number; d: number } {
  if (a.item !== undefined) {
    const t = itemTimings(videoTrack(draft)?.sg ?? [])[a.item];
    if (!t) {
      const n = videoTrack(draft)?.sg.length ?? 0;
      throw editInvalid(
        'add_text',
        `There is no item ${a.item + 1}: the video has ${n}. Nothing was changed.`,
      );
    }
    return { s: t.start, d: a.d ?? t.end - t.start };
  }
  if (a.end) {
    const total = totalMs(draft);
    if (total === 0)
      throw editInvalid(
        'add_text',
        'The video is empty: add photos before an end card. Nothing was changed.',
      );
    const d = Math.min(a.d ?? END_CARD_MS, total);
    return { s: total - d, d };
  }
  return { s: a.s ?? 0, d: a.d ?? END_CARD_MS };
}

/**
 * `add_text`: a title or caption on the (first) text track, created when missing: from `s` for `d` ms,
 * on photo `item` (its whole time on screen, so it moves with the photo), or as an end card (`end`, the last
 * `d` ms, 3 s by default). Undone by remove_text.
 */
export const addText: EditFactory<AddTextArgs> = defineEdit({
  name: 'add_text',
  args: addTextArgs,
  run(draft, a, before) {
    let track = firstTextTrack(draft);
    if (!track) {
      track = { tt: TRACK_TEXT, sg: [] };
      draft.t.push(track);
    }
    const { s, d } = placement(before, a);
    const m: TextItem['m'] = {};
    if (a.pos !== undefined) m.pos = a.pos;
    if (a.size !== undefined) m.size = a.size;
    if (a.color !== undefined) m.color = a.color;
    const seg: TextItem = { text: a.text, s, d, m };
    fitInside(draft, seg, 'add_text');
    track.sg.splice(newPlace(track.sg, seg.s), 0, seg);
    return draft;
  },
  inverse(before, a) {
    const track = firstTextTrack(before);
    // An empty text track would go with the removed text: put the tracks back as they were instead.
    if (track && track.sg.length === 0) return restoreText({ tracks: tracksOf(before, TRACK_TEXT) });
    return removeText({ index: newPlace(track?.sg ?? [], placement(before, a).s) });
  },
});

/**
 * `set_text`: changes the words, timing or look of text segment `index` (a new start moves it to its
 * place by start). Undone by set_text with the previous values of what it changed; when the segment
 * moved past another with the same start, by remove_text + insert_text at its old place.
 */
export const setText: EditFactory<SetTextArgs> = defineEdit({
  name: 'set_text',
  args: setTextArgs,
  run(draft, a) {
    segmentAt(draft, a.index, 'set_text');
    const sg = firstTextTrack(draft)?.sg ?? [];
    const seg = sg[a.index] as TextItem;
    if (a.text !== undefined) seg.text = a.text;
    if (a.d !== undefined) seg.d = a.d;
    assign(seg.m, 'pos', a.pos);
    assign(seg.m, 'size', a.size);
    assign(seg.m, 'color', a.color);
    if (a.s !== undefined) {
      const to = movedPlace(sg, a.index, a.s);
      seg.s = a.s;
      sg.splice(a.index, 1);
      sg.splice(to, 0, seg);
    }
    fitInside(draft, seg, 'set_text');
    return draft;
  },
  inverse(before, a) {
    const seg = segmentAt(before, a.index, 'set_text');
    const sg = firstTextTrack(before)?.sg ?? [];
    const to = a.s === undefined ? a.index : movedPlace(sg, a.index, a.s);
    const after = a.s === undefined ? sg : [...sg.slice(0, a.index), ...sg.slice(a.index + 1)];
    const back =
      a.s === undefined ? to : movedPlace([...after.slice(0, to), seg, ...after.slice(to)], to, seg.s);
    const total = totalMs(before);
    const inside = total === 0 || seg.s + seg.d <= total;
    if (back !== a.index || !inside) {
      // Only an exact re-insert gives this place (or an overlong segment) back.
      return group([removeText({ index: to }), insertText({ index: a.index, item: structuredClone(seg) })]);
    }
    const prev: SetTextArgs = { index: to };
    if (a.text !== undefined) prev.text = seg.text;
    if (a.s !== undefined) prev.s = seg.s;
    if (a.s !== undefined || a.d !== undefined) prev.d = seg.d;
    if (a.pos !== undefined) prev.pos = seg.m.pos ?? null;
    if (a.size !== undefined) prev.size = seg.m.size ?? null;
    if (a.color !== undefined) prev.color = seg.m.color ?? null;
    return setText(prev);
  },
});

/**
 * `remove_text`: deletes text segment `index`; an emptied text track goes too. Undone by insert_text
 * with the segment at its place (restore_text when the emptied track was not the last track).
 */
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
    const seg = segmentAt(before, a.index, 'remove_text');
    const track = firstTextTrack(before);
    const emptied = track?.sg.length === 1;
    if (emptied && before.t.at(-1) !== track) return restoreText({ tracks: tracksOf(before, TRACK_TEXT) });
    return insertText({ index: a.index, item: structuredClone(seg) });
  },
});

/**
 * `insert_text`: puts a text segment exactly at `index` of the first text track (created at the end of
 * the track list when missing), as it is: no clamping or sorting. It is what remove_text is undone by.
 * Undone by remove_text.
 */
export const insertText: EditFactory<z.infer<typeof insertTextArgs>> = defineEdit({
  name: 'insert_text',
  args: insertTextArgs,
  run(draft, a) {
    let track = firstTextTrack(draft);
    if (!track) {
      track = { tt: TRACK_TEXT, sg: [] };
      draft.t.push(track);
    }
    if (a.index > track.sg.length) {
      throw editInvalid(
        'insert_text',
        `Cannot put a text at position ${a.index + 1}: the video has ${track.sg.length} text items. Nothing was changed.`,
      );
    }
    track.sg.splice(a.index, 0, structuredClone(a.item));
    return draft;
  },
  inverse: (_before, a) => removeText({ index: a.index }),
});
