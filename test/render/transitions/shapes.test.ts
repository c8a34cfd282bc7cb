/** What a viewer sees of each shape: where the edge is, that circles are round, that zoomin is a zoom. */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/render/frame.ts';
import { drawTransition } from '../../../src/render/transitions/index.ts';
import { dissolveThreshold } from '../../../src/render/transitions/dissolve.ts';
import { TRANSITIONS, type NamedTransition } from '../../../src/timeline/transitions.ts';
import { at, emptyFrame, flatFrame, texturedFrame } from './frames.ts';

const W = 320;
const H = 180;
// Black with blue-ish chroma → white with red-ish chroma: every plane changes.
const dark = flatFrame(W, H, 16, 64, 200);
const light = flatFrame(W, H, 235, 192, 60);

function draw(type: NamedTransition, p: number, from: Frame = dark, to: Frame = light): Frame {
  const out = emptyFrame(from.w, from.h);
  drawTransition(type, from, to, p, out);
  return out;
}

/** Share of `light` in a sample of plane k (0 = dark, 1 = light). */
function share(f: Frame, k: number, i: number, j: number): number {
  const lo = [16, 64, 200][k]!;
  const hi = [235, 192, 60][k]!;
  return (at(f, k, i, j) - lo) / (hi - lo);
}

describe('wipes', () => {
  /** Share of `to` a sample spanning [a, b] gets from an edge at e with `to` before it. */
  const before = (a: number, b: number, e: number) => Math.min(1, Math.max(0, (e - a) / (b - a)));
  const near = (got: number, want: number) => Math.abs(got - want) < 0.01;

  for (const p of [0.125, 0.25, 0.5, 0.75]) {
    it(`the edge has travelled p × width (or height) at p = ${p}, in luma and chroma`, () => {
      const ex = p * W;
      const ey = p * H;
      const right = draw('wiperight', p);
      const left = draw('wipeleft', p);
      const down = draw('wipedown', p);
      const up = draw('wipeup', p);
      const wrong: string[] = [];
      for (let j = 0; j < H; j += 7)
        for (let i = 0; i < W; i++) {
          if (!near(share(right, 0, i, j), before(i, i + 1, ex))) wrong.push(`wiperight Y(${i}, ${j})`);
          if (!near(share(left, 0, i, j), 1 - before(i, i + 1, W - ex))) wrong.push(`wipeleft Y(${i}, ${j})`);
        }
      for (let i = 0; i < W; i += 7)
        for (let j = 0; j < H; j++) {
          if (!near(share(down, 0, i, j), before(j, j + 1, ey))) wrong.push(`wipedown Y(${i}, ${j})`);
          if (!near(share(up, 0, i, j), 1 - before(j, j + 1, H - ey))) wrong.push(`wipeup Y(${i}, ${j})`);
        }
      // Chroma (half resolution) changes at the same place: a chroma sample spans luma columns
      // 2i − ½ … 2i + 1½ (clipped to the frame) and rows 2j … 2j + 2.
      for (let k = 1; k < 3; k++) {
        for (let i = 0; i < W / 2; i++) {
          const want = before(Math.max(0, 2 * i - 0.5), Math.min(W, 2 * i + 1.5), ex);
          if (Math.abs(share(right, k, i, 5) - want) > 0.02) wrong.push(`wiperight C${k}(${i}, 5)`);
        }
        for (let j = 0; j < H / 2; j++)
          if (Math.abs(share(down, k, 5, j) - before(2 * j, 2 * j + 2, ey)) > 0.02)
            wrong.push(`wipedown C${k}(5, ${j})`);
      }
      // With an edge on a whole pixel, luma is wholly one picture or the other on each side.
      if (Number.isInteger(ex))
        expect(share(right, 0, ex - 1, 0) === 1 && share(right, 0, ex, 0) === 0).toBe(true);
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }

  it('moves by fractions of a pixel: an edge inside a pixel covers it by that fraction', () => {
    const p = 100.25 / W;
    const f = draw('wiperight', p);
    expect(share(f, 0, 99, 10)).toBe(1);
    expect(Math.abs(share(f, 0, 100, 10) - 0.25)).toBeLessThan(0.01);
    expect(share(f, 0, 101, 10)).toBe(0);
  });
});

describe('circles', () => {
  for (const type of ['circleopen', 'circleclose'] as const) {
    for (const p of [0.2, 0.5, 0.8]) {
      it(`${type} at ${p} is a round disc with a 1–2 px soft edge`, () => {
        const f = draw(type, p);
        const byRadius = new Map<string, number>();
        const soft: number[] = [];
        const unequal: string[] = [];
        let hard = 0;
        for (let j = 0; j < H; j++)
          for (let i = 0; i < W; i++) {
            const d = Math.hypot(i + 0.5 - W / 2, j + 0.5 - H / 2);
            const s = share(f, 0, i, j);
            // Same distance from the centre, same state.
            const key = d.toFixed(6);
            const seen = byRadius.get(key);
            if (seen !== undefined && seen !== s) unequal.push(key);
            byRadius.set(key, s);
            if (s > 0.02 && s < 0.98) soft.push(d);
            else hard++;
          }
        expect(unequal.slice(0, 5)).toEqual([]);
        // Almost every pixel is wholly one picture (not a crossfade)...
        expect(hard / (W * H)).toBeGreaterThan(0.97);
        // ...and the soft ones form a thin ring: all within 2 px of one radius.
        expect(soft.length).toBeGreaterThan(0);
        expect(Math.max(...soft) - Math.min(...soft)).toBeLessThanOrEqual(2);
        // Inside is `to` for circleopen, `from` for circleclose.
        const centre = share(f, 0, W / 2, H / 2);
        expect(centre).toBe(type === 'circleopen' ? 1 : 0);
        expect(share(f, 0, 0, 0)).toBe(type === 'circleopen' ? 0 : 1);
        // Chroma switches at the same radius: the chroma sample on the ring's horizontal axis nearest to it.
        const r = (Math.min(...soft) + Math.max(...soft)) / 2;
        const inner = Math.floor((W / 2 + r - 3 - 0.5) / 2);
        const outer = Math.ceil((W / 2 + r + 3 - 0.5) / 2);
        expect(share(f, 1, inner, H / 4)).toBe(share(f, 0, W / 2, H / 2));
        expect(share(f, 1, outer, H / 4)).toBe(share(f, 0, 0, 0));
      });
    }
  }

  it('circleopen grows and circleclose shrinks steadily', () => {
    const radius = (type: NamedTransition, p: number) => {
      const f = draw(type, p);
      let i = W / 2;
      const inside = share(f, 0, W / 2, H / 2);
      while (i < W && share(f, 0, i, H / 2) === inside) i++;
      return i - W / 2;
    };
    const open = [0.1, 0.3, 0.5, 0.7].map((p) => radius('circleopen', p));
    const close = [0.1, 0.3, 0.5, 0.7].map((p) => radius('circleclose', p));
    for (let k = 1; k < 4; k++) {
      expect(open[k]! - open[k - 1]!).toBeGreaterThan(30);
      expect(close[k - 1]! - close[k]!).toBeGreaterThan(30);
    }
  });
});

describe('radial', () => {
  it('sweeps clockwise from 12 o’clock: a quarter turn fills the top-right quarter', () => {
    for (const [p, filled] of [
      [0.25, (dx: number, dy: number) => dx > 0 && dy < 0],
      [0.5, (dx: number) => dx > 0],
      [0.75, (dx: number, dy: number) => !(dx < 0 && dy < 0)],
    ] as const) {
      const f = draw('radial', p);
      for (let j = 0; j < H; j += 3)
        for (let i = 0; i < W; i += 3) {
          const dx = i + 0.5 - W / 2;
          const dy = j + 0.5 - H / 2;
          if (Math.abs(dx) < 2 || Math.abs(dy) < 2) continue;
          expect(share(f, 0, i, j), `(${i}, ${j}) at ${p}`).toBe(filled(dx, dy) ? 1 : 0);
        }
    }
  });
});

describe('zoomin', () => {
  // A smooth picture whose true zoom we know exactly.
  const wave = (x: number, y: number) => 128 + 90 * Math.sin(x / 9) * Math.cos(y / 11);
  const from = flatFrame(W, H, 16);
  for (let j = 0; j < H; j++)
    for (let i = 0; i < W; i++) from.data[j * W + i] = Math.round(wave(i + 0.5, j + 0.5));
  const to = flatFrame(W, H, 16);

  it('is a smooth zoom into the centre of `from` (×2^p), not a mosaic', () => {
    for (const p of [0.25, 0.5]) {
      const f = draw('zoomin', p, from, to);
      const scale = 2 ** p;
      const fade = p * p * (3 - 2 * p);
      let worst = 0;
      for (let j = 1; j < H - 1; j++)
        for (let i = 1; i < W - 1; i++) {
          const x = W / 2 + (i + 0.5 - W / 2) / scale;
          const y = H / 2 + (j + 0.5 - H / 2) / scale;
          const want = wave(x, y) * (1 - fade) + 16 * fade;
          worst = Math.max(worst, Math.abs(at(f, 0, i, j) - want));
        }
      // Within what bilinear interpolation of a smooth wave can miss; nearest neighbour (blocks of
      // repeated samples) misses by ~5 levels, a mosaic by far more.
      expect(worst, `at ${p}`).toBeLessThan(2);
    }
  });
});

describe('dissolve', () => {
  it('switches pixels in a fine, even, position-seeded noise that only ever adds pixels', () => {
    const f3 = draw('dissolve', 0.3);
    const f6 = draw('dissolve', 0.6);
    let total = 0;
    let pairs = 0;
    let both = 0;
    for (let j = 0; j < H; j++)
      for (let i = 0; i < W; i++) {
        const a = share(f3, 0, i, j);
        const b = share(f6, 0, i, j);
        expect(a === 0 || a === 1).toBe(true);
        if (a === 1) expect(b).toBe(1);
        total += b;
        if (i + 1 < W) {
          if (b === 1) pairs++;
          if (b === 1 && share(f6, 0, i + 1, j) === 1) both++;
        }
      }
    expect(Math.abs(total / (W * H) - 0.6)).toBeLessThan(0.01);
    // A switched pixel's right neighbour is switched as often as any pixel (no streaks or clumps).
    expect(Math.abs(both / pairs - 0.6)).toBeLessThan(0.03);
    // Every 20×20 tile is evenly dissolved.
    for (let ty = 0; ty < H; ty += 20)
      for (let tx = 0; tx < W; tx += 20) {
        let n = 0;
        for (let j = ty; j < ty + 20; j++) for (let i = tx; i < tx + 20; i++) n += share(f6, 0, i, j);
        expect(Math.abs(n / 400 - 0.6)).toBeLessThan(0.15);
      }
  });

  it('has thresholds spread evenly over 0..1', () => {
    const bins = new Array<number>(16).fill(0);
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) bins[dissolveThreshold(x, y) >> 12]!++;
    for (const b of bins) expect(Math.abs(b / 4096 - 1)).toBeLessThan(0.08);
  });
});

describe('dips', () => {
  it('fadeblack is black and fadewhite white at the midpoint', () => {
    const a = texturedFrame(W, H, 1);
    const b = texturedFrame(W, H, 2);
    const black = draw('fadeblack', 0.5, a, b);
    const white = draw('fadewhite', 0.5, a, b);
    expect(Buffer.compare(black.data, flatFrame(W, H, 16).data)).toBe(0);
    expect(Buffer.compare(white.data, flatFrame(W, H, 235).data)).toBe(0);
  });
});

describe('every transition moves steadily', () => {
  // Photo-like pictures: smooth shapes, not pixel noise.
  const smoothFrame = (fx: number, fy: number): Frame => {
    const f = flatFrame(384, 216, 16);
    for (let j = 0; j < 216; j++)
      for (let i = 0; i < 384; i++)
        f.data[j * 384 + i] = Math.round(125 + 100 * Math.sin(i / fx) * Math.cos(j / fy));
    for (let c = 384 * 216; c < f.data.length; c++) f.data[c] = 60 + ((c * fx) % 140);
    return f;
  };
  const a = smoothFrame(13, 17);
  const b = smoothFrame(7, 5);
  for (const type of TRANSITIONS) {
    it(`${type}: no single frame of 30 carries more than a fifth of the change`, () => {
      const steps = 30;
      const frames = Array.from({ length: steps + 1 }, (_, k) => draw(type, k / steps, a, b));
      const change: number[] = [];
      for (let k = 1; k <= steps; k++) {
        let sum = 0;
        for (let i = 0; i < frames[k]!.data.length; i++)
          sum += Math.abs(frames[k]!.data[i]! - frames[k - 1]!.data[i]!);
        change.push(sum);
      }
      const total = change.reduce((s, c) => s + c, 0);
      expect(Math.max(...change) / total).toBeLessThan(0.2);
    });
  }
});
