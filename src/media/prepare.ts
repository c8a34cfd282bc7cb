// Placeholder: media intake replaces this with the cached, oriented, colour-managed version.
import { mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import type { Fit } from '../timeline/draft.ts';
import type { PreparedImage } from './types.ts';

export interface PrepareOptions {
  width: number;
  height: number;
  fit: Fit;
  cacheDir: string;
}

/** A still exactly `width`x`height`: the photo upright, in sRGB, composed by `fit`. */
export async function prepareImage(src: string, o: PrepareOptions): Promise<PreparedImage> {
  await mkdir(o.cacheDir, { recursive: true });
  const key = createHash('sha256').update(`${src}:${o.width}x${o.height}:${o.fit}`).digest('hex').slice(0, 16);
  const out = path.join(o.cacheDir, `${key}.png`);
  await sharp(src).rotate().resize(o.width, o.height, { fit: o.fit === 'cover' ? 'cover' : 'contain' }).flatten().png().toFile(out);
  return { path: out, width: o.width, height: o.height };
}
