import { z } from 'zod';
import {
  TRACK_AUDIO,
  TRACK_TEXT,
  audioTrackSchema,
  textTrackSchema,
  type Draft,
  type Track,
} from '../draft.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';

const at = z.int().min(0).max(99);
const distinctAt = (xs: readonly { at: number }[]) => new Set(xs.map((x) => x.at)).size === xs.length;

export const restoreMusicArgs = z.object({
  /** Every audio track the draft should have, each with its position in the track list. */
  tracks: z
    .array(z.object({ at, track: audioTrackSchema }))
    .refine(distinctAt, { message: 'must not repeat a position' }),
});
export const restoreTextArgs = z.object({
  /** Every text track the draft should have, each with its position in the track list. */
  tracks: z
    .array(z.object({ at, track: textTrackSchema }))
    .refine(distinctAt, { message: 'must not repeat a position' }),
});

/** The tracks of one type with their positions, as the restore edits take them. */
export function tracksOf<T extends Track>(draft: Draft, tt: number): { at: number; track: T }[] {
  return draft.t.flatMap((track, i) =>
    track.tt === tt ? [{ at: i, track: structuredClone(track) as T }] : [],
  );
}

/** Takes every track of type `tt` out, then puts `tracks` in at their positions (lowest first). */
function replaceTracks(
  draft: Draft,
  tt: number,
  tracks: readonly { at: number; track: Track }[],
  name: string,
): Draft {
  draft.t = draft.t.filter((t) => t.tt !== tt);
  for (const { at: i, track } of [...tracks].sort((x, y) => x.at - y.at)) {
    if (i > draft.t.length) {
      throw editInvalid(
        name,
        `There is no track position ${i + 1} to put a track back at. Nothing was changed.`,
      );
    }
    draft.t.splice(i, 0, structuredClone(track));
  }
  return draft;
}

/**
 * `restore_music`: sets the music exactly: every audio track is replaced by `tracks`, at their places
 * (`[]` removes all music). It undoes remove_music, and changes that cut or moved music. Undone by
 * restore_music with the audio tracks as they were.
 */
export const restoreMusic: EditFactory<z.infer<typeof restoreMusicArgs>> = defineEdit({
  name: 'restore_music',
  args: restoreMusicArgs,
  run: (draft, a) => replaceTracks(draft, TRACK_AUDIO, a.tracks, 'restore_music'),
  inverse: (before) => restoreMusic({ tracks: tracksOf(before, TRACK_AUDIO) }),
});

/** `restore_text`: the same for text tracks (titles and captions), e.g. after a change cut or dropped a caption. */
export const restoreText: EditFactory<z.infer<typeof restoreTextArgs>> = defineEdit({
  name: 'restore_text',
  args: restoreTextArgs,
  run: (draft, a) => replaceTracks(draft, TRACK_TEXT, a.tracks, 'restore_text'),
  inverse: (before) => restoreText({ tracks: tracksOf(before, TRACK_TEXT) }),
});
