import type { Draft } from '../timeline/draft.ts';
import { planAudio, type AudioPlanInput } from './audio-plan.ts';
import { encoderArgs, hasAudio, type OutputFormat, type Quality } from './output-format.ts';

export interface EncodeInput {
  draft: Draft;
  fps: { num: number; den: number };
  /** Frames of the video (what the pipe delivers). */
  frames: number;
  /** The sound sources (clips and music), measured or not; the first input index is set here. */
  audio: Omit<AudioPlanInput, 'firstInputIndex' | 'draft' | 'fps' | 'frames'>;
  format: OutputFormat;
  quality: Quality;
  output: string;
}

/**
 * The one ffmpeg run of a render: raw yuv420p frames from stdin (input 0), the sound sources after
 * it, the audio mix (and the video filter GIF and WebP need) as the filter graph, then the codec and
 * muxer settings of the format and quality. Pure.
 */
export function encodeArgs(o: EncodeInput): string[] {
  const { draft, fps } = o;
  const rate = `${fps.num}/${fps.den}`;
  const video = [
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${draft.w}x${draft.h}`,
    '-framerate',
    rate,
    '-color_range',
    'tv',
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-i',
    'pipe:0',
  ];
  const sound = hasAudio(o.format)
    ? planAudio({ ...o.audio, draft, fps, frames: o.frames, firstInputIndex: 1 })
    : undefined;
  const enc = encoderArgs({
    format: o.format,
    quality: o.quality,
    fps: rate,
    w: draft.w,
    h: draft.h,
    audio: sound !== undefined,
  });
  const graph: string[] = [];
  let videoLabel = '0:v';
  if (enc.videoFilter) {
    graph.push(`[0:v]${enc.videoFilter}[vout]`);
    videoLabel = '[vout]';
  }
  if (sound) graph.push(sound.filter);
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'level+warning',
    ...video,
    ...(sound?.inputArgs ?? []),
    ...(graph.length ? ['-filter_complex', graph.join(';')] : []),
    '-map',
    videoLabel,
    ...(sound ? ['-map', sound.label] : []),
    ...enc.args,
    o.output,
  ];
}

/** The video encoder settings alone (the benchmark's encode floor encodes with exactly these). */
export function floorVideoArgs(
  fps: string,
  format: OutputFormat = 'mp4',
  quality: Quality = 'standard',
): string[] {
  const args = encoderArgs({ format, quality, fps, w: 2, h: 2, audio: false }).args;
  return args.slice(0, args.indexOf('-an'));
}
