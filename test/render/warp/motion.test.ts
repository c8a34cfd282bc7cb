import { describe, expect, it } from 'vitest';
import { loadWarpKernel } from '../../../src/render/warp/index.ts';
import { dotsFrame, textureFrame } from './images.ts';
import { centroidNear, laplacianEnergy, rmsSecondDifference } from './metrics.ts';

const W = 256;
const H = 160;

describe.each(['keys', 'lanczos2'] as const)('warp kernel in motion (%s)', (filter) => {
  it('keeps the sharpness steady through a slow sub-pixel pan of a still oversampled 1.06x', () => {
    const k = loadWarpKernel({ filter });
    k.setSource(textureFrame(340, 220, 7, 0.5));
    k.outputSize(W, H);
    const energy: number[] = [];
    for (let i = 0; i < 24; i++) {
      energy.push(laplacianEnergy(k.warp({ scale: 1.06, x: 10 + i * 0.137, y: 8 + i * 0.061 }), 4));
    }
    const mean = energy.reduce((a, b) => a + b) / energy.length;
    expect(mean).toBeGreaterThan(40); // the texture is really there
    // No frame is visibly softer or sharper than the next ("pulsing"): within 2 %.
    for (let i = 1; i < energy.length; i++) {
      expect(Math.abs(energy[i]! - energy[i - 1]!) / mean).toBeLessThan(0.02);
    }
    expect((Math.max(...energy) - Math.min(...energy)) / mean).toBeLessThan(0.03);
  });

  it('moves every dot smoothly through a zoom (no shake)', () => {
    const { frame, dots } = dotsFrame(320, 240, 20, 10, 1.2);
    const k = loadWarpKernel({ filter });
    k.setSource(frame);
    k.outputSize(256, 192);
    // Zoom in from 1.2 to 1.0 source px per output px about the still's centre, at a rate that
    // moves every point at constant speed on screen: the true second difference is zero.
    const frames = 30;
    const tracks = dots.map(() => [] as [number, number][]);
    for (let t = 0; t < frames; t++) {
      const scale = 1 / (1 / 1.2 + ((1 / 1.0 - 1 / 1.2) * t) / (frames - 1));
      const map = { scale, x: 160 - 128 * scale, y: 120 - 96 * scale };
      const f = k.warp(map);
      dots.forEach(([dx, dy], i) => {
        const [ex, ey] = [(dx - map.x) / scale, (dy - map.y) / scale];
        const inside = ex > 12 && ex < 256 - 12 && ey > 12 && ey < 192 - 12;
        tracks[i]!.push(inside ? centroidNear(f, ex, ey, 5, 20) : [Number.NaN, Number.NaN]);
        // Each dot is where the map puts it (pixel centres line up): within 0.05 px.
        if (inside)
          expect(Math.hypot(tracks[i]!.at(-1)![0] - ex, tracks[i]!.at(-1)![1] - ey)).toBeLessThan(0.05);
      });
    }
    const jerks = tracks
      .filter((track) => track.every(([x]) => !Number.isNaN(x)))
      .flatMap((track) => [
        rmsSecondDifference(track.map(([x]) => x)),
        rmsSecondDifference(track.map(([, y]) => y)),
      ]);
    expect(jerks.length).toBeGreaterThan(60);
    for (const jerk of jerks) expect(jerk).toBeLessThanOrEqual(0.05);
  });
});
