import type { Draft } from '../../timeline/draft.ts';
import { videoTrack } from '../../timeline/tracks.ts';
import { msToFrame } from '../layout.ts';

/**
 * When a text segment is on screen, in frames of the video: from the frame its start falls on to the
 * frame its end falls on (never past the video's last frame), with a fade of 250 ms at each end
 * (at most a quarter of its frames).
 */

export const TEXT_FADE_MS = 250;

export interface FrameRate {
  num: number;
  den: number;
}

export interface TextWindow {
  /** First frame the text shows on. */
  first: number;
  /** First frame after it. */
  end: number;
  /** Frames of the fade in and of the fade out (0: none). */
  fade: number;
}

const frameOf = msToFrame;

/** Frames of the whole video (its video track's items end to end). */
export function videoFrames(draft: Draft, fps: FrameRate): number {
  const ms = (videoTrack(draft)?.sg ?? []).reduce((sum, item) => sum + item.d, 0);
  return frameOf(ms, fps);
}

/** The frames a segment starting at `s` ms for `d` ms covers, or undefined when it is never on screen. */
export function textWindow(s: number, d: number, fps: FrameRate, frames: number): TextWindow | undefined {
  const first = frameOf(s, fps);
  const end = Math.min(frames, frameOf(s + d, fps));
  if (end <= first) return undefined;
  return { first, end, fade: Math.min(frameOf(TEXT_FADE_MS, fps), Math.floor((end - first) / 4)) };
}

/**
 * Opacity of the text at frame n, in 1/256 (256 = opaque, 0 = not drawn): a linear ramp over `fade`
 * frames at each end, as the titles always faded.
 */
export function fadeAt(w: TextWindow, n: number): number {
  if (n < w.first || n >= w.end) return 0;
  if (w.fade <= 0) return 256;
  const k = Math.min(n - w.first + 1, w.end - n);
  return k > w.fade ? 256 : Math.round((k * 256) / (w.fade + 1));
}
