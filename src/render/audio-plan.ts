import type { Draft } from '../timeline/draft.ts';
import { audioTracks, videoTrack } from '../timeline/tracks.ts';

/**
 * The sound of a render, planned purely: ffmpeg inputs and a filter graph that ends in one label.
 *
 * - Each source is brought to the same loudness (TARGET_LUFS) on its own, before anything else:
 *   by a fixed gain when its loudness was measured (measure-loudness.ts), else by loudnorm.
 * - Then the draft's own settings: fades, cuts, loops and the user's volume. The user's volume is
 *   applied after normalisation and nothing after it undoes it: music at 35% sounds 9 dB below
 *   music at 100%, and the clips' sound stays where it was.
 * - Clip sound plays with its picture (from the item's `from`), fading in and out over its
 *   transitions; music starts at `s`, loops when `loop`, is cut at `d` and at the video's end,
 *   with its `fadeIn` at the start and `fadeOut` ending where it is cut.
 * - Everything is summed (no automatic gain), a peak limiter at −1 dBFS catches overs only (it
 *   never raises the level), and the stream is padded/cut to exactly the video's length in
 *   samples: round(frames × 48000 × den / num).
 * - 48 kHz stereo, float until the encoder. Same input → same graph → same samples.
 */

export const AUDIO_RATE = 48000;
/** Loudness every source is brought to before the draft's volumes apply. */
export const TARGET_LUFS = -16;
/** Most a quiet source is raised (a room's hiss is not made as loud as speech). */
export const MAX_BOOST_DB = 12;
/** Least a loud source is lowered. */
export const MAX_CUT_DB = -40;
/** Below this a measured source counts as silence and keeps its level. */
export const SILENCE_LUFS = -60;
/** The limiter's ceiling: −1 dBFS. */
export const LIMIT = 0.891251;
/** Every source is first made 48 kHz stereo float (also how measure-loudness hears it). */
export const AUDIO_FORMAT: readonly string[] = [
  `aresample=${AUDIO_RATE}`,
  'aformat=sample_fmts=fltp:channel_layouts=stereo',
];
const FORMAT = AUDIO_FORMAT;

export interface AudioClipInput {
  /** Index of the item on the video track. */
  item: number;
  path: string;
  /** First frame the clip is on screen (its incoming transition's start). */
  startFrame: number;
  /** Frames it is on screen (up to its outgoing transition's end). */
  frames: number;
  hasAudio: boolean;
  /** The item's `m.volume` (1 when unset). */
  volume: number;
  /** Frames of the incoming transition: the sound fades in over them (default 0). */
  fadeInFrames?: number;
  /** Frames of the outgoing transition: the sound fades out over them (default 0). */
  fadeOutFrames?: number;
  /** Integrated loudness (LUFS) of the part played, when measured; else loudnorm normalises it. */
  loudness?: number;
}

export interface AudioMusicInput {
  path: string;
  durationMs?: number;
  /** Integrated loudness (LUFS) of the file, when measured; else loudnorm normalises it. */
  loudness?: number;
}

export interface AudioPlanInput {
  draft: Draft;
  fps: { num: number; den: number };
  /** Frames of the video: the sound lasts exactly as long. */
  frames: number;
  /** The video items that are clips (videos, animated GIFs), in any order. */
  clips: readonly AudioClipInput[];
  /** One per audio-track segment, track by track, in draft order. */
  music: readonly AudioMusicInput[];
  /** ffmpeg input index of the first input this plan adds (0 is the raw video pipe). */
  firstInputIndex: number;
}

export interface AudioPlan {
  /** Input options and -i of every sound file, to append after the other inputs. */
  inputArgs: string[];
  /** Filter graph (for -filter_complex, `;`-joined with others) whose output is `label`. */
  filter: string;
  /** e.g. `[aout]`: map it (`-map [aout]`). */
  label: string;
  /** Samples of the sound stream (48 kHz): exactly the video's length. */
  samples: number;
}

/** Samples (48 kHz) before frame `f`, rounded to the nearest sample. */
export function frameToSamples(f: number, fps: { num: number; den: number }): number {
  return Math.round((f * AUDIO_RATE * fps.den) / fps.num);
}

/** The gain (dB) that brings a source of `loudness` LUFS to TARGET_LUFS, within the caps. */
export function normalisingGainDb(loudness: number): number {
  if (!Number.isFinite(loudness) || loudness < SILENCE_LUFS) return 0;
  return Math.min(MAX_BOOST_DB, Math.max(MAX_CUT_DB, TARGET_LUFS - loudness));
}

/** Seconds with 6 decimals. */
function sec(seconds: number): string {
  return seconds.toFixed(6);
}

/** A number for a filter option, without float noise: 0.35, not 0.35000000000000003. */
function num(v: number): string {
  return String(Number(v.toFixed(6)));
}

/** The normalising step of one source, after it is 48 kHz stereo. */
function normalise(loudness: number | undefined): string[] {
  if (loudness === undefined) {
    // Not measured: loudnorm (single pass) on this source alone, back to 48 kHz after.
    return [`loudnorm=I=${TARGET_LUFS}:TP=-1.5:LRA=11`, ...AUDIO_FORMAT];
  }
  const gain = normalisingGainDb(loudness);
  return gain === 0 ? [] : [`volume=${num(gain)}dB`];
}

/** Fade-in over `n` samples from the start, fade-out over the last `out` of `total`. */
function fades(n: number, out: number, total: number): string[] {
  const parts: string[] = [];
  if (n > 0) parts.push(`afade=t=in:ss=0:ns=${n}`);
  if (out > 0) parts.push(`afade=t=out:ss=${total - out}:ns=${out}`);
  return parts;
}

/**
 * The sound plan of a render. Undefined only for a video of no frames; a draft with nothing
 * to hear gets exact-length silence (players and platforms expect a sound track).
 */
export function planAudio(input: AudioPlanInput): AudioPlan | undefined {
  const { draft, fps, frames } = input;
  if (frames <= 0) return undefined;
  const total = frameToSamples(frames, fps);
  const items = videoTrack(draft)?.sg ?? [];
  const inputArgs: string[] = [];
  const graph: string[] = [];
  const labels: string[] = [];
  let next = input.firstInputIndex;

  const clips = [...input.clips].sort((a, b) => a.startFrame - b.startFrame || a.item - b.item);
  for (const clip of clips) {
    if (!clip.hasAudio || !(clip.volume > 0) || clip.frames <= 0 || clip.startFrame >= frames) continue;
    const start = frameToSamples(clip.startFrame, fps);
    const end = Math.min(total, frameToSamples(clip.startFrame + clip.frames, fps));
    const n = end - start;
    if (n <= 0) continue;
    const k = next++;
    const fromMs = items[clip.item]?.m.from ?? 0;
    if (fromMs > 0) inputArgs.push('-ss', sec(fromMs / 1000));
    inputArgs.push('-t', sec(n / AUDIO_RATE + 1), '-i', clip.path);
    const fadeIn = Math.min(n, frameToSamples(clip.fadeInFrames ?? 0, fps));
    const fadeOut = Math.min(n, frameToSamples(clip.fadeOutFrames ?? 0, fps));
    const parts = [
      ...FORMAT,
      'asetpts=N/SR/TB',
      `atrim=end_sample=${n}`,
      ...normalise(clip.loudness),
      `apad=whole_len=${n}`,
      `atrim=end_sample=${n}`,
      ...fades(fadeIn, fadeOut, n),
    ];
    if (clip.volume !== 1) parts.push(`volume=${num(clip.volume)}`);
    if (start > 0) parts.push(`adelay=delays=${start}S:all=1`);
    const label = `[ac${clip.item}]`;
    graph.push(`[${k}:a]${parts.join(',')}${label}`);
    labels.push(label);
  }

  let index = 0;
  for (const track of audioTracks(draft)) {
    for (const seg of track.sg) {
      const src = input.music[index];
      const j = index++;
      if (!src) continue;
      const volume = seg.m.volume ?? 1;
      const start = Math.round((seg.s * AUDIO_RATE) / 1000);
      if (!(volume > 0) || start >= total) continue;
      const loop = seg.m.loop === true;
      let play = Math.min(Math.round((seg.d * AUDIO_RATE) / 1000), total - start);
      if (!loop && src.durationMs !== undefined)
        play = Math.min(play, Math.round((src.durationMs * AUDIO_RATE) / 1000));
      if (play <= 0) continue;
      const k = next++;
      if (loop) inputArgs.push('-stream_loop', '-1');
      inputArgs.push('-i', src.path);
      const fadeIn = Math.min(play, Math.round(((seg.m.fadeIn ?? 0) * AUDIO_RATE) / 1000));
      const fadeOut = Math.min(play, Math.round(((seg.m.fadeOut ?? 0) * AUDIO_RATE) / 1000));
      const parts = [
        ...FORMAT,
        'asetpts=N/SR/TB',
        `atrim=end_sample=${play}`,
        ...normalise(src.loudness),
        `apad=whole_len=${play}`,
        `atrim=end_sample=${play}`,
        ...fades(fadeIn, fadeOut, play),
      ];
      if (volume !== 1) parts.push(`volume=${num(volume)}`);
      if (start > 0) parts.push(`adelay=delays=${start}S:all=1`);
      const label = `[am${j}]`;
      graph.push(`[${k}:a]${parts.join(',')}${label}`);
      labels.push(label);
    }
  }

  const exact = `apad=whole_len=${total},atrim=end_sample=${total}`;
  if (labels.length === 0) {
    graph.push(`anullsrc=r=${AUDIO_RATE}:cl=stereo,atrim=end_sample=${total},${FORMAT[1]}[aout]`);
  } else {
    const mix =
      labels.length > 1
        ? `${labels.join('')}amix=inputs=${labels.length}:duration=longest:dropout_transition=0:normalize=0,`
        : labels[0]!;
    // The limiter only catches peaks over −1 dBFS (no auto level, its delay compensated).
    graph.push(
      `${mix}alimiter=limit=${LIMIT}:attack=5:release=50:level=0:latency=1,${exact},${FORMAT[1]}[aout]`,
    );
  }
  return { inputArgs, filter: graph.join(';\n'), label: '[aout]', samples: total };
}
