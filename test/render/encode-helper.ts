/**
 * Encodes synthetic frames the way the renderer does (raw yuv420p as input 0, then the audio plan's
 * inputs, one filter graph, the output format's codec and muxer settings), so the sound and output
 * modules are tested end to end with real ffmpeg without the frame path.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AudioPlan } from '../../src/render/audio-plan.ts';
import { encoderArgs, type OutputFormat, type Quality } from '../../src/render/output-format.ts';
import { ffmpeg } from '../helpers/media.ts';

const run = promisify(execFile);

export interface Fps {
  num: number;
  den: number;
}

/** `frames` frames of a moving test pattern, raw yuv420p (made once per size, rate and count). */
export async function rawFrames(
  dir: string,
  w: number,
  h: number,
  fps: Fps,
  frames: number,
): Promise<string> {
  const file = path.join(dir, `frames-${w}x${h}-${fps.num}-${fps.den}-${frames}.yuv`);
  const made = await access(file).then(
    () => true,
    () => false,
  );
  if (!made) {
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `testsrc2=s=${w}x${h}:r=${fps.num}/${fps.den}`,
      '-frames:v',
      String(frames),
      '-pix_fmt',
      'yuv420p',
      '-f',
      'rawvideo',
      file,
    ]);
  }
  return file;
}

export interface EncodeOptions {
  dir: string;
  w: number;
  h: number;
  fps: Fps;
  frames: number;
  audio?: AudioPlan | undefined;
  format?: OutputFormat;
  quality?: Quality;
  out: string;
}

/** Encodes and returns the ffmpeg arguments it used. */
export async function encodeSynthetic(o: EncodeOptions): Promise<string[]> {
  const raw = await rawFrames(o.dir, o.w, o.h, o.fps, o.frames);
  const rate = `${o.fps.num}/${o.fps.den}`;
  const enc = encoderArgs({
    format: o.format ?? 'mp4',
    quality: o.quality ?? 'standard',
    fps: rate,
    w: o.w,
    h: o.h,
    audio: o.audio !== undefined,
  });
  const graph: string[] = [];
  if (enc.videoFilter) graph.push(`[0:v]${enc.videoFilter}[vout]`);
  if (o.audio) graph.push(o.audio.filter);
  const args = [
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${o.w}x${o.h}`,
    '-framerate',
    rate,
    '-i',
    raw,
    ...(o.audio?.inputArgs ?? []),
    ...(graph.length ? ['-filter_complex', graph.join(';\n')] : []),
    '-map',
    enc.videoFilter ? '[vout]' : '0:v',
    ...(o.audio ? ['-map', o.audio.label] : []),
    ...enc.args,
    o.out,
  ];
  await ffmpeg(args);
  return args;
}

/** A clip (test pattern + a sine tone of `freq` Hz at `gainDb` relative to a −18 dBFS sine), AAC in MP4. */
export async function makeToneClip(
  file: string,
  seconds: number,
  freq: number,
  gainDb: number,
): Promise<string> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=64x36:r=30:d=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${freq}:duration=${seconds}:sample_rate=44100,volume=${gainDb}dB`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-shortest',
    file,
  ]);
  return file;
}

/** A sine tone of `freq` Hz at `gainDb` relative to a −18 dBFS sine, as m4a. */
export async function makeTone(file: string, seconds: number, freq: number, gainDb = 0): Promise<string> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${freq}:duration=${seconds}:sample_rate=44100,volume=${gainDb}dB`,
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    file,
  ]);
  return file;
}

/** Amplitude of the `freq` Hz component of mono samples at `rate` (Goertzel), linear. */
export function toneLevel(samples: Float32Array, freq: number, rate = 48000): number {
  const w = (2 * Math.PI * freq) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / samples.length;
}

/** Stream durations (seconds, ffprobe) and decoded audio samples of a file. */
export async function streamFacts(file: string): Promise<{
  video?: number;
  audio?: number;
  audioSamples?: number;
  videoCodec?: string;
  audioCodec?: string;
}> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,duration',
    '-of',
    'json',
    file,
  ]);
  const streams = (JSON.parse(stdout) as { streams: Record<string, string>[] }).streams;
  const v = streams.find((s) => s.codec_type === 'video');
  const a = streams.find((s) => s.codec_type === 'audio');
  const facts: {
    video?: number;
    audio?: number;
    audioSamples?: number;
    videoCodec?: string;
    audioCodec?: string;
  } = {};
  if (v) {
    facts.videoCodec = v.codec_name!;
    if (v.duration !== undefined) facts.video = Number(v.duration);
  }
  if (a) {
    facts.audioCodec = a.codec_name!;
    if (a.duration !== undefined) facts.audio = Number(a.duration);
    // Decoded length: every sample the player plays (priming and padding removed).
    const { stderr } = await run('ffmpeg', [
      '-hide_banner',
      '-i',
      file,
      '-map',
      '0:a',
      '-af',
      'astats=metadata=1:reset=0,ametadata=print:key=lavfi.astats.Overall.Number_of_samples',
      '-f',
      'null',
      '-',
    ]);
    const counts = [...stderr.matchAll(/Number_of_samples=(\d+)/g)];
    const last = counts.at(-1)?.[1];
    if (last !== undefined) facts.audioSamples = Number(last);
  }
  return facts;
}

/** Highest sample of the sound over all channels, dBFS (ffmpeg's volumedetect). */
export async function peakDb(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    'volumedetect',
    '-f',
    'null',
    '-',
  ]);
  const m = /max_volume:\s*(-?[\d.]+) dB/.exec(stderr);
  if (!m) throw new Error(`no max_volume in ffmpeg's log:\n${stderr.slice(-500)}`);
  return Number(m[1]);
}
