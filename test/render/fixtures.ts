/** Media the render tests make for themselves (sharp and ffmpeg lavfi) in a temp folder: no downloads. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { RenderAsset } from '../../src/render/types.ts';
import type { DraftInput } from '../../src/timeline/draft.ts';

const run = promisify(execFile);

export async function tempDir(
  prefix = 'photoreel-render-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function solidPhoto(
  dir: string,
  name: string,
  color: [number, number, number],
  width = 640,
  height = 360,
): Promise<RenderAsset> {
  const file = path.join(dir, `${name}.png`);
  await sharp({
    create: { width, height, channels: 3, background: { r: color[0], g: color[1], b: color[2] } },
  })
    .png()
    .toFile(file);
  return imageAsset(name, file, width, height);
}

export async function imageAsset(
  id: string,
  file: string,
  width: number,
  height: number,
): Promise<RenderAsset> {
  const { size } = await stat(file);
  return { id, path: file, info: { kind: 'image', mime: 'image/png', ext: 'png', size, width, height } };
}

/** A sine tone (stereo, 48 kHz) of `seconds`, as m4a. */
export async function tone(dir: string, name: string, seconds: number, freq = 440): Promise<RenderAsset> {
  const file = path.join(dir, `${name}.m4a`);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${freq}:sample_rate=48000:duration=${seconds}`,
    '-ac',
    '2',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    file,
  ]);
  const { size } = await stat(file);
  return {
    id: name,
    path: file,
    info: { kind: 'audio', mime: 'audio/mp4', ext: 'm4a', size, durationMs: seconds * 1000 },
  };
}

/** A test-pattern clip with (optionally) a tone. */
export async function clip(
  dir: string,
  name: string,
  seconds: number,
  opts: { width?: number; height?: number; fps?: number; audio?: boolean; color?: string } = {},
): Promise<RenderAsset> {
  const w = opts.width ?? 320;
  const h = opts.height ?? 240;
  const file = path.join(dir, `${name}.mp4`);
  const video = opts.color
    ? `color=c=${opts.color}:s=${w}x${h}:r=${opts.fps ?? 25}:d=${seconds}`
    : `testsrc2=s=${w}x${h}:r=${opts.fps ?? 25}:d=${seconds}`;
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', video];
  if (opts.audio) args.push('-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=44100:duration=${seconds}`);
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (opts.audio) args.push('-c:a', 'aac', '-ac', '2');
  args.push(file);
  await run('ffmpeg', args);
  const { size } = await stat(file);
  return {
    id: name,
    path: file,
    info: {
      kind: 'video',
      mime: 'video/mp4',
      ext: 'mp4',
      size,
      width: w,
      height: h,
      durationMs: seconds * 1000,
      hasAudio: opts.audio === true,
    },
  };
}

export const COLORS: [number, number, number][] = [
  [220, 30, 30],
  [30, 200, 40],
  [30, 60, 220],
  [230, 220, 30],
  [200, 40, 200],
];

/** A draft of `n` photos of `ms` each, small canvas. */
export function photoDraft(
  ids: string[],
  opts: {
    w?: number;
    h?: number;
    fps?: number;
    ms?: number;
    tr?: { type: string; d: number };
    motion?: string;
  } = {},
): DraftInput {
  return {
    v: 1,
    w: opts.w ?? 320,
    h: opts.h ?? 180,
    fps: opts.fps ?? 10,
    t: [
      {
        tt: 0,
        sg: ids.map((src, i) => ({
          src,
          d: opts.ms ?? 1000,
          m: {
            fit: 'cover',
            ...(opts.motion ? { motion: { type: opts.motion } } : {}),
            ...(opts.tr && i < ids.length - 1 ? { tr: opts.tr } : {}),
          },
        })),
      },
    ],
    m: {},
  } as DraftInput;
}

export function assetMap(list: RenderAsset[]): Record<string, RenderAsset> {
  return Object.fromEntries(list.map((a) => [a.id, a]));
}
