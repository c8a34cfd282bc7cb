// Seeded test images for the warp kernel tests (no Math.random: same pictures every run).
import { blackFrame, planes, type Frame } from '../../../src/render/frame.ts';
import { seededRandom } from '../../../src/timeline/random.ts';

/** The seeded generator the timeline uses (mulberry32, numbers in [0, 1)). */
export const seeded = seededRandom;

/** A frame of independent random samples in every plane (worst case for rounding). */
export function noiseFrame(w: number, h: number, seed: number): Frame {
  const f = blackFrame(w, h);
  const r = seeded(seed);
  for (let i = 0; i < f.data.length; i++) f.data[i] = Math.floor(r() * 256);
  return f;
}

/** Fills one plane from a function of the sample position, rounded and clamped to 0..255. */
export function fillPlane(p: Uint8Array, w: number, h: number, fn: (x: number, y: number) => number): void {
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) p[y * w + x] = Math.min(255, Math.max(0, Math.round(fn(x, y))));
  }
}

/**
 * A natural-looking texture: seeded sinusoids at many orientations with amplitude falling as
 * 1/frequency (like photographs), from 0.02 up to `maxFreq` cycles per pixel (0.5 is the Nyquist
 * limit), plus gentle chroma.
 */
export function textureFrame(w: number, h: number, seed: number, maxFreq: number): Frame {
  const f = blackFrame(w, h);
  const r = seeded(seed);
  const waves = Array.from({ length: 48 }, () => {
    const angle = r() * Math.PI;
    const freq = 0.02 * (maxFreq / 0.02) ** r();
    return {
      kx: 2 * Math.PI * freq * Math.cos(angle),
      ky: 2 * Math.PI * freq * Math.sin(angle),
      phase: r() * 2 * Math.PI,
      amp: 1.2 / freq,
    };
  });
  const norm = 90 / Math.sqrt(waves.reduce((s, wv) => s + wv.amp * wv.amp, 0) / 2);
  const p = planes(f);
  fillPlane(
    p.y,
    w,
    h,
    (x, y) =>
      126 + (norm * waves.reduce((s, wv) => s + wv.amp * Math.sin(wv.kx * x + wv.ky * y + wv.phase), 0)) / 3,
  );
  fillPlane(p.u, w / 2, h / 2, (x, y) => 128 + 30 * Math.sin(x / 7 + y / 11));
  fillPlane(p.v, w / 2, h / 2, (x, y) => 128 + 30 * Math.cos(x / 9 - y / 5));
  return f;
}

/**
 * A grid of soft bright dots (Gaussian, `sigma` px) on a dark background, `spacing` px apart,
 * the first at (offset, offset). Returns the frame and the dot centres (pixel-centre coordinates).
 */
export function dotsFrame(
  w: number,
  h: number,
  spacing: number,
  offset: number,
  sigma: number,
): { frame: Frame; dots: [number, number][] } {
  const f = blackFrame(w, h);
  const dots: [number, number][] = [];
  for (let y = offset; y < h; y += spacing) for (let x = offset; x < w; x += spacing) dots.push([x, y]);
  const p = planes(f);
  fillPlane(p.y, w, h, (x, y) => {
    const gx = (x + 0.5 - offset) / spacing;
    const gy = (y + 0.5 - offset) / spacing;
    const dx = (gx - Math.round(gx)) * spacing;
    const dy = (gy - Math.round(gy)) * spacing;
    return 16 + 219 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
  });
  return { frame: f, dots };
}
