import path from 'node:path';
import sharp from 'sharp';
import type { OutputInfo, Sharp } from 'sharp';
import { isPhotoreelError, PhotoreelError } from '../errors.ts';
import type { Fit } from '../timeline/draft.ts';
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
 * Bump when the output of prepareImage changes for the same input, so old cache entries are not
 * reused. It is part of every cache key.
 */
export const PREPARE_VERSION = 2;

// libvips' operation cache keeps up to 50 MB of decoded pixels for re-use; preparation never runs the
// same operation twice (results are cached on disk), so it only raised node's peak memory.
sharp.cache(false);

/**
 * The intermediate format: JPEG q95 without chroma subsampling. Measured against PNG (zlib level 1
 * and 6) on a 1920x1080 photo (test/media/bench-format.ts): about as fast to write as PNG level 1,
 * a little faster for ffmpeg to decode, 9x smaller on disk (about 0.5 MB against 4.5 MB), and at
 * most 8/255 off per channel, which the H.264 encode after it does not keep anyway.
 */
const OUTPUT = {
  ext: 'jpg',
  write: (s: Sharp) => s.jpeg({ quality: 95, chromaSubsampling: '4:4:4', mozjpeg: false }),
};

const BLACK = { r: 0, g: 0, b: 0, alpha: 1 };
/** The blur fit's background: a copy shrunk by this factor, blurred, darkened and scaled back up. */
const BLUR_SHRINK = 8;
const BLUR_SIGMA = 3;
const BLUR_BRIGHTNESS = 0.55;

/**
 * A still exactly `width`x`height`: the photo upright (every EXIF orientation), in sRGB, transparency
 * flattened (onto black, or onto the blurred copy for `blur`), composed by `fit`:
 * cover fills the canvas and crops the centre, contain letterboxes on black, blur contains the photo
 * over a blurred, darkened copy of itself. The photo is decoded once; the result is cached in
 * `cacheDir` under a key made of the file's sha256, the canvas, the fit and PREPARE_VERSION, and
 * written atomically, so concurrent renders share it and never read half a file.
 */
export async function prepareImage(src: string, o: PrepareOptions): Promise<PreparedImage> {
  const name = path.basename(src);
  let hash: string;
  try {
    hash = await hashFile(src);
  } catch (e) {
    throw fsError(e, name);
  }
  const key = cacheKey('prepare', PREPARE_VERSION, hash, o.width, o.height, o.fit);
  const out = path.join(o.cacheDir, `${key}.${OUTPUT.ext}`);
  const result: PreparedImage = { path: out, width: o.width, height: o.height };
  await ensureCached(out, async () => {
    const still = await openStill(src);
    await writeAtomic(out, async (tmp) => {
      if (o.fit === 'blur') {
        await OUTPUT.write(await composeBlur(still, o, name)).toFile(tmp);
        return;
      }
      // cover and contain: one streaming pipeline from the file to the JPEG (JPEG shrink-on-load,
      // no raw copy in between), which keeps memory low and is the fastest path.
      const fitted =
        o.fit === 'cover'
          ? still.resize(o.width, o.height, { fit: 'cover', position: 'centre', fastShrinkOnLoad: true })
          : still.resize(o.width, o.height, { fit: 'contain', background: BLACK, fastShrinkOnLoad: true });
      try {
        await OUTPUT.write(fitted.flatten({ background: BLACK }).toColourspace('srgb')).toFile(tmp);
      } catch (e) {
        throw decodeError(e, name);
      }
    });
  });
  return result;
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
  return damaged(name, shortReason(e));
}

/** The blur fit composed on the canvas, ready to write. */
async function composeBlur(still: Sharp, o: PrepareOptions, name: string): Promise<Sharp> {
  const { width: w, height: h } = o;
  // One decode: scaled (never up) to just cover the canvas, converted to sRGB, kept as raw pixels.
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await still
      .resize(w, h, { fit: 'outside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw decodeError(e, name);
  }
  const raw = { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels };
  const px = (): Sharp => sharp(decoded.data, { raw });

  // blur: a darkened, blurred cover of the canvas, with the contained photo (alpha kept) on top.
  const sw = Math.max(2, Math.ceil(w / BLUR_SHRINK));
  const sh = Math.max(2, Math.ceil(h / BLUR_SHRINK));
  const small = await px()
    .flatten({ background: BLACK })
    .resize(sw, sh, { fit: 'cover', position: 'centre' })
    .blur(BLUR_SIGMA)
    .modulate({ brightness: BLUR_BRIGHTNESS })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const background = await sharp(small.data, {
    raw: { width: small.info.width, height: small.info.height, channels: small.info.channels },
  })
    .resize(w, h, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const front = await px().resize(w, h, { fit: 'inside' }).png({ compressionLevel: 0 }).toBuffer();
  return sharp(background.data, {
    raw: { width: background.info.width, height: background.info.height, channels: background.info.channels },
  })
    .composite([{ input: front, gravity: 'centre' }])
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then((c) =>
      sharp(c.data, {
        raw: { width: c.info.width, height: c.info.height, channels: c.info.channels },
      }).removeAlpha(),
    );
}
