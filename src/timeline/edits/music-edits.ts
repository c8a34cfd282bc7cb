import { z } from 'zod';
import { DEFAULTS } from '../build.ts';
import { TRACK_AUDIO, TRACK_VIDEO, audioTracks, type AudioTrack, type Draft } from '../draft.ts';
import { totalMs } from '../timing.ts';
import { timeMs } from './args.ts';
import { defineEdit, type EditFactory, editInvalid } from './define-edit.ts';
import { restoreMusic, tracksOf } from './restore-tracks.ts';

export const setMusicArgs = z.object({
  /** Asset id of the track; absent keeps the current one. */
  src: z.string().min(1).optional(),
  /** For volume, fades and loop: absent keeps the value, `null` removes the field (the renderer's default). */
  volume: z.number().min(0).max(4).nullable().optional(),
  fadeIn: timeMs.nullable().optional(),
  fadeOut: timeMs.nullable().optional(),
  loop: z.boolean().nullable().optional(),
});
type SetMusicArgs = z.infer<typeof setMusicArgs>;

function firstSegment(draft: Draft) {
  return audioTracks(draft)[0]?.sg[0];
}

/** Sets `key` to `value`, or removes it for `null`; `undefined` leaves it. */
function assign<T extends object, K extends keyof T>(m: T, key: K, value: T[K] | null | undefined): void {
  if (value === null) delete m[key];
  else if (value !== undefined) m[key] = value;
}

/**
 * `set_music`: the background music (the first segment of the first audio track). Added when
 * missing, covering the whole video with the slideshow defaults; otherwise only the given fields
 * change. Undone by set_music with the previous values of the fields it set, or by remove_music
 * when there was no music (restore_music when there was an empty audio track).
 */
export const setMusic: EditFactory<SetMusicArgs> = defineEdit({
  name: 'set_music',
  args: setMusicArgs,
  run(draft, a) {
    const total = totalMs(draft);
    let track: AudioTrack | undefined = audioTracks(draft)[0];
    let seg = track?.sg[0];
    if (!seg) {
      if (!a.src)
        throw editInvalid(
          'set_music',
          'There is no music yet: name the track to use (src). Nothing was changed.',
        );
      if (total === 0)
        throw editInvalid('set_music', 'The video is empty: add photos before music. Nothing was changed.');
      seg = {
        src: a.src,
        s: 0,
        d: total,
        m: {
          volume: DEFAULTS.musicVolume,
          fadeIn: Math.min(DEFAULTS.musicFadeIn, total),
          fadeOut: Math.min(DEFAULTS.musicFadeOut, total),
          loop: true,
        },
      };
      if (!track) {
        track = { tt: TRACK_AUDIO, sg: [] };
        const video = draft.t.findIndex((t) => t.tt === TRACK_VIDEO);
        draft.t.splice(video + 1, 0, track);
      }
      track.sg.push(seg);
    }
    const d = seg.d;
    if (a.src !== undefined) seg.src = a.src;
    assign(seg.m, 'volume', a.volume);
    assign(
      seg.m,
      'fadeIn',
      a.fadeIn === null ? null : a.fadeIn === undefined ? undefined : Math.min(a.fadeIn, d),
    );
    assign(
      seg.m,
      'fadeOut',
      a.fadeOut === null ? null : a.fadeOut === undefined ? undefined : Math.min(a.fadeOut, d),
    );
    assign(seg.m, 'loop', a.loop);
    return draft;
  },
  inverse(before, a) {
    const seg = firstSegment(before);
    if (!seg) {
      const tracks = tracksOf<AudioTrack>(before, TRACK_AUDIO);
      return tracks.length === 0 ? removeMusic({}) : restoreMusic({ tracks });
    }
    const back: SetMusicArgs = {};
    if (a.src !== undefined) back.src = seg.src;
    if (a.volume !== undefined) back.volume = seg.m.volume ?? null;
    if (a.fadeIn !== undefined) back.fadeIn = seg.m.fadeIn ?? null;
    if (a.fadeOut !== undefined) back.fadeOut = seg.m.fadeOut ?? null;
    if (a.loop !== undefined) back.loop = seg.m.loop ?? null;
    return setMusic(back);
  },
});

export const removeMusicArgs = z.object({});

/** `remove_music`: takes every audio track out (clips keep their own sound). Undone by restore_music with those tracks. */
export const removeMusic: EditFactory<z.infer<typeof removeMusicArgs>> = defineEdit({
  name: 'remove_music',
  args: removeMusicArgs,
  run(draft) {
    draft.t = draft.t.filter((t) => t.tt !== TRACK_AUDIO);
    return draft;
  },
  inverse: (before) => restoreMusic({ tracks: tracksOf(before, TRACK_AUDIO) }),
});
