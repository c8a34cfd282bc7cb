import { PhotoreelError } from '../errors.ts';
import type { IntakeLimits } from './types.ts';

/** Intake limits when none are given: 200 MB a file, 100 megapixels a photo. */
export const MEDIA_LIMITS: Readonly<Required<IntakeLimits>> = Object.freeze({
  maxBytes: 200 * 1024 * 1024,
  maxPixels: 100_000_000,
});

/** Refuses a photo whose header claims more pixels than `maxPixels`, before anything decodes it. */
export function checkPixels(name: string, width: number, height: number, maxPixels: number): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} claims ${width}x${height} pixels (${megapixels(pixels)} megapixels), more than the ${megapixels(maxPixels)} megapixels allowed: resize it and try again.`,
      { file: name, width, height, pixels, maxPixels },
    );
  }
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return mp >= 10 ? String(Math.round(mp)) : mp.toFixed(1).replace(/\.0$/, '');
}
