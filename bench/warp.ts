/**
 * Warp kernel benchmark (`npx tsx bench/warp.ts`): one core drawing 1920x1080 yuv420p frames from a
 * 2200x1250 still (oversampled like the renderer's stills) with a slow Ken Burns zoom and pan, so every
 * frame has its own scale and sub-pixel offset (filter tables rebuilt per frame, as in a real render).
 *
 * Prints ms per frame: the median over BENCH_RUNS runs (default 7) of BENCH_FRAMES frames each
 * (default 30), with the fastest and slowest run, for each filter.
 */
import { blackFrame } from '../src/render/frame.ts';
import { loadWarpKernel, type WarpFilter, type WarpMap } from '../src/render/warp/index.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7) || 7);
const FRAMES = Math.max(1, Number(process.env.BENCH_FRAMES ?? 30) || 30);
const SW = 2200;
const SH = 1250;
const W = 1920;
const H = 1080;

/** A still with detail everywhere (content does not change the speed, but keep it realistic). */
function still(): ReturnType<typeof blackFrame> {
  const f = blackFrame(SW, SH);
  let s = 12345;
  for (let i = 0; i < f.data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    f.data[i] = (s >>> 24) & 0xff;
  }
  return f;
}

/** Frame t of a zoom from the whole still to 1.06 px per output px, drifting right. */
function map(t: number): WarpMap {
  const full = SW / W;
  const scale = full + (1.06 - full) * (t / FRAMES);
  return { scale, x: 3 + 17.3 * (t / FRAMES), y: (SH - H * scale) / 2 };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const source = still();
const results: string[] = [];
for (const filter of ['lanczos2', 'keys'] as WarpFilter[]) {
  const kernel = loadWarpKernel({ filter });
  kernel.setSource(source);
  kernel.outputSize(W, H);
  for (let t = 0; t < 5; t++) kernel.warp(map(t)); // warm up
  const perFrame: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    for (let t = 0; t < FRAMES; t++) kernel.warp(map(t));
    perFrame.push(Number(process.hrtime.bigint() - start) / 1e6 / FRAMES);
  }
  results.push(
    `${filter.padEnd(9)} ${median(perFrame).toFixed(2)} ms/frame median ` +
      `(runs ${Math.min(...perFrame).toFixed(2)}–${Math.max(...perFrame).toFixed(2)}, ${RUNS}×${FRAMES} frames)`,
  );
}
console.log(`warp ${SW}x${SH} -> ${W}x${H} yuv420p, one thread`);
for (const line of results) console.log(line);
