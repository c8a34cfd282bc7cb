import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import decodeHeic from 'heic-decode';
import { PhotoreelError } from '../errors.ts';
import { damaged, readImageHeader, shortReason } from './image-header.ts';
import { checkPixels, MEDIA_LIMITS } from './limits.ts';
import { runTool } from './run-tool.ts';
import { sniff } from './sniff.ts';

export interface DecodeOptions {
  maxPixels?: number;
  signal?: AbortSignal;
}

/**
 * Opens a photo for one decode: a sharp pipeline whose pixels are upright (EXIF orientation 1–8
 * applied; HEIF by its own irot/imir), first frame only. Colour profile conversion to sRGB happens
 * when the pipeline is written. HEIC/HEIF goes through heic-decode (sharp's prebuilt libvips has no
 * HEVC decoder), BMP through ffmpeg (libvips has no BMP loader). The pixel limit is checked from the
 * header before any decoding.
 */
export async function openStill(file: string, o: DecodeOptions = {}): Promise<Sharp> {
  const name = path.basename(file);
  const maxPixels = o.maxPixels ?? MEDIA_LIMITS.maxPixels;
  const s = await sniff(file, { signal: o.signal });
  if (s.kind !== 'image') {
    throw new PhotoreelError(
      'UNSUPPORTED_TYPE',
      `${name} is a ${s.kind === 'video' ? 'clip' : 'music file'}, not a photo.`,
      {
        file: name,
        kind: s.kind,
      },
    );
  }
  const h = await readImageHeader(file, s.ext);
  checkPixels(name, h.width, h.height, maxPixels);
  if (s.ext === 'heic') return openHeic(file, name, maxPixels);
  if (s.ext === 'bmp') {
    if (h.truncated) throw damaged(name, 'its pixel rows end early');
    return openBmp(file, name, h.width, h.height, o.signal);
  }
  return sharp(file, { failOn: 'error', limitInputPixels: maxPixels, animated: false }).rotate();
}

async function openHeic(file: string, name: string, maxPixels: number): Promise<Sharp> {
  const buffer = await readFile(file);
  let img: { width: number; height: number; data: Uint8ClampedArray };
  try {
    img = await decodeHeic({ buffer });
  } catch (e) {
    // A HEIF whose image is AV1 (or anything libvips can read itself): let sharp try.
    try {
      const m = await sharp(buffer, { failOn: 'error', limitInputPixels: maxPixels })
        .raw()
        .toBuffer({ resolveWithObject: true });
      return sharp(m.data, {
        raw: { width: m.info.width, height: m.info.height, channels: m.info.channels },
      });
    } catch {
      throw damaged(name, shortReason(e));
    }
  }
  if (img.width * img.height * 4 !== img.data.length) throw damaged(name, 'its decoded size is inconsistent');
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 4 },
  });
}

async function openBmp(
  file: string,
  name: string,
  width: number,
  height: number,
  signal?: AbortSignal,
): Promise<Sharp> {
  const frame = width * height * 4;
  const r = await runTool(
    'ffmpeg',
    [
      '-v',
      'error',
      '-nostdin',
      '-protocol_whitelist',
      'file',
      '-f',
      'bmp_pipe',
      '-i',
      `file:${path.resolve(file)}`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    { timeoutMs: 60_000, signal, maxOutputBytes: frame },
  );
  if (r.timedOut || r.code !== 0 || r.stdout.length !== frame) {
    throw damaged(name, r.stderrTail.split('\n').pop()?.slice(0, 160) || 'ffmpeg could not decode it');
  }
  return sharp(r.stdout, { raw: { width, height, channels: 4 } });
}
