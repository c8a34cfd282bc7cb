import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { ErrorKey } from '../../src/errors.ts';
import { rejection } from '../helpers/errors.ts';

export type Rgb = [number, number, number];
export const RED: Rgb = [255, 0, 0];
export const GREEN: Rgb = [0, 255, 0];
export const BLUE: Rgb = [0, 0, 255];
export const WHITE: Rgb = [255, 255, 255];

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'photoreel-media-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An asymmetric test card: red top-left, green top-right, blue bottom-left, white bottom-right
 * quadrants. Upright it reads RGB/W; any rotation or mirror shows.
 */
export function quadrants(width: number, height: number): Sharp {
  const buf = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const top = y < height / 2;
      const left = x < width / 2;
      const c = top && left ? RED : top ? GREEN : left ? BLUE : WHITE;
      buf.set(c, (y * width + x) * 3);
    }
  }
  return sharp(buf, { raw: { width, height, channels: 3 } });
}

/** Colours at the centres of the four quadrants of an image file (sRGB, alpha dropped). */
export async function quadrantColours(
  file: string,
): Promise<{ tl: Rgb; tr: Rgb; bl: Rgb; br: Rgb; width: number; height: number }> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (fx: number, fy: number): Rgb => {
    const x = Math.floor(info.width * fx);
    const y = Math.floor(info.height * fy);
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  return {
    tl: at(0.25, 0.25),
    tr: at(0.75, 0.25),
    bl: at(0.25, 0.75),
    br: at(0.75, 0.75),
    width: info.width,
    height: info.height,
  };
}

/** Colour of one pixel (x, y as fractions of the size). */
export async function pixelAt(file: string, fx: number, fy: number): Promise<Rgb> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const x = Math.min(info.width - 1, Math.floor(info.width * fx));
  const y = Math.min(info.height - 1, Math.floor(info.height * fy));
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

export function near(a: readonly number[], b: readonly number[], tolerance = 24): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= tolerance);
}

/** Runs ffmpeg (quietly) to make test media. */
export function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Awaits `p` and returns the catalog key it was rejected with (fails the test otherwise). */
export async function rejectedKey(p: Promise<unknown>): Promise<ErrorKey> {
  return (await rejection(p)).key;
}
