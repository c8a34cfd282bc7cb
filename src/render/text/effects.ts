/**
 * The titles' legibility treatment on a rendered RGBA text image: a thin black outline (45% opaque)
 * and a black drop shadow (55% opaque) offset down and right, under the glyphs — the look the titles
 * always had. Pure integer maths on premultiplied pixels.
 */

/** An RGBA image with premultiplied colour (every channel ≤ alpha), rows packed. */
export interface Rgba {
  w: number;
  h: number;
  data: Uint8Array;
}

const OUTLINE_OPACITY = 115; // 0.45 × 255
const SHADOW_OPACITY = 140; // 0.55 × 255

/** Straight-alpha RGBA (as Pango through libvips returns it) → premultiplied, in place. */
export function premultiply(img: Rgba): Rgba {
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!;
    if (a === 255) continue;
    d[i] = div255(d[i]! * a);
    d[i + 1] = div255(d[i + 1]! * a);
    d[i + 2] = div255(d[i + 2]! * a);
  }
  return img;
}

/** round(x / 255) for 0 ≤ x ≤ 255 × 255. */
export function div255(x: number): number {
  const t = x + 128;
  return (t + (t >> 8)) >> 8;
}

/**
 * Grey-scale dilation of an alpha mask by a disc of radius r: each output is the largest input
 * within distance r. Rows are first widened by each half-width a disc row needs, then the rows of
 * the disc are combined, so it costs O(pixels × r).
 */
export function dilate(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (r <= 0) return mask.slice();
  // wide[k] = mask widened horizontally by k pixels each side.
  const wide: Uint8Array[] = [mask];
  for (let k = 1; k <= r; k++) {
    const prev = wide[k - 1]!;
    const next = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const row = y * w;
      for (let x = 0; x < w; x++) {
        let m = prev[row + x]!;
        if (x > 0 && prev[row + x - 1]! > m) m = prev[row + x - 1]!;
        if (x + 1 < w && prev[row + x + 1]! > m) m = prev[row + x + 1]!;
        next[row + x] = m;
      }
    }
    wide.push(next);
  }
  const out = new Uint8Array(w * h);
  for (let dy = -r; dy <= r; dy++) {
    const half = Math.floor(Math.sqrt(r * r - dy * dy) + 1e-9);
    const src = wide[half]!;
    const y0 = Math.max(0, -dy);
    const y1 = Math.min(h, h - dy);
    for (let y = y0; y < y1; y++) {
      const o = y * w;
      const s = (y + dy) * w;
      for (let x = 0; x < w; x++) if (src[s + x]! > out[o + x]!) out[o + x] = src[s + x]!;
    }
  }
  return out;
}

/**
 * The text (premultiplied RGBA) over its outline and shadow, on a canvas grown by `pad` on every
 * side (pad ≥ outline + shadow, so nothing is cut).
 */
export function withOutlineAndShadow(text: Rgba, outline: number, shadow: number, pad: number): Rgba {
  const w = text.w + 2 * pad;
  const h = text.h + 2 * pad;
  const alpha = new Uint8Array(w * h);
  for (let y = 0; y < text.h; y++) {
    for (let x = 0; x < text.w; x++) alpha[(y + pad) * w + x + pad] = text.data[(y * text.w + x) * 4 + 3]!;
  }
  const ring = dilate(alpha, w, h, outline);
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const sx = x - shadow;
      const sy = y - shadow;
      const s = sx >= 0 && sy >= 0 ? div255(alpha[sy * w + sx]! * SHADOW_OPACITY) : 0;
      const o = div255(ring[i]! * OUTLINE_OPACITY);
      // Black outline over black shadow: only the coverage adds up.
      const under = o + s - div255(o * s);
      const tx = x - pad;
      const ty = y - pad;
      const p = i * 4;
      if (tx < 0 || ty < 0 || tx >= text.w || ty >= text.h) {
        out[p + 3] = under;
        continue;
      }
      const q = (ty * text.w + tx) * 4;
      const a = text.data[q + 3]!;
      out[p] = text.data[q]!;
      out[p + 1] = text.data[q + 1]!;
      out[p + 2] = text.data[q + 2]!;
      out[p + 3] = a + div255(under * (255 - a));
    }
  }
  return { w, h, data: out };
}

/** The smallest rectangle holding every pixel with alpha > 0, or undefined when there is none. */
export function inkBox(img: Rgba): { x: number; y: number; w: number; h: number } | undefined {
  let x0 = img.w;
  let y0 = img.h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < img.w; x++) {
      if (img.data[(y * img.w + x) * 4 + 3] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** A rectangle of an image, copied (parts outside the image are transparent). */
export function crop(img: Rgba, x: number, y: number, w: number, h: number): Rgba {
  const out = new Uint8Array(w * h * 4);
  for (let r = 0; r < h; r++) {
    const sy = y + r;
    if (sy < 0 || sy >= img.h) continue;
    const from = Math.max(0, x);
    const to = Math.min(img.w, x + w);
    if (to <= from) continue;
    out.set(img.data.subarray((sy * img.w + from) * 4, (sy * img.w + to) * 4), (r * w + from - x) * 4);
  }
  return { w, h, data: out };
}
