import { TRACK_VIDEO, videoTrack, type Draft, type VideoItem, type VideoTrack } from '../draft.ts';

/** The video track's items, creating an empty video track first when the draft has none. */
export function ensureVideoTrack(draft: Draft): VideoTrack {
  const found = videoTrack(draft);
  if (found) return found;
  const track: VideoTrack = { tt: TRACK_VIDEO, sg: [] };
  draft.t.unshift(track);
  return track;
}

export function videoItems(draft: Draft): VideoItem[] {
  return videoTrack(draft)?.sg ?? [];
}
