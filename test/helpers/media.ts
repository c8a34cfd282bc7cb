/**
 * A temp folder, and media the tests make for themselves in it (sharp, ffmpeg lavfi): photos of a colour or a hue,
 * optionally with an EXIF capture time, a sine tone as music, and a text file posing as media. No downloads.
 * To look at what came out, use `probe` and friends in ./video.ts.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp, { type OverlayOptions } from 'sharp';

const run = promisify(execFile);

/** A fresh folder under the system temp folder, and a function that removes it. */
export async function tempDir(prefix = 'photoreel-svc-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface PhotoOptions {
  /** Pixels; default 320 x 240. */
  width?: number;
  height?: number;
  /** A solid colour ('#rrggbb' or r, g, b). Without it the colour comes from `hue`. */
  colour?: string | Rgb;
  /** A colour of its own for each number (default 0); used when `colour` is not given. */
  hue?: number;
  /** A small white square in the top-left corner so no two photos are alike (default: when `colour` is not given). */
  mark?: boolean;
  /** Text written large in white in the middle (e.g. the photo's number). */
  label?: string;
  /** EXIF capture time, '2021:05:06 10:11:12'. */
  takenAt?: string;
  /** JPEG quality, default 80. */
  quality?: number;
}

/** The colour `makePhoto` gives a hue. */
export function hueColour(hue: number): Rgb {
  return { r: (hue * 97) % 256, g: (hue * 53 + 80) % 256, b: (hue * 29 + 160) % 256 };
}

/** A JPEG photo (see PhotoOptions); returns `file`. */
export async function makePhoto(file: string, options: PhotoOptions = {}): Promise<string> {
  const { width = 320, height = 240, quality = 80 } = options;
  const background = options.colour ?? hueColour(options.hue ?? 0);
  const mark = options.mark ?? options.colour === undefined;
  const overlays: OverlayOptions[] = [];
  if (mark) {
    overlays.push({
      input: {
        create: {
          width: Math.max(2, width >> 3),
          height: Math.max(2, height >> 3),
          channels: 3,
          background: '#ffffff',
        },
      },
      left: 4,
      top: 4,
    });
  }
  if (options.label !== undefined) {
    overlays.push({
      input: Buffer.from(
        `<svg width="${width}" height="${height}"><text x="${width / 2}" y="${Math.round(height * 0.583)}" font-size="${Math.round(height / 3)}" text-anchor="middle" fill="white">${options.label}</text></svg>`,
      ),
    });
  }
  let img = sharp({ create: { width, height, channels: 3, background } });
  if (overlays.length) img = img.composite(overlays);
  if (options.takenAt) img = img.withExif({ IFD2: { DateTimeOriginal: options.takenAt } });
  await img.jpeg({ quality }).toFile(file);
  return file;
}

/** Runs ffmpeg (lavfi sources and the like), overwriting outputs; rejects with its log on failure. */
export async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** A 440 Hz sine tone of `seconds` as m4a (AAC, 64 kb/s); returns `file`. */
export async function makeMusic(file: string, seconds = 4): Promise<string> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    file,
  ]);
  return file;
}

/** A text file (to pose as media that is not); returns `file`. */
export async function makeText(file: string, text = 'hello, not a picture\n'): Promise<string> {
  await writeFile(file, text);
  return file;
}

const SET_COLOURS: Rgb[] = [
  { r: 200, g: 40, b: 40 },
  { r: 40, g: 160, b: 60 },
  { r: 40, g: 60, b: 200 },
  { r: 220, g: 200, b: 40 },
];

/**
 * Writes `count` small solid-colour photos (01.jpg, 02.jpg, …; every second one portrait, 360 x 480, the others
 * 480 x 360) and a few seconds of music (music.m4a) into `dir`, made if missing.
 */
export async function makeMediaSet(
  dir: string,
  count = 3,
  musicSeconds = 4,
): Promise<{ photos: string[]; music: string }> {
  await mkdir(dir, { recursive: true });
  const photos: string[] = [];
  for (let i = 0; i < count; i++) {
    const portrait = i % 2 === 1;
    photos.push(
      await makePhoto(path.join(dir, `${String(i + 1).padStart(2, '0')}.jpg`), {
        width: portrait ? 360 : 480,
        height: portrait ? 480 : 360,
        colour: SET_COLOURS[i % SET_COLOURS.length]!,
      }),
    );
  }
  const music = await makeMusic(path.join(dir, 'music.m4a'), musicSeconds);
  return { photos, music };
}
