import type { Draft } from '../timeline/draft.ts';
import { standInAudio, standInEncoderArgs } from './stand-ins.ts';

/** The sound sources of a render: clips with their windows, and one music file per audio segment. */
export interface EncodeAudio {
  clips: {
    item: number;
    path: string;
    startFrame: number;
    frames: number;
    hasAudio: boolean;
    volume: number;
  }[];
  music: { path: string; durationMs?: number }[];
}

export interface EncodeInput {
  draft: Draft;
  fps: { num: number; den: number };
  /** Frames of the video (what the pipe delivers). */
  frames: number;
  audio: EncodeAudio;
  output: string;
}

const AUDIO_RATE = 48000;

/**
 * The one ffmpeg run of a render: raw yuv420p frames from stdin (input 0), the sound sources after
 * it, the audio mix as the only filter graph, then the codec and muxer settings. Pure.
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
  const plan = standInAudio({
    draft,
    fps,
    frames: o.frames,
    clips: o.audio.clips,
    music: o.audio.music,
    firstInputIndex: 1,
  });
  // No sound at all: still a silent track of the video's length, as players and platforms expect one.
  const samples = Math.round((o.frames * fps.den * AUDIO_RATE) / fps.num);
  const sound = plan ?? {
    inputArgs: ['-f', 'lavfi', '-i', `anullsrc=r=${AUDIO_RATE}:cl=stereo`],
    filter: `[1:a]atrim=end_sample=${samples}[aout]`,
    label: '[aout]',
  };
  const enc = standInEncoderArgs({ fps: rate, audio: true });
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'level+warning',
    ...video,
    ...sound.inputArgs,
    '-filter_complex',
    sound.filter,
    '-map',
    '0:v',
    '-map',
    sound.label,
    ...enc.args,
    o.output,
  ];
}
