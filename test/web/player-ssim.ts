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
  return ssimTiles(a, b, w, h, 1, win, step).mean;
}

/**
 * SSIM over the whole picture (`mean`) and the lowest of its `grid`×`grid` tiles (`worst`): a title in
 * the wrong place changes a tenth of the picture, which the mean barely sees and its tile does.
 */
export function ssimTiles(
  a: Float64Array,
  b: Float64Array,
  w: number,
  h: number,
  grid = 4,
  win = 8,
  step = 4,
): { mean: number; worst: number } {
  if (a.length !== w * h || b.length !== w * h) throw new RangeError('ssim: pictures of another size');
  let sum = 0;
  let n = 0;
  const tiles = new Float64Array(grid * grid);
  const tileN = new Float64Array(grid * grid);
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
      const s = ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      sum += s;
      n++;
      const t =
        Math.min(grid - 1, Math.floor(((y + win / 2) * grid) / h)) * grid +
        Math.min(grid - 1, Math.floor(((x + win / 2) * grid) / w));
      tiles[t]! += s;
      tileN[t]! += 1;
    }
  }
  let worst = 1;
  for (let t = 0; t < tiles.length; t++) if (tileN[t]! > 0) worst = Math.min(worst, tiles[t]! / tileN[t]!);
  return { mean: n > 0 ? sum / n : 1, worst };
}

/**
 * The box of pixels whose luma differs by more than `threshold` between two pictures of one scene (a
 * frame with its texts and the same frame without them: the texts' ink), or undefined when none does.
 * Rows and columns with fewer than `min` such pixels are left out, so a stray pixel does not widen it.
 */
export function differenceBox(
  a: Float64Array,
  b: Float64Array,
  w: number,
  h: number,
  threshold = 48,
  min = 2,
): { x0: number; y0: number; x1: number; y1: number } | undefined {
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (Math.abs(a[y * w + x]! - b[y * w + x]!) > threshold) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  const first = (v: Uint32Array) => v.findIndex((n) => n >= min);
  const last = (v: Uint32Array) => v.length - 1 - [...v].reverse().findIndex((n) => n >= min);
  const y0 = first(rows);
  const x0 = first(cols);
  if (y0 < 0 || x0 < 0) return undefined;
  return { x0, y0, x1: last(cols) + 1, y1: last(rows) + 1 };
}
