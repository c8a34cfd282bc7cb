import type { Frame } from '../frame.ts';

/**
 * One plane of a yuv420p frame as the transitions walk it: where it starts in the frame's buffer, its size,
 * and where its samples sit in LUMA pixel-edge coordinates (the frame spans 0..w × 0..h; luma sample (i, j)
 * is centred at (i + 0.5, j + 0.5)). Chroma is sited as H.264/MPEG-2 4:2:0: horizontally on the even luma
 * column (centre 2i + 0.5), vertically between the two luma rows (centre 2j + 1). A shape drawn through
 * `x = i·step + x0`, `y = j·step + y0` therefore lines up between the planes.
 */
export interface Plane {
  /** Index of the plane: 0 = Y, 1 = U, 2 = V. */
  readonly index: 0 | 1 | 2;
  /** Offset of the plane's first byte in the frame's data. */
  readonly offset: number;
  readonly w: number;
  readonly h: number;
  /** Luma pixels per sample of this plane (1 for Y, 2 for U and V). */
  readonly step: number;
  /** Centre of sample 0 in luma pixel-edge coordinates. */
  readonly x0: number;
  readonly y0: number;
  /** What this plane reads for black and white (BT.709 limited range). */
  readonly black: number;
  readonly white: number;
}

/** The Y, U and V planes of a `w`×`h` frame. */
export function framePlanes(w: number, h: number): readonly [Plane, Plane, Plane] {
  const ySize = w * h;
  const cw = w / 2;
  const ch = h / 2;
  const chroma = (index: 1 | 2, offset: number): Plane => ({
    index,
    offset,
    w: cw,
    h: ch,
    step: 2,
    x0: 0.5,
    y0: 1,
    black: 128,
    white: 128,
  });
  return [
    { index: 0, offset: 0, w, h, step: 1, x0: 0.5, y0: 0.5, black: 16, white: 235 },
    chroma(1, ySize),
    chroma(2, ySize + ySize / 4),
  ];
}

/** True when the three frames have one size and `out` shares no memory with either input. */
export function drawable(from: Frame, to: Frame, out: Frame): boolean {
  const sized = (f: Frame) => f.w === out.w && f.h === out.h && f.data.length >= (out.w * out.h * 3) / 2;
  return (
    sized(from) && sized(to) && sized(out) && !overlaps(out.data, from.data) && !overlaps(out.data, to.data)
  );
}

function overlaps(a: Uint8Array, b: Uint8Array): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.length && b.byteOffset < a.byteOffset + a.length;
}
