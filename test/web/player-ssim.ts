/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004) of two grey pictures, as video codecs'
 * test tools compute it (libvpx, ffmpeg's ssim filter): means, variances and covariance over 8×8
 * windows stepped by 4 pixels, unweighted, averaged over the picture; C1 = (0.01·255)², C2 = (0.03·255)².
 * It judges what a person notices — where edges and shapes are, and contrast — and forgives small
 * uniform shifts in brightness or colour that a different resampler or YUV conversion makes.
 */

/** Rec. 709 luma of packed RGB (3 or 4 bytes a pixel), 0..255. */
export function luma(rgb: Uint8Array, w: number, h: number, channels: 3 | 4): Float64Array {
  const out = new Float64Array(w * h);
  for (let i = 0, p = 0; i < w * h; i++, p += channels) {
    out[i] = 0.2126 * rgb[p]! + 0.7152 * rgb[p + 1]! + 0.0722 * rgb[p + 2]!;
  }
  return out;
}

const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

export function ssim(a: Float64Array, b: Float64Array, w: number, h: number, win = 8, step = 4): number {
  if (a.length !== w * h || b.length !== w * h) throw new RangeError('ssim: pictures of another size');
  let sum = 0;
  let n = 0;
  const count = win * win;
  for (let y = 0; y + win <= h; y += step) {
    for (let x = 0; x + win <= w; x += step) {
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let dy = 0; dy < win; dy++) {
        const row = (y + dy) * w + x;
        for (let dx = 0; dx < win; dx++) {
          const va = a[row + dx]!;
          const vb = b[row + dx]!;
          sa += va;
          sb += vb;
          saa += va * va;
          sbb += vb * vb;
          sab += va * vb;
        }
      }
      const ma = sa / count;
      const mb = sb / count;
      const va = saa / count - ma * ma;
      const vb = sbb / count - mb * mb;
      const cov = sab / count - ma * mb;
      sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      n++;
    }
  }
  return n > 0 ? sum / n : 1;
}
