import { PhotoreelError } from '../errors.ts';
import type { MediaInfo } from '../media/types.ts';
import { TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO } from '../timeline/tracks.ts';
import type { Draft } from '../timeline/draft.ts';

/** What the check needs to know of an asset: what kind of media it is (undefined: not this session's). */
export type AssetLookup = (id: string) => Pick<MediaInfo, 'kind' | 'hasAudio'> | undefined;

export interface RenderableOptions {
  /** The draft must have something to show (exports and renders); a draft being edited may be empty. */
  requireVideo?: boolean;
  /** Assets already in the draft before an edit, accepted as they are (an edit is judged on what it brings). */
  known?: ReadonlySet<string>;
}

/**
 * The one check that a draft can be drawn from a session's media, used alike when a draft is saved,
 * edited, exported and rendered: every item's asset is this session's (MEDIA_NOT_FOUND), photos and
 * clips sit on the video track and sounds on audio tracks (DRAFT_INVALID), and exports have at least
 * one photo or clip. Errors name the item (`t[i].sg[j]`) and say what to do. Pure.
 */
export function checkRenderable(draft: Draft, lookup: AssetLookup, o: RenderableOptions = {}): void {
  const videoIndex = draft.t.findIndex((t) => t.tt === TRACK_VIDEO);
  if (o.requireVideo && (videoIndex < 0 || draft.t[videoIndex]!.sg.length === 0)) {
    throw new PhotoreelError(
      'DRAFT_INVALID',
      'The draft has no photos or clips on its video track: add at least one item before exporting.',
    );
  }
  for (const [ti, track] of draft.t.entries()) {
    if (track.tt === TRACK_TEXT) continue;
    for (const [si, seg] of track.sg.entries()) {
      const kind = track.tt === TRACK_VIDEO ? 'video' : track.tt === TRACK_AUDIO ? 'audio' : 'track';
      const where = `${kind} item ${si + 1} (t[${ti}].sg[${si}].src)`;
      const id = seg.src.slice(0, 64);
      const details = { path: ['t', String(ti), 'sg', String(si), 'src'], asset: id };
      const info = lookup(seg.src);
      if (!info) {
        if (o.known?.has(seg.src)) continue;
        throw new PhotoreelError(
          'MEDIA_NOT_FOUND',
          `The ${where} uses media "${id}", which is not among this session's uploads: use an id the session's video_infos list, or upload the file to this session first.`,
          details,
        );
      }
      if (track.tt === TRACK_VIDEO && info.kind === 'audio') {
        throw new PhotoreelError(
          'DRAFT_INVALID',
          `The ${where} uses "${id}", which is audio: put it on an audio track, and a photo or clip here.`,
          details,
        );
      }
      if (
        track.tt === TRACK_AUDIO &&
        (info.kind === 'image' || (info.kind === 'video' && info.hasAudio === false))
      ) {
        throw new PhotoreelError(
          'DRAFT_INVALID',
          `The ${where} uses "${id}", which has no sound: use a music file (mp3, m4a, wav, aac) there.`,
          details,
        );
      }
    }
  }
}
