/** Frames for the transition tests: textured, seeded (no Math.random), and flat. */
import { frameBytes, type Frame } from '../../../src/render/frame.ts';

/** A frame of seeded noise over gradients, so any misplaced sample shows. */
export function texturedFrame(w: number, h: number, seed: number): Frame {
  const data = new Uint8Array(frameBytes(w, h));
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      data[y * w + x] = Math.floor(16 + 110 * next() + ((x * 3 + y * 2 * seed) % 110));
  for (let i = w * h; i < data.length; i++) data[i] = Math.floor(40 + 176 * next());
  return { w, h, data };
}

/** A flat frame of one Y, U, V. */
export function flatFrame(w: number, h: number, y: number, u = 128, v = 128): Frame {
  const data = new Uint8Array(frameBytes(w, h));
  data.fill(y, 0, w * h);
  data.fill(u, w * h, (w * h * 5) / 4);
  data.fill(v, (w * h * 5) / 4);
  return { w, h, data };
}

export function emptyFrame(w: number, h: number, fill = 0): Frame {
  return { w, h, data: new Uint8Array(frameBytes(w, h)).fill(fill) };
}

/** Sample (i, j) of plane k (0 Y, 1 U, 2 V). */
export function at(f: Frame, k: number, i: number, j: number): number {
  const pw = k === 0 ? f.w : f.w / 2;
  const off = k === 0 ? 0 : k === 1 ? f.w * f.h : (f.w * f.h * 5) / 4;
  return f.data[off + j * pw + i]!;
}

/** Largest absolute difference between two frames, and where it is. */
export function maxDiff(a: Frame, b: Frame): { diff: number; index: number } {
  let diff = 0;
  let index = -1;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i]! - b.data[i]!);
    if (d > diff) {
      diff = d;
      index = i;
    }
  }
  return { diff, index };
}
