/** Rounds to the nearest even number, at least 16 (the draft's smallest canvas side). */
function even(n: number): number {
  return Math.max(16, Math.round(n / 2) * 2);
}

/**
 * The canvas of a quick preview: the draft's shape with its shorter side scaled down to `shortSide`
 * (~360p), even numbers. A draft already that small keeps its size.
 */
export function previewSize(w: number, h: number, shortSide = 360): { w: number; h: number } {
  const short = Math.min(w, h);
  if (short <= shortSide) return { w: even(w), h: even(h) };
  const k = shortSide / short;
  return { w: even(w * k), h: even(h * k) };
}

/** The frame rate of a quick preview: at most `maxFps`. */
export function previewFps(fps: number, maxFps = 15): number {
  return Math.min(fps, maxFps);
}
