import { open } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { OutputInfo, Sharp } from 'sharp';
import { isPhotoreelError, PhotoreelError } from '../errors.ts';
import type { Fit } from '../timeline/draft.ts';
import { resizeRgbWasm, rgbToYuv420Wasm } from '../render/warp/index.ts';
import { cacheKey, ensureCached, hashFile, writeAtomic } from './cache-file.ts';
import { openStill } from './decode-still.ts';
import { damaged, shortReason } from './image-header.ts';
import { fsError } from './sniff.ts';
import type { PreparedImage } from './types.ts';

export interface PrepareOptions {
  width: number;
  height: number;
  fit: Fit;
  cacheDir: string;
}

/**
 * Bump when the output of prepareImage or prepareStill changes for the same input, so old cache
 * entries are not reused. It is part of every cache key.
 */
export const PREPARE_VERSION = 5;

// libvips' operation cache keeps up to 50 MB of decoded pixels for re-use; preparation never runs the
// same operation twice (results are cached on disk), so it only raised node's peak memory.
sharp.cache(false);
// One libvips thread per operation: photos are prepared one at a time beside the frame workers and
// the encoder, which keep the cores busy anyway; more threads only added their memory arenas
// (node's peak 459 → 412 MB on a 1080x1920 render, the same CPU time).
sharp.concurrency(1);

/**
 * Transparent areas of a photo are flattened onto white (cover and contain): dark artwork and text
 * on a transparent background stay visible, as they do in a browser or an image viewer. The blur fit
 * shows them over its blurred background instead (itself made from the photo flattened onto white).
 */
export const TRANSPARENT_BACKGROUND = { r: 255, g: 255, b: 255 } as const;
const WHITE = { ...TRANSPARENT_BACKGROUND, alpha: 1 };
/** The blur fit's background: a copy shrunk by this factor, blurred, darkened and scaled back up. */
const BLUR_SHRINK = 8;
const BLUR_SIGMA = 3;
const BLUR_BRIGHTNESS = 0.55;

/** A photo composed for the canvas: sRGB, 3 channels, rows packed. */
export interface ComposedStill {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The photo upright (every EXIF orientation), in sRGB, exactly `width`x`height`, composed by `fit`:
 * cover fills the canvas and crops the centre, contain letterboxes on black, blur contains the photo
 * over a blurred, darkened copy of itself. Transparency is flattened (TRANSPARENT_BACKGROUND, or the
 * blurred copy for blur). The photo is decoded once.
 */
export async function composeStill(
  src: string,
  o: { width: number; height: number; fit: Fit },
): Promise<ComposedStill> {
  const name = path.basename(src);
  const still = await openStill(src);
  try {
    if (o.fit === 'blur') return await composeBlur(still, o);
    if (o.fit === 'cover') {
      return raw(
        await still
          .resize(o.width, o.height, { fit: 'cover', position: 'centre', fastShrinkOnLoad: true })
          .flatten({ background: WHITE })
          .toColourspace('srgb')
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true }),
      );
    }
    // contain: the photo flattened first, then centred on black bars.
    const inside = await still
      .resize(o.width, o.height, { fit: 'inside', fastShrinkOnLoad: true })
      .flatten({ background: WHITE })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const canvas = Buffer.alloc(o.width * o.height * 3);
    const left = Math.floor((o.width - inside.info.width) / 2);
    const top = Math.floor((o.height - inside.info.height) / 2);
    const rowBytes = inside.info.width * 3;
    for (let y = 0; y < inside.info.height; y++) {
      inside.data.copy(canvas, ((top + y) * o.width + left) * 3, y * rowBytes, (y + 1) * rowBytes);
    }
    return { data: canvas, width: o.width, height: o.height };
  } catch (e) {
    throw decodeError(e, name);
  }
}

async function raw(r: { data: Buffer; info: OutputInfo }): Promise<ComposedStill> {
  const { width, height, channels } = r.info;
  if (channels === 3) return { data: r.data, width, height };
  // An opaque result that still carries an alpha channel (composites do): drop it.
  const data = await sharp(r.data, { raw: { width, height, channels } }).removeAlpha().raw().toBuffer();
  return { data, width, height };
}

async function photoKey(src: string, ...parts: Array<string | number>): Promise<string> {
  let hash: string;
  try {
    hash = await hashFile(src);
  } catch (e) {
    throw fsError(e, path.basename(src));
  }
  return cacheKey(...parts, PREPARE_VERSION, hash);
}

/**
 * A still exactly `width`x`height` as a JPEG (q95, no chroma subsampling), composed by composeStill;
 * cached in `cacheDir` under a key made of the file's sha256, the canvas, the fit and PREPARE_VERSION,
 * and written atomically, so concurrent callers share it and never read half a file.
 */
export async function prepareImage(src: string, o: PrepareOptions): Promise<PreparedImage> {
  const key = await photoKey(src, 'prepare', o.width, o.height, o.fit);
  const out = path.join(o.cacheDir, `${key}.jpg`);
  await ensureCached(out, async () => {
    const c = await composeStill(src, o);
    await writeAtomic(out, async (tmp) => {
      await sharp(c.data, { raw: { width: c.width, height: c.height, channels: 3 } })
        .jpeg({ quality: 95, chromaSubsampling: '4:4:4', mozjpeg: false })
        .toFile(tmp);
    });
  });
  return { path: out, width: o.width, height: o.height };
}

/**
 * The still the frame path draws from: composed by composeStill at `width`x`height` (the renderer
 * asks for more than the canvas when the photo moves) and converted once to yuv420p, BT.709 limited
 * range, as a raw file of width × height × 1.5 bytes. Cached like prepareImage (by content hash).
 */
export async function prepareStill(src: string, o: PrepareOptions): Promise<PreparedImage> {
  const key = await photoKey(src, 'still-yuv420p', o.width, o.height, o.fit);
  const out = path.join(o.cacheDir, `${key}.yuv`);
  await ensureCached(out, async () => {
    const c = await composeStill(src, o);
    const frame = rgbToYuv420Wasm(c.data, c.width, c.height);
    await writeAtomic(out, async (tmp) => {
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(frame.data);
      } finally {
        await fh.close();
      }
    });
  });
  return { path: out, width: o.width, height: o.height };
}

/** A decode failure as the catalog says it: too many pixels, or a damaged file. */
function decodeError(e: unknown, name: string): Error {
  if (isPhotoreelError(e)) return e;
  if (/pixel limit/i.test(String(e))) {
    return new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} has more pixels than photoreel decodes: resize it and try again.`,
      { file: name },
    );
  }
  return damaged(name, shortReason(e), e);
}

/**
 * The blur fit: the photo contained in the canvas (alpha kept), over a darkened, blurred cover of
 * itself. The photo is decoded and resampled once, straight to its contained size; the background is
 * made from that (shrunk by BLUR_SHRINK, blurred, darkened, scaled back up). An opaque photo is pasted
 * row by row; one with transparency is composited.
 */
async function composeBlur(still: Sharp, o: { width: number; height: number }): Promise<ComposedStill> {
  const { width: w, height: h } = o;
  const front = await still
    .resize(w, h, { fit: 'inside', fastShrinkOnLoad: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const fw = front.info.width;
  const fh = front.info.height;
  const channels = front.info.channels;
  // The background's small copy: at least 4 pixels a side (the enlarging filter's reach).
  const sw = Math.max(4, Math.ceil(w / BLUR_SHRINK));
  const sh = Math.max(4, Math.ceil(h / BLUR_SHRINK));
  const small = await sharp(front.data, { raw: { width: fw, height: fh, channels } })
    .flatten({ background: WHITE })
    .resize(sw, sh, { fit: 'cover', position: 'centre' })
    .blur(BLUR_SIGMA)
    .modulate({ brightness: BLUR_BRIGHTNESS })
    .removeAlpha()
    .raw()
    .toBuffer();
  // Enlarged by the warp kernel (Keys cubic): libvips' affine upscale cost as much as decoding the photo.
  const enlarged = resizeRgbWasm(small, sw, sh, w, h);
  const canvas = Buffer.from(enlarged.buffer, enlarged.byteOffset, enlarged.byteLength);
  const left = Math.floor((w - fw) / 2);
  const top = Math.floor((h - fh) / 2);
  if (channels === 4) {
    return raw(
      await sharp(canvas, { raw: { width: w, height: h, channels: 3 } })
        .composite([{ input: front.data, raw: { width: fw, height: fh, channels }, left, top }])
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
  }
  const rowBytes = fw * 3;
  for (let y = 0; y < fh; y++) {
    front.data.copy(canvas, ((top + y) * w + left) * 3, y * rowBytes, (y + 1) * rowBytes);
  }
  return { data: canvas, width: w, height: h };
}
