/**
 * Test helpers for rendered media: probe a file, grab a frame as raw RGB, measure colours
 * and loudness. Real ffprobe/ffmpeg, no mocks. Other tests may import these.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_BUFFER = 512 * 1024 * 1024;

export interface ProbeResult {
  /** Container duration, seconds. */
  duration: number;
  /** Container format names, as ffprobe gives them ('mov,mp4,m4a,3gp,3g2,mj2'). */
  format: string;
  video?: {
    codec: string;
    profile?: string;
    width: number;
    height: number;
    pixFmt: string;
    /** Frame rate as a number (r_frame_rate). */
    fps: number;
    /** Frames counted by decoding (exact). */
    frames: number;
    duration: number;
  };
  audio?: {
    codec: string;
    sampleRate: number;
    channels: number;
    duration: number;
  };
}

function ratio(text: string | undefined): number {
  if (!text) return 0;
  const [a, b] = text.split('/').map(Number);
  return b ? (a ?? 0) / b : (a ?? 0);
}

/** ffprobe of a file, frames counted by decoding. */
export async function probe(file: string): Promise<ProbeResult> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-count_frames', '-show_format', '-show_streams', '-of', 'json', file],
    { maxBuffer: MAX_BUFFER },
  );
  const json = JSON.parse(stdout) as {
    format: { duration?: string; format_name?: string };
    streams: Record<string, string | number | undefined>[];
  };
  const v = json.streams.find((s) => s.codec_type === 'video');
  const a = json.streams.find((s) => s.codec_type === 'audio');
  const result: ProbeResult = {
    duration: Number(json.format.duration ?? 0),
    format: json.format.format_name ?? '',
  };
  if (v) {
    result.video = {
      codec: String(v.codec_name),
      ...(v.profile !== undefined ? { profile: String(v.profile) } : {}),
      width: Number(v.width),
      height: Number(v.height),
      pixFmt: String(v.pix_fmt),
      fps: ratio(String(v.r_frame_rate)),
      frames: Number(v.nb_read_frames ?? v.nb_frames ?? 0),
      duration: Number(v.duration ?? 0),
    };
  }
  if (a) {
    result.audio = {
      codec: String(a.codec_name),
      sampleRate: Number(a.sample_rate),
      channels: Number(a.channels),
      duration: Number(a.duration ?? 0),
    };
  }
  return result;
}

export interface RgbFrame {
  width: number;
  height: number;
  /** Packed RGB, 3 bytes a pixel, row by row. */
  data: Buffer;
}

/** The frame shown at `t` seconds (accurate seek), as raw RGB at the video's own size. */
export async function frameAt(file: string, t: number): Promise<RgbFrame> {
  const info = await probeSize(file);
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-ss',
      t.toFixed(4),
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: MAX_BUFFER },
  );
  return { width: info.width, height: info.height, data: stdout };
}

/** Every frame of the video as raw RGB (small test videos only). */
export async function allFrames(file: string): Promise<RgbFrame[]> {
  const info = await probeSize(file);
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    {
      encoding: 'buffer',
      maxBuffer: MAX_BUFFER,
    },
  );
  const size = info.width * info.height * 3;
  const frames: RgbFrame[] = [];
  for (let off = 0; off + size <= stdout.length; off += size) {
    frames.push({ width: info.width, height: info.height, data: stdout.subarray(off, off + size) });
  }
  return frames;
}

async function probeSize(file: string): Promise<{ width: number; height: number }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'csv=p=0',
    file,
  ]);
  const [w, h] = stdout.trim().split(',').map(Number);
  return { width: w ?? 0, height: h ?? 0 };
}

export interface Region {
  /** Fractions of the frame, 0..1. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Mean [r, g, b] of a region given in fractions of the frame (default: the whole frame). */
export function meanColor(
  frame: RgbFrame,
  region: Region = { x: 0, y: 0, w: 1, h: 1 },
): [number, number, number] {
  const x0 = Math.floor(region.x * frame.width);
  const y0 = Math.floor(region.y * frame.height);
  const x1 = Math.max(x0 + 1, Math.floor((region.x + region.w) * frame.width));
  const y1 = Math.max(y0 + 1, Math.floor((region.y + region.h) * frame.height));
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * frame.width + x) * 3;
      sum[0]! += frame.data[i]!;
      sum[1]! += frame.data[i + 1]!;
      sum[2]! += frame.data[i + 2]!;
      n++;
    }
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** Largest per-channel difference between two colours. */
export function colorDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
}

/** Mean absolute difference of two frames' pixels in a region, 0..255. */
export function frameDifference(
  a: RgbFrame,
  b: RgbFrame,
  region: Region = { x: 0, y: 0, w: 1, h: 1 },
): number {
  const x0 = Math.floor(region.x * a.width);
  const y0 = Math.floor(region.y * a.height);
  const x1 = Math.floor((region.x + region.w) * a.width);
  const y1 = Math.floor((region.y + region.h) * a.height);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * 3;
      for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
      n += 3;
    }
  }
  return n ? sum / n : 0;
}

/** Decoded audio of a window [start, start+duration) as mono float samples at `rate`. */
export async function audioSamples(
  file: string,
  start: number,
  duration: number,
  rate = 48000,
): Promise<Float32Array> {
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-ss',
      start.toFixed(4),
      '-t',
      duration.toFixed(4),
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(rate),
      '-f',
      'f32le',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: MAX_BUFFER },
  );
  const copy = Buffer.from(stdout);
  return new Float32Array(copy.buffer, copy.byteOffset, Math.floor(copy.length / 4));
}

/** RMS level of an audio window, linear (0 = silence, ~0.7 = full-scale sine). */
export async function audioRms(file: string, start: number, duration: number): Promise<number> {
  const s = await audioSamples(file, start, duration);
  if (s.length === 0) return 0;
  let sum = 0;
  for (const v of s) sum += v * v;
  return Math.sqrt(sum / s.length);
}

/** Linear level → dBFS. */
export function toDb(level: number): number {
  return level > 0 ? 20 * Math.log10(level) : -Infinity;
}

/** Integrated loudness (LUFS) of the whole file, measured by ffmpeg's ebur128. */
export async function loudness(file: string): Promise<number> {
  const { stderr } = await run(
    'ffmpeg',
    ['-nostats', '-i', file, '-vn', '-af', 'ebur128', '-f', 'null', '-'],
    {
      maxBuffer: MAX_BUFFER,
    },
  );
  const m = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf)\s*LUFS/.exec(stderr);
  return m && m[1] !== '-inf' ? Number(m[1]) : -Infinity;
}

/** framemd5 of the decoded video frames (one hash a frame): identical lists = identical pictures. */
export async function frameHashes(file: string): Promise<string[]> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v', '-f', 'framemd5', '-'], {
    maxBuffer: MAX_BUFFER,
  });
  return stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)?.trim() ?? '');
}
