import { describe, expect, it } from 'vitest';
import { kenBurnsMap, motionOf, motionTime, OVERSAMPLE, stillSize } from '../../src/render/motion.ts';

const canvas = { w: 1920, h: 1080 };

describe('Ken Burns warp maps', () => {
  it('prepares moving photos at canvas × (1 + amount) × OVERSAMPLE, standing ones at the canvas', () => {
    expect(stillSize(canvas, { type: 'zoom-in', amount: 0.1 })).toEqual({
      w: Math.round((1920 * 1.1 * OVERSAMPLE) / 2) * 2,
      h: Math.round((1080 * 1.1 * OVERSAMPLE) / 2) * 2,
    });
    expect(stillSize(canvas, { type: 'none', amount: 0 })).toEqual(canvas);
  });

  it('the default amount is 0.1; none and 0 do not move', () => {
    expect(motionOf({ m: { motion: { type: 'pan-left' } } })).toEqual({ type: 'pan-left', amount: 0.1 });
    expect(motionOf({ m: { motion: { type: 'zoom-in', amount: 0 } } }).type).toBe('none');
    expect(motionOf({ m: {} }).type).toBe('none');
  });

  it('a standing photo is the identity', () => {
    expect(kenBurnsMap({ type: 'none', amount: 0 }, 0.5, canvas, canvas)).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it('every frame is a downscale of the still: at least OVERSAMPLE source pixels per output pixel', () => {
    for (const type of ['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'pan-up', 'pan-down'] as const) {
      const motion = { type, amount: 0.1 };
      const still = stillSize(canvas, motion);
      for (const t of [0, 0.5, 1]) {
        const m = kenBurnsMap(motion, t, still, canvas);
        expect(m.scale, `${type} at ${t}`).toBeGreaterThanOrEqual(OVERSAMPLE * 0.999);
        // The window stays inside the still.
        expect(m.x).toBeGreaterThanOrEqual(-1e-9);
        expect(m.y).toBeGreaterThanOrEqual(-1e-9);
        expect(m.x + canvas.w * m.scale).toBeLessThanOrEqual(still.w + 1e-6);
        expect(m.y + canvas.h * m.scale).toBeLessThanOrEqual(still.h + 1e-6);
      }
    }
  });

  it('zoom-in shows the whole still at the start and the centre 1/(1+a) at the end', () => {
    const motion = { type: 'zoom-in' as const, amount: 0.1 };
    const still = stillSize(canvas, motion);
    const a = kenBurnsMap(motion, 0, still, canvas);
    const b = kenBurnsMap(motion, 1, still, canvas);
    const k = Math.min(still.w / canvas.w, still.h / canvas.h);
    expect(a.scale).toBeCloseTo(k, 12);
    expect(b.scale).toBeCloseTo(k / 1.1, 12);
    // Centred: the window's centre is the still's centre.
    expect(b.x + (canvas.w * b.scale) / 2).toBeCloseTo(still.w / 2, 9);
    expect(b.y + (canvas.h * b.scale) / 2).toBeCloseTo(still.h / 2, 9);
  });

  it('pans move the window at a constant speed across the spare margin', () => {
    const motion = { type: 'pan-right' as const, amount: 0.1 };
    const still = stillSize(canvas, motion);
    const xs = [0, 0.25, 0.5, 0.75, 1].map((t) => kenBurnsMap(motion, t, still, canvas).x);
    const steps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const s of steps) expect(s).toBeCloseTo(steps[0]!, 9);
    expect(steps[0]).toBeGreaterThan(0);
    const left = kenBurnsMap({ type: 'pan-left', amount: 0.1 }, 0, still, canvas);
    expect(left.x).toBeCloseTo(xs[4]!, 9);
  });

  it('motion spans every frame the item is drawn in, transitions included', () => {
    expect(motionTime(23, 23, 83)).toBe(0);
    expect(motionTime(82, 23, 83)).toBe(1);
    expect(motionTime(5, 5, 6)).toBe(0);
  });
});
