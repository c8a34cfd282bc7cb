/**
 * Slow, plain references of every transition: one function per transition that computes ONE output sample
 * straight from the formula in docs/transitions.md, from the sample's position. No tables, no spans, no
 * fixed point: floating point, then rounded. The tests compare drawTransition with these.
 *
 * Positions are in luma pixel-edge coordinates: luma sample (i, j) is centred at (i + 0.5, j + 0.5); chroma
 * sample (i, j) at (2i + 0.5, 2j + 1) (4:2:0, left-sited horizontally, centred vertically).
 */
import { frameBytes, type Frame } from '../../../src/render/frame.ts';
import { dissolveThreshold } from '../../../src/render/transitions/dissolve.ts';
import type { NamedTransition } from '../../../src/timeline/transitions.ts';
import { at } from './frames.ts';

interface Sample {
  k: number; // plane 0 Y, 1 U, 2 V
  i: number;
  j: number;
  x: number; // centre, luma units
  y: number;
  step: number; // luma pixels per sample
  pw: number; // plane size in samples
  ph: number;
}

type Ref = (from: Frame, to: Frame, p: number, s: Sample) => number;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const smoothstep = (v: number) => {
  const t = clamp01(v);
  return t * t * (3 - 2 * t);
};
const F = (f: Frame, s: Sample) => at(f, s.k, s.i, s.j);
const mixAt = (from: Frame, to: Frame, s: Sample, t: number) => lerp(F(from, s), F(to, s), t);

const fade: Ref = (from, to, p, s) => mixAt(from, to, s, p);

const dip =
  (colour: 'black' | 'white'): Ref =>
  (from, to, p, s) => {
    const flat = s.k > 0 ? 128 : colour === 'black' ? 16 : 235;
    return p < 0.5 ? lerp(F(from, s), flat, 2 * p) : lerp(flat, F(to, s), 2 * p - 1);
  };

const dissolve: Ref = (from, to, p, s) => {
  const switched = (x: number, y: number) => dissolveThreshold(x, y) / 65536 < p;
  if (s.k === 0) return switched(s.i, s.j) ? F(to, s) : F(from, s);
  let n = 0;
  for (const [dx, dy] of [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ] as const)
    if (switched(2 * s.i + dx, 2 * s.j + dy)) n++;
  return mixAt(from, to, s, n / 4);
};

/** Share of the sample's footprint (clipped to the frame) inside the interval [lo, hi] along one axis. */
function overlap(centre: number, step: number, size: number, lo: number, hi: number): number {
  const a = Math.max(0, centre - step / 2);
  const b = Math.min(size, centre + step / 2);
  return Math.max(0, Math.min(b, hi) - Math.max(a, lo)) / (b - a);
}

const wipe =
  (side: 'left' | 'right' | 'up' | 'down'): Ref =>
  (from, to, p, s) => {
    const W = from.w;
    const H = from.h;
    const share =
      side === 'right'
        ? overlap(s.x, s.step, W, 0, p * W)
        : side === 'left'
          ? overlap(s.x, s.step, W, W - p * W, W)
          : side === 'down'
            ? overlap(s.y, s.step, H, 0, p * H)
            : overlap(s.y, s.step, H, H - p * H, H);
    return mixAt(from, to, s, share);
  };

const slide =
  (side: 'left' | 'right' | 'up' | 'down'): Ref =>
  (from, to, p, s) => {
    const size = side === 'left' || side === 'right' ? from.w : from.h;
    const shift = (2 * Math.round((p * size) / 2)) / s.step; // in samples
    // The two pictures side by side as one strip, in the order they pass the viewer.
    const first = side === 'left' || side === 'up' ? from : to;
    const second = first === from ? to : from;
    const n = side === 'left' || side === 'right' ? s.pw : s.ph;
    const pos =
      side === 'left' || side === 'up'
        ? (side === 'left' ? s.i : s.j) + shift
        : (side === 'right' ? s.i : s.j) + n - shift;
    const src = pos < n ? first : second;
    const q = pos < n ? pos : pos - n;
    return side === 'left' || side === 'right' ? at(src, s.k, q, s.j) : at(src, s.k, s.i, q);
  };

const smooth =
  (side: 'left' | 'right' | 'up' | 'down'): Ref =>
  (from, to, p, s) => {
    const across = side === 'left' || side === 'right';
    const size = across ? from.w : from.h;
    const c = across ? s.x : s.y;
    const band = size / 4;
    const travel = p * (size + band);
    const share =
      side === 'right' || side === 'down'
        ? smoothstep((travel - c) / band)
        : smoothstep((c - (size - travel)) / band);
    return mixAt(from, to, s, share);
  };

const circle =
  (open: boolean): Ref =>
  (from, to, p, s) => {
    const W = from.w;
    const H = from.h;
    const t = open ? p : 1 - p;
    const radius = -0.75 + t * (Math.hypot(W / 2, H / 2) + 1.5);
    const d = Math.hypot(s.x - W / 2, s.y - H / 2);
    const inside = clamp01((radius - d) / 1.5 + 0.5);
    return mixAt(from, to, s, open ? inside : 1 - inside);
  };

/** Distance from point (px, py) to the ray from the origin along unit (ux, uy). */
function rayDistance(px: number, py: number, ux: number, uy: number): number {
  const t = Math.max(0, px * ux + py * uy);
  return Math.hypot(px - t * ux, py - t * uy);
}

const radial: Ref = (from, to, p, s) => {
  const dx = s.x - from.w / 2;
  const dy = s.y - from.h / 2;
  const sweep = 2 * Math.PI * p;
  // Clockwise angle from 12 o'clock (y grows downwards).
  let theta = Math.atan2(dx, -dy);
  if (theta < 0) theta += 2 * Math.PI;
  const inside = theta < sweep;
  const d = Math.min(rayDistance(dx, dy, 0, -1), rayDistance(dx, dy, Math.sin(sweep), -Math.cos(sweep)));
  return mixAt(from, to, s, clamp01((inside ? d : -d) / 1.5 + 0.5));
};

/** Bilinear sample of plane k at continuous sample coordinates (u, v), clamped at the borders. */
function bilinear(f: Frame, k: number, pw: number, ph: number, u: number, v: number): number {
  const cu = Math.min(pw - 1, Math.max(0, u));
  const cv = Math.min(ph - 1, Math.max(0, v));
  const i0 = Math.floor(cu);
  const j0 = Math.floor(cv);
  const i1 = Math.min(pw - 1, i0 + 1);
  const j1 = Math.min(ph - 1, j0 + 1);
  const a = cu - i0;
  const b = cv - j0;
  return lerp(lerp(at(f, k, i0, j0), at(f, k, i1, j0), a), lerp(at(f, k, i0, j1), at(f, k, i1, j1), a), b);
}

const zoomin: Ref = (from, to, p, s) => {
  const scale = Math.pow(2, p);
  const X = from.w / 2 + (s.x - from.w / 2) / scale;
  const Y = from.h / 2 + (s.y - from.h / 2) / scale;
  // back to sample coordinates of this plane
  const x0 = 0.5;
  const y0 = s.k === 0 ? 0.5 : 1;
  const zoomed = bilinear(from, s.k, s.pw, s.ph, (X - x0) / s.step, (Y - y0) / s.step);
  return lerp(zoomed, F(to, s), smoothstep(p));
};

const pixelize: Ref = (from, to, p, s) => {
  const block = 2 * Math.round(((1 - Math.abs(2 * p - 1)) * Math.min(from.w, from.h)) / 16 / 2);
  if (block < 2) return fade(from, to, p, s);
  // Blocks of `block` luma pixels with a corner at the (even) centre; a sample belongs to the block of
  // its top-left luma pixel. Mean of the plane's samples in the block.
  const gx = (from.w / 2) & ~1;
  const gy = (from.h / 2) & ~1;
  const bx = Math.floor((s.i * s.step - gx) / block);
  const by = Math.floor((s.j * s.step - gy) / block);
  let sf = 0;
  let st = 0;
  let n = 0;
  for (let j = 0; j < s.ph; j++) {
    if (Math.floor((j * s.step - gy) / block) !== by) continue;
    for (let i = 0; i < s.pw; i++) {
      if (Math.floor((i * s.step - gx) / block) !== bx) continue;
      sf += at(from, s.k, i, j);
      st += at(to, s.k, i, j);
      n++;
    }
  }
  return lerp(sf / n, st / n, p);
};

const hblur: Ref = (from, to, p, s) => {
  const radius = 2 * Math.round(((1 - Math.abs(2 * p - 1)) * from.w) / 32 / 2);
  if (radius < 2) return fade(from, to, p, s);
  const r = radius / s.step;
  let sum = 0;
  for (let d = -r; d <= r; d++) {
    const i = Math.min(s.pw - 1, Math.max(0, s.i + d));
    sum += lerp(at(from, s.k, i, s.j), at(to, s.k, i, s.j), p);
  }
  return sum / (2 * r + 1);
};

const distance: Ref = (from, to, p, s) => {
  const share = (x: number, y: number) => {
    const d = Math.min(
      255,
      Math.abs(at(from, 0, x, y) - at(to, 0, x, y)) +
        Math.abs(at(from, 1, x >> 1, y >> 1) - at(to, 1, x >> 1, y >> 1)) +
        Math.abs(at(from, 2, x >> 1, y >> 1) - at(to, 2, x >> 1, y >> 1)),
    );
    return clamp01((p * 1.25 - d / 255) / 0.25);
  };
  if (s.k === 0) return mixAt(from, to, s, share(s.i, s.j));
  const x = 2 * s.i;
  const y = 2 * s.j;
  return mixAt(from, to, s, (share(x, y) + share(x + 1, y) + share(x, y + 1) + share(x + 1, y + 1)) / 4);
};

export const REFERENCES: Record<NamedTransition, Ref> = {
  fade,
  fadeblack: dip('black'),
  fadewhite: dip('white'),
  dissolve,
  wipeleft: wipe('left'),
  wiperight: wipe('right'),
  wipeup: wipe('up'),
  wipedown: wipe('down'),
  slideleft: slide('left'),
  slideright: slide('right'),
  slideup: slide('up'),
  slidedown: slide('down'),
  smoothleft: smooth('left'),
  smoothright: smooth('right'),
  smoothup: smooth('up'),
  smoothdown: smooth('down'),
  circleopen: circle(true),
  circleclose: circle(false),
  radial,
  zoomin,
  pixelize,
  hblur,
  distance,
};

/** The whole frame as the reference draws it. */
export function referenceFrame(type: NamedTransition, from: Frame, to: Frame, p: number): Frame {
  const { w, h } = from;
  const data = new Uint8Array(frameBytes(w, h));
  const ref = REFERENCES[type];
  let o = 0;
  for (let k = 0; k < 3; k++) {
    const step = k === 0 ? 1 : 2;
    const pw = w / step;
    const ph = h / step;
    for (let j = 0; j < ph; j++)
      for (let i = 0; i < pw; i++) {
        const s = { k, i, j, x: i * step + 0.5, y: j * step + (k === 0 ? 0.5 : 1), step, pw, ph };
        data[o++] = Math.min(255, Math.max(0, Math.round(ref(from, to, p, s))));
      }
  }
  return { w, h, data };
}
