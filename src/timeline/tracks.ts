import type { AudioTrack, Draft, TextTrack, VideoTrack } from './draft.ts';

/**
 * The tracks of a draft, found by type: plain code with no schema behind it, so the web page's player
 * can share it without loading the validator (draft.ts re-exports it).
 */

export const TRACK_VIDEO = 0;
export const TRACK_AUDIO = 1;
export const TRACK_TEXT = 7;

export function videoTrack(draft: Draft): VideoTrack | undefined {
  return draft.t.find((t): t is VideoTrack => t.tt === TRACK_VIDEO);
}
export function audioTracks(draft: Draft): AudioTrack[] {
  return draft.t.filter((t): t is AudioTrack => t.tt === TRACK_AUDIO);
}
export function textTracks(draft: Draft): TextTrack[] {
  return draft.t.filter((t): t is TextTrack => t.tt === TRACK_TEXT);
}
