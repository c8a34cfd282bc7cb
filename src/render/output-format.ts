import path from 'node:path';
import { PhotoreelError } from '../errors.ts';

/**
 * Output formats and quality levels: pure mapping to ffmpeg's encoder and muxer arguments.
 *
 * | format | video | audio | container |
 * |--------|-------|-------|-----------|
 * | mp4    | H.264 High, yuv420p | AAC 48 kHz stereo | MP4, +faststart |
 * | mov    | H.264 High, yuv420p | AAC 48 kHz stereo | QuickTime, +faststart |
 * | webm   | VP9, yuv420p | Opus 48 kHz stereo | WebM |
 * | gif    | GIF, 256-colour palette per file (palettegen/paletteuse), loops | none | GIF |
 * | webp   | animated WebP (lossy), loops | none | WebP |
 *
 * Quality levels (QUALITY_SETTINGS has the exact values):
 * - `draft`: a quick look. x264 ultrafast CRF 26; VP9 realtime cpu-used 8 CRF 40; small GIF/WebP.
 *   The renderer may also draw drafts at a lower resolution.
 * - `standard` (default): x264 veryfast CRF 20; VP9 realtime cpu-used 5 CRF 32.
 * - `high`: x264 medium CRF 18; VP9 good cpu-used 4 CRF 30 (several times slower than standard).
 *
 * GIF and WebP are for short loops: at most MAX_LOOP_MS long, drawn at a capped size and frame rate.
 * Every output is bit-exact: the same frames and sound give the same bytes.
 */

export const OUTPUT_FORMATS = ['mp4', 'webm', 'mov', 'gif', 'webp'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const QUALITIES = ['draft', 'standard', 'high'] as const;
export type Quality = (typeof QUALITIES)[number];

export const DEFAULT_FORMAT: OutputFormat = 'mp4';
export const DEFAULT_QUALITY: Quality = 'standard';

/** Longest GIF or WebP: they hold every frame in few colours (GIF) or as stills, for short loops only. */
export const MAX_LOOP_MS = 20_000;

/** The formats without sound. */
export function isAnimatedImage(format: OutputFormat): boolean {
  return format === 'gif' || format === 'webp';
}

/** Whether the format carries a sound track. */
export function hasAudio(format: OutputFormat): boolean {
  return !isAnimatedImage(format);
}

/** HTTP Content-Type of each format. */
export const CONTENT_TYPES: Record<OutputFormat, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** File extension (without the dot) of each format. */
export const EXTENSIONS: Record<OutputFormat, string> = {
  mp4: 'mp4',
  webm: 'webm',
  mov: 'mov',
  gif: 'gif',
  webp: 'webp',
};

const BY_EXTENSION: Record<string, OutputFormat> = {
  '.mp4': 'mp4',
  '.m4v': 'mp4',
  '.webm': 'webm',
  '.mov': 'mov',
  '.qt': 'mov',
  '.gif': 'gif',
  '.webp': 'webp',
};

/** The format a file name asks for by its extension (case ignored), or undefined for other names. */
export function formatFromPath(file: string): OutputFormat | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}

/** Reads a format name (case ignored); anything else is BAD_REQUEST naming the offered ones. */
export function parseFormat(value: string): OutputFormat {
  const v = value.trim().toLowerCase();
  const found = OUTPUT_FORMATS.find((f) => f === v);
  if (!found) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The output format "${value.slice(0, 20)}" is not offered: use ${OUTPUT_FORMATS.join(', ')}.`,
      { format: value.slice(0, 20) },
    );
  }
  return found;
}

/** Reads a quality name (case ignored); anything else is BAD_REQUEST naming the offered ones. */
export function parseQuality(value: string): Quality {
  const v = value.trim().toLowerCase();
  const found = QUALITIES.find((q) => q === v);
  if (!found) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The output quality "${value.slice(0, 20)}" is not offered: use ${QUALITIES.join(', ')}.`,
      { quality: value.slice(0, 20) },
    );
  }
  return found;
}

/**
 * The format of an output file: `format` when given, else the file's extension, else mp4.
 * A known extension that contradicts `format` (`-o clip.gif --format webm`) is BAD_REQUEST.
 */
export function resolveOutputFormat(file: string, format?: string): OutputFormat {
  const byName = formatFromPath(file);
  if (format === undefined) return byName ?? DEFAULT_FORMAT;
  const asked = parseFormat(format);
  if (byName !== undefined && byName !== asked) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The output ${path.basename(file).slice(0, 100)} ends in ${path.extname(file)}, which is ${byName}, ` +
        `but the format asked for is ${asked}: name the file .${EXTENSIONS[asked]} or leave the format out.`,
      { format: asked, extension: path.extname(file).toLowerCase() },
    );
  }
  return asked;
}

/** Refuses a GIF or WebP longer than MAX_LOOP_MS (BAD_REQUEST); other formats have no limit. */
export function checkOutputLength(format: OutputFormat, durationMs: number): void {
  if (!isAnimatedImage(format) || durationMs <= MAX_LOOP_MS) return;
  throw new PhotoreelError(
    'BAD_REQUEST',
    `A ${format.toUpperCase()} is for short loops of at most ${MAX_LOOP_MS / 1000} s, and this video lasts ` +
      `${(durationMs / 1000).toFixed(1)} s: shorten it, or export mp4 or webm.`,
    { format, durationMs, maxMs: MAX_LOOP_MS },
  );
}

/** Encoder settings of each quality (documented in docs/api.md). */
export const QUALITY_SETTINGS = {
  draft: {
    x264: { preset: 'ultrafast', crf: 26 },
    aac: '128k',
    vp9: { deadline: 'realtime', cpuUsed: 8, crf: 40 },
    opus: '96k',
    gif: { maxSide: 320, maxFps: 10 },
    webp: { maxSide: 480, maxFps: 12, quality: 60, compression: 2 },
  },
  standard: {
    x264: { preset: 'veryfast', crf: 20 },
    aac: '192k',
    vp9: { deadline: 'realtime', cpuUsed: 5, crf: 32 },
    opus: '128k',
    gif: { maxSide: 480, maxFps: 15 },
    webp: { maxSide: 720, maxFps: 20, quality: 75, compression: 4 },
  },
  high: {
    x264: { preset: 'medium', crf: 18 },
    aac: '256k',
    vp9: { deadline: 'good', cpuUsed: 4, crf: 30 },
    opus: '160k',
    gif: { maxSide: 640, maxFps: 20 },
    webp: { maxSide: 1080, maxFps: 30, quality: 85, compression: 5 },
  },
} as const satisfies Record<Quality, unknown>;

export const AUDIO_RATE = 48000;

export interface EncoderOptions {
  format: OutputFormat;
  quality: Quality;
  /** Frame rate of the frames given to ffmpeg, as ffmpeg reads it: `30/1`, `30000/1001`. */
  fps: string;
  /** Size of the frames given to ffmpeg. */
  w: number;
  h: number;
  /** Whether a sound stream is mapped (ignored by GIF and WebP, which have none). */
  audio: boolean;
}

export interface EncoderArgs {
  /**
   * A filter chain with one video input and one output, to run on the video before the encoder
   * (`-vf`, or `[v]<chain>[vout]` inside -filter_complex): GIF and WebP scale and thin out the
   * frames, and GIF builds its palette here. Undefined when the frames go to the encoder as they are.
   */
  videoFilter?: string;
  /** Codec and muxer arguments: everything between the -map options and the output path. */
  args: string[];
}

/** `num/den` → [num, den]; a plain number → [n, 1]. */
function parseFps(fps: string): [number, number] {
  const [a, b] = fps.split('/');
  const num = Number(a);
  const den = b === undefined ? 1 : Number(b);
  if (!(num > 0) || !(den > 0)) throw new RangeError(`encoderArgs: bad frame rate ${fps}`);
  return [num, den];
}

/** The size a GIF or WebP is drawn at: the longer side at most `maxSide`, aspect kept, even numbers. */
export function loopSize(w: number, h: number, maxSide: number): { w: number; h: number } {
  const long = Math.max(w, h);
  if (long <= maxSide) return { w, h };
  const f = maxSide / long;
  return { w: Math.max(2, Math.round((w * f) / 2) * 2), h: Math.max(2, Math.round((h * f) / 2) * 2) };
}

/** The size and frame rate an output format draws `w`×`h` at `fps` (GIF and WebP are smaller). */
export function outputGeometry(
  format: OutputFormat,
  quality: Quality,
  w: number,
  h: number,
  fps: string,
): { w: number; h: number; fps: string } {
  if (format !== 'gif' && format !== 'webp') return { w, h, fps };
  const s = QUALITY_SETTINGS[quality][format];
  const [num, den] = parseFps(fps);
  return { ...loopSize(w, h, s.maxSide), fps: num / den > s.maxFps ? `${s.maxFps}/1` : `${num}/${den}` };
}

/** Tiles of a VP9 frame (log2), so both cores work on one frame. */
function vp9TileColumns(w: number): number {
  if (w >= 1920) return 2;
  if (w >= 960) return 1;
  return 0;
}

const COLOUR_TAGS = [
  '-colorspace',
  'bt709',
  '-color_primaries',
  'bt709',
  '-color_trc',
  'bt709',
  '-color_range',
  'tv',
];
const BITEXACT_MUX = ['-map_metadata', '-1', '-fflags', '+bitexact'];

/** The filter that scales and thins out the frames of a GIF or WebP, or undefined when nothing changes. */
function loopFilter(o: EncoderOptions, out: { w: number; h: number; fps: string }): string[] {
  const parts: string[] = [];
  if (out.fps !== o.fps && out.fps !== `${o.fps}/1`) parts.push(`fps=${out.fps}`);
  if (out.w !== o.w || out.h !== o.h) parts.push(`scale=${out.w}:${out.h}:flags=lanczos`);
  return parts;
}

/** The sound encoder `codec` at `bitrate`, 48 kHz stereo, bit-exact. */
function soundArgs(codec: string[], bitrate: string): string[] {
  return [...codec, '-b:a', bitrate, '-ar', String(AUDIO_RATE), '-ac', '2', '-flags:a', '+bitexact'];
}

/**
 * Codec and muxer arguments of an output: no inputs, no -map, no output path.
 * Same options → same arguments (and ffmpeg writes the same bytes from the same frames).
 */
export function encoderArgs(o: EncoderOptions): EncoderArgs {
  const q = QUALITY_SETTINGS[o.quality];
  if (o.format === 'mp4' || o.format === 'mov') {
    const args = [
      '-c:v',
      'libx264',
      '-profile:v',
      'high',
      '-preset',
      q.x264.preset,
      '-crf',
      String(q.x264.crf),
      '-pix_fmt',
      'yuv420p',
      ...COLOUR_TAGS,
      '-r',
      o.fps,
      '-fps_mode',
      'cfr',
      '-flags:v',
      '+bitexact',
    ];
    if (o.audio) {
      // The fast coder: ffmpeg's own advice for bitrates like these (the two-loop search costs about 4x
      // the CPU, as much as a sixth of x264's time in a slideshow, and sounds no better at 128k and up).
      args.push(...soundArgs(['-c:a', 'aac', '-aac_coder', 'fast'], q.aac));
    } else args.push('-an');
    // Edit lists in samples of 48 kHz: the sound track's length is exact (the default 1/1000 s
    // timescale cuts it to the millisecond below).
    args.push(...BITEXACT_MUX, '-movflags', '+faststart', '-movie_timescale', String(AUDIO_RATE));
    args.push('-f', o.format);
    return { args };
  }
  if (o.format === 'webm') {
    const args = [
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      q.vp9.deadline,
      '-cpu-used',
      String(q.vp9.cpuUsed),
      '-crf',
      String(q.vp9.crf),
      '-b:v',
      '0',
      '-row-mt',
      '1',
      '-tile-columns',
      String(vp9TileColumns(o.w)),
      '-pix_fmt',
      'yuv420p',
      ...COLOUR_TAGS,
      '-r',
      o.fps,
      '-fps_mode',
      'cfr',
      '-flags:v',
      '+bitexact',
    ];
    if (o.audio) {
      args.push(...soundArgs(['-c:a', 'libopus'], q.opus));
    } else args.push('-an');
    args.push(...BITEXACT_MUX, '-f', 'webm');
    return { args };
  }
  const out = outputGeometry(o.format, o.quality, o.w, o.h, o.fps);
  const pre = loopFilter(o, out);
  if (o.format === 'gif') {
    // One palette for the whole loop (stats over the frames that change), ordered dithering: it
    // compresses well and does not crawl from frame to frame.
    const palette =
      'split[gif_a][gif_b];[gif_a]palettegen=max_colors=256:stats_mode=diff[gif_p];' +
      '[gif_b][gif_p]paletteuse=dither=bayer:bayer_scale=3:diff_mode=rectangle';
    return {
      videoFilter: [...pre, palette].join(','),
      args: ['-c:v', 'gif', '-flags:v', '+bitexact', '-an', '-loop', '0', ...BITEXACT_MUX, '-f', 'gif'],
    };
  }
  const s = q.webp;
  return {
    ...(pre.length ? { videoFilter: pre.join(',') } : {}),
    args: [
      '-c:v',
      'libwebp_anim',
      '-lossless',
      '0',
      '-quality',
      String(s.quality),
      '-compression_level',
      String(s.compression),
      '-pix_fmt',
      'yuv420p',
      '-flags:v',
      '+bitexact',
      '-an',
      '-loop',
      '0',
      ...BITEXACT_MUX,
      '-f',
      'webp',
    ],
  };
}
