// What a viewer notices in warped frames, measured on the luma plane: sharpness (Laplacian energy)
// and where a bright dot appears (centroid).
import type { Frame } from '../../../src/render/frame.ts';

/** Mean squared 4-neighbour Laplacian of the luma inside the frame, `margin` px from the edges. */
export function laplacianEnergy(f: Frame, margin: number): number {
  const { w, h, data } = f;
  let sum = 0;
  let n = 0;
  for (let y = margin; y < h - margin; y++) {
    for (let x = margin; x < w - margin; x++) {
      const i = y * w + x;
      const l = 4 * data[i]! - data[i - 1]! - data[i + 1]! - data[i - w]! - data[i + w]!;
      sum += l * l;
      n++;
    }
  }
  return sum / n;
}

/** Luma-weighted centroid of what is brighter than `floor` within `radius` px of (cx, cy). */
export function centroidNear(
  f: Frame,
  cx: number,
  cy: number,
  radius: number,
  floor: number,
): [number, number] {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  const x0 = Math.max(0, Math.floor(cx - radius));
  const x1 = Math.min(f.w - 1, Math.ceil(cx + radius));
  const y0 = Math.max(0, Math.floor(cy - radius));
  const y1 = Math.min(f.h - 1, Math.ceil(cy + radius));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const v = Math.max(0, f.data[y * f.w + x]! - floor);
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
      sw += v;
    }
  }
  return [sx / sw, sy / sw];
}

/** Root mean square of the second differences of a sequence (per step²). */
export function rmsSecondDifference(values: number[]): number {
  let sum = 0;
  for (let i = 1; i + 1 < values.length; i++) sum += (values[i + 1]! - 2 * values[i]! + values[i - 1]!) ** 2;
  return Math.sqrt(sum / (values.length - 2));
}
