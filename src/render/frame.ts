/**
 * One video frame as the frame path draws it and ffmpeg reads it (`-f rawvideo -pix_fmt yuv420p`):
 * BT.709 limited range, the Y plane (`w`×`h` bytes) followed by the U and V planes
 * (`w/2`×`h/2` bytes each), rows packed without padding. `w` and `h` are even.
 */
export interface Frame {
  readonly w: number;
  readonly h: number;
  readonly data: Uint8Array;
}

/** Bytes of one yuv420p frame of `w`×`h`. */
export function frameBytes(w: number, h: number): number {
  return (w * h * 3) / 2;
}

/** The three planes of a frame, as views on its buffer (no copies). */
export function planes(f: Frame): { y: Uint8Array; u: Uint8Array; v: Uint8Array } {
  const ySize = f.w * f.h;
  const cSize = ySize / 4;
  return {
    y: f.data.subarray(0, ySize),
    u: f.data.subarray(ySize, ySize + cSize),
    v: f.data.subarray(ySize + cSize, ySize + 2 * cSize),
  };
}

/** A new black frame (Y 16, U/V 128). */
export function blackFrame(w: number, h: number): Frame {
  const data = new Uint8Array(frameBytes(w, h));
  data.fill(16, 0, w * h);
  data.fill(128, w * h);
  return { w, h, data };
}
