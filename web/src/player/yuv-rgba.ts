/**
 * Canvas pixels (RGBA) to the renderer's yuv420p frames and back, so transitions are drawn by the
 * renderer's own code (src/render/transitions) on the same kind of frame. The forward conversion is
 * the renderer's (src/render/yuv.ts); the way back is its inverse (BT.709 limited range). Pure.
 */
import type { Frame } from '../../../src/render/frame.ts';
import { rgbToYuv420 } from '../../../src/render/yuv.ts';

/** RGBA (as ImageData holds it) → yuv420p, through the renderer's conversion. `rgb` is scratch space. */
export function rgbaToYuv420(
  rgba: Uint8ClampedArray | Uint8Array,
  w: number,
  h: number,
  rgb: Uint8Array,
  out: Uint8Array,
): Frame {
  const n = w * h;
  for (let i = 0, p = 0, q = 0; i < n; i++, p += 4, q += 3) {
    rgb[q] = rgba[p]!;
    rgb[q + 1] = rgba[p + 1]!;
    rgb[q + 2] = rgba[p + 2]!;
  }
  return rgbToYuv420(rgb, w, h, out);
}

// BT.709 limited range → full-range RGB, in 1/65536.
const KY = Math.round((255 / 219) * 65536);
const RV = Math.round((255 / 224) * 1.5748 * 65536);
const GU = Math.round((((255 / 224) * 1.8556 * 0.0722) / 0.7152) * 65536);
const GV = Math.round((((255 / 224) * 1.5748 * 0.2126) / 0.7152) * 65536);
const BU = Math.round((255 / 224) * 1.8556 * 65536);

/**
 * yuv420p (BT.709 limited) → RGBA, opaque; each chroma sample serves its 2×2 block of pixels. Written
 * as 32-bit words (little-endian: A B G R), the chroma terms worked out once per block.
 */
export function yuv420ToRgba(frame: Frame, out: Uint8ClampedArray | Uint8Array): void {
  const { w, h, data } = frame;
  const ySize = w * h;
  const cw = w / 2;
  const uOff = ySize;
  const vOff = ySize + ySize / 4;
  const words = new Uint32Array(out.buffer, out.byteOffset, w * h);
  const px = (Y: number, r: number, g: number, b: number): number =>
    (0xff000000 | (clamp((Y + b) >> 16) << 16) | (clamp((Y + g) >> 16) << 8) | clamp((Y + r) >> 16)) >>> 0;
  for (let cy = 0; cy < h / 2; cy++) {
    const row0 = 2 * cy * w;
    const row1 = row0 + w;
    for (let cx = 0; cx < cw; cx++) {
      const c = cy * cw + cx;
      const U = data[uOff + c]! - 128;
      const V = data[vOff + c]! - 128;
      const r = RV * V + 32768;
      const g = 32768 - GU * U - GV * V;
      const b = BU * U + 32768;
      const x = 2 * cx;
      words[row0 + x] = px(KY * (data[row0 + x]! - 16), r, g, b);
      words[row0 + x + 1] = px(KY * (data[row0 + x + 1]! - 16), r, g, b);
      words[row1 + x] = px(KY * (data[row1 + x]! - 16), r, g, b);
      words[row1 + x + 1] = px(KY * (data[row1 + x + 1]! - 16), r, g, b);
    }
  }
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
