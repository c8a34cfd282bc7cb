/**
 * The music of a draft as the export mixes it (src/render/audio-plan.ts), in ms for Web Audio: each
 * segment starts at `s`, plays `d` (cut at the video's end, and at the file's end unless it loops),
 * fades in over `fadeIn` from its start and out over `fadeOut` ending where it is cut, at `volume` after
 * its loudness is brought to the common target. Pure.
 */
import type { Draft } from './types.ts';
import { audioTracks } from '../../../src/timeline/tracks.ts';

export interface MusicSegment {
  /** Index among the draft's audio segments (track by track, in order). */
  index: number;
  src: string;
  /** When it starts on the video's clock, and how long it plays, ms. */
  start: number;
  play: number;
  loop: boolean;
  volume: number;
  fadeIn: number;
  fadeOut: number;
}

/** The segments that play; `durationOf(src)` gives a file's length in ms when known. */
export function musicSegments(
  draft: Draft,
  totalMs: number,
  durationOf: (src: string) => number | undefined = () => undefined,
): MusicSegment[] {
  const out: MusicSegment[] = [];
  let index = 0;
  for (const track of audioTracks(draft)) {
    for (const seg of track.sg) {
      const i = index++;
      const m = seg.m ?? {};
      const volume = m.volume ?? 1;
      if (!(volume > 0) || seg.s >= totalMs) continue;
      const loop = m.loop === true;
      let play = Math.min(seg.d, totalMs - seg.s);
      const fileMs = durationOf(seg.src);
      if (!loop && fileMs !== undefined) play = Math.min(play, fileMs);
      if (play <= 0) continue;
      out.push({
        index: i,
        src: seg.src,
        start: seg.s,
        play,
        loop,
        volume,
        fadeIn: Math.min(play, m.fadeIn ?? 0),
        fadeOut: Math.min(play, m.fadeOut ?? 0),
      });
    }
  }
  return out;
}

/** The segment's gain (before loudness normalisation) `t` ms after it starts: fade in × fade out × volume. */
export function gainAt(seg: MusicSegment, t: number): number {
  if (t < 0 || t >= seg.play) return 0;
  const fin = seg.fadeIn > 0 ? Math.min(1, t / seg.fadeIn) : 1;
  const fout = seg.fadeOut > 0 ? Math.min(1, (seg.play - t) / seg.fadeOut) : 1;
  return fin * fout * seg.volume;
}

/**
 * Points of the gain from `t` ms into the segment to its end, for linear ramps: where the fades start
 * and stop (and a few points inside where both fades overlap, whose product is not linear).
 */
export function gainPoints(seg: MusicSegment, t: number): { t: number; gain: number }[] {
  const marks = new Set<number>([t, seg.fadeIn, seg.play - seg.fadeOut, seg.play]);
  if (seg.fadeIn + seg.fadeOut > seg.play) {
    for (let k = 1; k < 8; k++) marks.add((seg.play * k) / 8);
  }
  return [...marks]
    .filter((x) => x >= t && x <= seg.play)
    .sort((a, b) => a - b)
    .map((x) => ({ t: x, gain: x >= seg.play ? 0 : gainAt(seg, x) }));
}

/** Where in the file the segment is `t` ms after it starts (wrapping when it loops). */
export function fileOffset(seg: MusicSegment, t: number, fileMs: number): number {
  return seg.loop && fileMs > 0 ? t % fileMs : t;
}

/** Loudness-normalising gain (linear) from a mean square level, as the export's fixed gain does. */
export function normalisingGain(meanSquare: number, gainDb: (lufs: number) => number): number {
  if (!(meanSquare > 0)) return 1;
  // Unweighted mean square as an estimate of integrated loudness (LUFS ≈ dBFS − 0.691).
  const lufs = 10 * Math.log10(meanSquare) - 0.691;
  return 10 ** (gainDb(lufs) / 20);
}
