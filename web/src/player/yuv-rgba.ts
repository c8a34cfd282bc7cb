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

/** yuv420p (BT.709 limited) → RGBA, opaque; chroma taken from the sample of each 2×2 block. */
export function yuv420ToRgba(frame: Frame, out: Uint8ClampedArray | Uint8Array): void {
  const { w, h, data } = frame;
  const ySize = w * h;
  const cw = w / 2;
  const uOff = ySize;
  const vOff = ySize + ySize / 4;
  for (let y = 0; y < h; y++) {
    const crow = (y >> 1) * cw;
    for (let x = 0; x < w; x++) {
      const c = crow + (x >> 1);
      const Y = KY * (data[y * w + x]! - 16);
      const U = data[uOff + c]! - 128;
      const V = data[vOff + c]! - 128;
      const p = (y * w + x) * 4;
      out[p] = clamp((Y + RV * V + 32768) >> 16);
      out[p + 1] = clamp((Y - GU * U - GV * V + 32768) >> 16);
      out[p + 2] = clamp((Y + BU * U + 32768) >> 16);
      out[p + 3] = 255;
    }
  }
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
