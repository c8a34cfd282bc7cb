import { describe, expect, it } from 'vitest';
import { frameBytes, type Frame } from '../../../src/render/frame.ts';
import { drawTransition } from '../../../src/render/transitions/index.ts';
import { TRANSITIONS } from '../../../src/timeline/transitions.ts';
import { emptyFrame, maxDiff, texturedFrame } from './frames.ts';
import { referenceFrame } from './reference.ts';

const W = 192;
const H = 108;
const from = texturedFrame(W, H, 1);
const to = texturedFrame(W, H, 2);

function draw(type: (typeof TRANSITIONS)[number], p: number, a = from, b = to, fill = 0): Frame {
  const out = emptyFrame(a.w, a.h, fill);
  drawTransition(type, a, b, p, out);
  return out;
}

function where(f: Frame, index: number): string {
  const y = f.w * f.h;
  if (index < y) return `Y(${index % f.w}, ${Math.floor(index / f.w)})`;
  const c = index - y;
  const plane = c < y / 4 ? 'U' : 'V';
  const ci = c % (y / 4);
  return `${plane}(${ci % (f.w / 2)}, ${Math.floor(ci / (f.w / 2))})`;
}

describe('every transition matches the plain reference of its formula', () => {
  for (const type of TRANSITIONS) {
    for (const p of [0.25, 0.5, 0.75]) {
      it(`${type} at ${p}`, () => {
        const got = draw(type, p);
        const want = referenceFrame(type, from, to, p);
        const { diff, index } = maxDiff(got, want);
        expect(
          diff,
          `${type} at ${p}: ${where(got, index)} is ${got.data[index]}, reference ${want.data[index]}`,
        ).toBeLessThanOrEqual(1);
        // And it is a transition: neither input.
        expect(maxDiff(got, from).diff).toBeGreaterThan(0);
        expect(maxDiff(got, to).diff).toBeGreaterThan(0);
      });
    }
  }
});

describe('endpoints, clamping and determinism', () => {
  for (const type of TRANSITIONS) {
    it(`${type}: progress 0 is exactly from, 1 exactly to; outside 0..1 clamps; same bytes every time`, () => {
      expect(maxDiff(draw(type, 0), from).diff).toBe(0);
      expect(maxDiff(draw(type, -0.5), from).diff).toBe(0);
      expect(maxDiff(draw(type, 1), to).diff).toBe(0);
      expect(maxDiff(draw(type, 1.5), to).diff).toBe(0);
      // The output never depends on what the output buffer held.
      const a = draw(type, 0.37, from, to, 0);
      const b = draw(type, 0.37, from, to, 255);
      expect(Buffer.compare(a.data, b.data)).toBe(0);
      // Close to the ends it is close to the ends (no jump into the first or last frame).
      expect(maxDiff(draw(type, 0.001), from).diff).toBeLessThanOrEqual(type === 'dissolve' ? 255 : 140);
    });
  }
});

describe('frame layouts', () => {
  it('gives the same picture on buffers at any byte alignment and widths that are not a multiple of 4', () => {
    const w = 198;
    const h = 110;
    const a = texturedFrame(w, h, 3);
    const b = texturedFrame(w, h, 4);
    // Copies of the inputs and the output at odd byte offsets inside larger buffers.
    const shifted = (f: Frame, by: number): Frame => {
      const big = new Uint8Array(f.data.length + 8);
      big.set(f.data, by);
      return { w: f.w, h: f.h, data: big.subarray(by, by + f.data.length) };
    };
    for (const type of TRANSITIONS) {
      for (const p of [0.3, 0.5]) {
        const aligned = emptyFrame(w, h);
        drawTransition(type, a, b, p, aligned);
        const odd = shifted(emptyFrame(w, h), 3);
        drawTransition(type, shifted(a, 1), shifted(b, 2), p, odd);
        expect(Buffer.compare(aligned.data, odd.data), `${type} at ${p}`).toBe(0);
        expect(maxDiff(aligned, referenceFrame(type, a, b, p)).diff, `${type} at ${p}`).toBeLessThanOrEqual(
          1,
        );
      }
    }
  });

  it('refuses frames of different sizes and an output that overlaps an input', () => {
    const small = emptyFrame(W / 2, H / 2);
    expect(() => drawTransition('fade', from, to, 0.5, small)).toThrow();
    expect(() => drawTransition('fade', from, to, 0.5, from)).toThrow();
    const shared = new Uint8Array(frameBytes(W, H) * 2);
    const a: Frame = { w: W, h: H, data: shared.subarray(0, frameBytes(W, H)) };
    const out: Frame = { w: W, h: H, data: shared.subarray(frameBytes(W, H) / 2, frameBytes(W, H) * 1.5) };
    expect(() => drawTransition('fade', a, to, 0.5, out)).toThrow();
  });
});
