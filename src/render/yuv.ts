import { frameBytes, type Frame } from './frame.ts';

/**
 * sRGB pixels (8-bit, 3 channels, rows packed) → a yuv420p Frame, BT.709 limited range, chroma
 * sited as H.264 and MPEG-2 expect (left: horizontally on the even luma column, vertically between
 * the two rows). Chroma is filtered [1 2 1] across and [1 1] down before it is subsampled.
 * Fixed-point integer maths: the same pixels always give the same bytes.
 */
export function rgbToYuv420(rgb: Uint8Array, w: number, h: number, out?: Uint8Array): Frame {
  if (w % 2 !== 0 || h % 2 !== 0) throw new RangeError(`rgbToYuv420: ${w}x${h} is not even`);
  if (rgb.length < w * h * 3) throw new RangeError('rgbToYuv420: too few pixels');
  const data = out ?? new Uint8Array(frameBytes(w, h));
  const ySize = w * h;
  const cw = w / 2;
  const uOff = ySize;
  const vOff = ySize + ySize / 4;
  // Y = 16 + 219/255 × (0.2126 R + 0.7152 G + 0.0722 B), in 1/65536 units.
  const YR = Math.round(((0.2126 * 219) / 255) * 65536);
  const YG = Math.round(((0.7152 * 219) / 255) * 65536);
  const YB = Math.round(((0.0722 * 219) / 255) * 65536);
  for (let i = 0, p = 0; i < ySize; i++, p += 3) {
    data[i] = 16 + ((YR * rgb[p]! + YG * rgb[p + 1]! + YB * rgb[p + 2]! + 32768) >> 16);
  }
  // Cb = 128 + 224/255 × (B − Y') / 1.8556, Cr = 128 + 224/255 × (R − Y') / 1.5748, on RGB sums of
  // 8 weights (filter [1 2 1] × [1 1]), so the divisor also carries the 1/8.
  const cb = (c: number): number => Math.round((c * 224 * 65536) / 255 / 8);
  const UR = cb(-0.2126 / 1.8556);
  const UG = cb(-0.7152 / 1.8556);
  const UB = cb(0.5);
  const VR = cb(0.5);
  const VG = cb(-0.7152 / 1.5748);
  const VB = cb(-0.0722 / 1.5748);
  const row = w * 3;
  for (let ci = 0; ci < h / 2; ci++) {
    const r0 = 2 * ci * row;
    const r1 = r0 + row;
    for (let cj = 0; cj < cw; cj++) {
      const xc = 2 * cj * 3;
      const xl = cj === 0 ? xc : xc - 3;
      const xr = xc + 3; // w is even, so 2cj + 1 < w
      const R =
        rgb[r0 + xl]! + 2 * rgb[r0 + xc]! + rgb[r0 + xr]! + rgb[r1 + xl]! + 2 * rgb[r1 + xc]! + rgb[r1 + xr]!;
      const G =
        rgb[r0 + xl + 1]! +
        2 * rgb[r0 + xc + 1]! +
        rgb[r0 + xr + 1]! +
        rgb[r1 + xl + 1]! +
        2 * rgb[r1 + xc + 1]! +
        rgb[r1 + xr + 1]!;
      const B =
        rgb[r0 + xl + 2]! +
        2 * rgb[r0 + xc + 2]! +
        rgb[r0 + xr + 2]! +
        rgb[r1 + xl + 2]! +
        2 * rgb[r1 + xc + 2]! +
        rgb[r1 + xr + 2]!;
      const o = ci * cw + cj;
      data[uOff + o] = clamp(128 + ((UR * R + UG * G + UB * B + 32768) >> 16));
      data[vOff + o] = clamp(128 + ((VR * R + VG * G + VB * B + 32768) >> 16));
    }
  }
  return { w, h, data };
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
