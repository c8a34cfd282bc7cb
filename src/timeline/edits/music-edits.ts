import { z } from 'zod';
import { DEFAULTS } from '../build.ts';
import { TRACK_AUDIO, TRACK_VIDEO, audioTracks, type AudioTrack } from '../draft.ts';
import { totalMs } from '../timing.ts';
import { timeMs } from './args.ts';
import { defineEdit, editInvalid } from './define-edit.ts';

export const setMusicArgs = z.object({
  /** Asset id of the track; absent keeps the current one. */
  src: z.string().min(1).optional(),
  volume: z.number().min(0).max(4).optional(),
  fadeIn: timeMs.optional(),
  fadeOut: timeMs.optional(),
  loop: z.boolean().optional(),
});

/**
 * `set_music`: the background music (the first segment of the first audio track). Added when
 * missing, covering the whole video with the slideshow defaults; otherwise only the given fields change.
 */
export const setMusic = defineEdit({
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
    if (a.src !== undefined) seg.src = a.src;
    if (a.volume !== undefined) seg.m.volume = a.volume;
    if (a.fadeIn !== undefined) seg.m.fadeIn = Math.min(a.fadeIn, seg.d);
    if (a.fadeOut !== undefined) seg.m.fadeOut = Math.min(a.fadeOut, seg.d);
    if (a.loop !== undefined) seg.m.loop = a.loop;
    return draft;
  },
});

export const removeMusicArgs = z.object({});

/** `remove_music`: takes every audio track out (clips keep their own sound). */
export const removeMusic = defineEdit({
  name: 'remove_music',
  args: removeMusicArgs,
  run(draft) {
    draft.t = draft.t.filter((t) => t.tt !== TRACK_AUDIO);
    return draft;
  },
});
