import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

/** Writes `count` small solid-colour photos (01.jpg, 02.jpg, …) and a few seconds of music (music.m4a) into `dir`. */
export async function makeMedia(
  dir: string,
  count = 3,
  musicSeconds = 4,
): Promise<{ photos: string[]; music: string }> {
  await mkdir(dir, { recursive: true });
  const colours = [
    { r: 200, g: 40, b: 40 },
    { r: 40, g: 160, b: 60 },
    { r: 40, g: 60, b: 200 },
    { r: 220, g: 200, b: 40 },
  ];
  const photos: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${String(i + 1).padStart(2, '0')}.jpg`);
    const portrait = i % 2 === 1;
    await sharp({
      create: {
        width: portrait ? 360 : 480,
        height: portrait ? 480 : 360,
        channels: 3,
        background: colours[i % colours.length]!,
      },
    })
      .jpeg()
      .toFile(file);
    photos.push(file);
  }
  const music = path.join(dir, 'music.m4a');
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${musicSeconds}`,
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    music,
  ]);
  return { photos, music };
}

export interface Probe {
  width: number;
  height: number;
  durationS: number;
  hasAudio: boolean;
  codec: string;
}

export async function probe(file: string): Promise<Probe> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_streams',
    '-show_format',
    '-of',
    'json',
    file,
  ]);
  const info = JSON.parse(stdout) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration: string };
  };
  const video = info.streams.find((s) => s.codec_type === 'video');
  return {
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    durationS: Number(info.format.duration),
    hasAudio: info.streams.some((s) => s.codec_type === 'audio'),
    codec: video?.codec_name ?? '',
  };
}
