import { open } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { PhotoreelError } from '../errors.ts';

/** What a photo's header says, read without decoding its pixels. */
export interface ImageHeader {
  /** As stored (before EXIF orientation). HEIF: as libheif displays it (irot/imir applied). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent; always 1 for HEIF, whose own transforms win). */
  orientation: number;
  /** Frames: more than 1 for animated GIF/WebP. */
  pages: number;
  /** Per-frame delays in ms, for animations. */
  delays?: number[];
  exif?: Buffer;
  /** BMP only: the file is shorter than its pixel rows need. */
  truncated?: boolean;
}

/** BMP header: sharp cannot read BMP, so its size is read by hand (BITMAPCOREHEADER and later). */
export function parseBmpHeader(b: Buffer, fileSize: number): ImageHeader | undefined {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) return undefined;
  const dataOffset = b.readUInt32LE(10);
  const dib = b.readUInt32LE(14);
  let width: number;
  let height: number;
  let bpp: number;
  let compression = 0;
  if (dib === 12) {
    width = b.readUInt16LE(18);
    height = b.readUInt16LE(20);
    bpp = b.readUInt16LE(24);
  } else {
    if (b.length < 34) return undefined;
    width = Math.abs(b.readInt32LE(18));
    height = Math.abs(b.readInt32LE(22));
    bpp = b.readUInt16LE(28);
    compression = b.readUInt32LE(30);
  }
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  // Uncompressed (BI_RGB) or bitfields: the pixel rows must all be there.
  const truncated = (compression === 0 || compression === 3) && dataOffset + rowBytes * height > fileSize;
  return { width, height, orientation: 1, pages: 1, truncated };
}

/**
 * Reads a photo's dimensions, orientation, frame count and EXIF from its header only: a file that
 * claims 100000x100000 pixels costs no memory here. A header nobody can parse is FILE_DAMAGED.
 */
export async function readImageHeader(file: string, ext: string): Promise<ImageHeader> {
  const name = path.basename(file);
  if (ext === 'bmp') {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      const buf = Buffer.alloc(64);
      const { bytesRead } = await fh.read(buf, 0, 64, 0);
      const h = parseBmpHeader(buf.subarray(0, bytesRead), size);
      if (!h || h.width === 0 || h.height === 0) throw damaged(name, 'its BMP header is unreadable');
      return h;
    } finally {
      await fh.close();
    }
  }
  let m: Metadata;
  try {
    // limitInputPixels: false so the header of an oversized image is read and refused by our own limit.
    m = await sharp(file, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw damaged(name, shortReason(e));
  }
  if (!m.width || !m.height) throw damaged(name, 'its header has no size');
  const orientation = ext === 'heic' ? 1 : (m.orientation ?? 1);
  // For HEIF, libvips reports the size as libheif displays it (after irot); others are as stored.
  return {
    width: m.width,
    height: m.pageHeight && (m.pages ?? 1) > 1 ? m.pageHeight : m.height,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    pages: m.pages ?? 1,
    ...(m.delay ? { delays: m.delay } : {}),
    ...(m.exif ? { exif: m.exif } : {}),
  };
}

export function damaged(name: string, why: string, cause?: unknown): PhotoreelError {
  return new PhotoreelError(
    'FILE_DAMAGED',
    `${name} is damaged or truncated (${why}): export it again from its source.`,
    { file: name },
    cause === undefined ? undefined : { cause },
  );
}

/** The first line of a decoder's error, without the file name it repeats. */
export function shortReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n').find((l) => l.trim() !== '') ?? msg;
  return (
    line
      .replace(/^[^:]*\/[^:]*: /, '')
      .trim()
      .slice(0, 160) || 'unreadable'
  );
}
