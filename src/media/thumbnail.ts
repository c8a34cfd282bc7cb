import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { PhotoreelError } from '../errors.ts';
import { cacheKey, ensureCached, hashFile, writeAtomic } from './cache-file.ts';
import { openStill } from './decode-still.ts';
import { damaged, shortReason } from './image-header.ts';
import { runTool } from './run-tool.ts';
import { fsError, sniff } from './sniff.ts';

export interface ThumbnailOptions {
  /** Longest side in pixels; smaller photos are not enlarged. */
  size: number;
  cacheDir: string;
  signal?: AbortSignal;
}

export const THUMBNAIL_VERSION = 1;
const QUALITY = 80;

/**
 * A JPEG preview for the web page, upright, its longest side `size` pixels: a photo's first frame,
 * or a clip's frame at one second (or its middle when shorter). Cached by content hash in `cacheDir`
 * and written atomically; returns its path. Music files have no picture: UNSUPPORTED_TYPE.
 */
export async function thumbnail(src: string, o: ThumbnailOptions): Promise<string> {
  const name = path.basename(src);
  let hash: string;
  try {
    hash = await hashFile(src);
  } catch (e) {
    throw fsError(e, name);
  }
  const size = Math.max(16, Math.round(o.size));
  const out = path.join(o.cacheDir, `${cacheKey('thumb', THUMBNAIL_VERSION, hash, size)}.jpg`);
  await ensureCached(out, async () => {
    const s = await sniff(src, { signal: o.signal });
    if (s.kind === 'audio') {
      throw new PhotoreelError('UNSUPPORTED_TYPE', `${name} is a music file: it has no picture to preview.`, {
        file: name,
      });
    }
    const still =
      s.kind === 'video'
        ? await clipFrame(src, name, size, o.signal)
        : await openStill(src, { signal: o.signal });
    await writeAtomic(out, async (tmp) => {
      try {
        await still
          .resize(size, size, { fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#000' })
          .jpeg({ quality: QUALITY, mozjpeg: false })
          .toFile(tmp);
      } catch (e) {
        throw damaged(name, shortReason(e));
      }
    });
  });
  return out;
}

async function clipFrame(src: string, name: string, size: number, signal?: AbortSignal): Promise<Sharp> {
  const grab = (at: number): ReturnType<typeof runTool> =>
    runTool(
      'ffmpeg',
      [
        '-v',
        'error',
        '-nostdin',
        '-protocol_whitelist',
        'file',
        '-ss',
        String(at),
        '-i',
        `file:${path.resolve(src)}`,
        '-frames:v',
        '1',
        '-vf',
        // ffmpeg turns rotated phone clips upright itself; square the pixels, then bound the size.
        `scale=trunc(iw*sar/2)*2:ih,setsar=1,scale=${size}:${size}:force_original_aspect_ratio=decrease`,
        '-f',
        'image2pipe',
        '-c:v',
        'png',
        'pipe:1',
      ],
      { timeoutMs: 60_000, signal, maxOutputBytes: 64 << 20 },
    );
  // One second in shows something more telling than a fade from black; a shorter clip gives frame 0.
  let r = await grab(1);
  if (r.code === 0 && r.stdout.length === 0) r = await grab(0);
  if (r.timedOut || r.code !== 0 || r.stdout.length === 0) {
    throw damaged(name, r.stderrTail.split('\n').pop()?.slice(0, 160) || 'no frame could be read');
  }
  return sharp(r.stdout);
}
