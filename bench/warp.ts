/**
 * Warp kernel benchmark (`npx tsx bench/warp.ts`): one core drawing 1920x1080 yuv420p frames from a
 * 2200x1250 still (oversampled like the renderer's stills) with a slow Ken Burns zoom and pan, so every
 * frame has its own scale and sub-pixel offset (filter tables rebuilt per frame, as in a real render).
 *
 * Prints ms per frame, wall clock and this thread's CPU time (the one to trust on a busy machine): the
 * median over BENCH_RUNS runs (default 7) of BENCH_FRAMES frames each (default 30), with the fastest and
 * slowest run, for each filter with SIMD, and for the plain (scalar) passes, with the SIMD speed-up.
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

interface Measured {
  wall: number;
  cpu: number;
}

/** ms per frame (wall and this thread's CPU) over `runs` runs of `frames` frames. */
function measure(filter: WarpFilter, simd: boolean, runs: number, frames: number): Measured[] {
  const kernel = loadWarpKernel({ filter, simd });
  kernel.setSource(source);
  kernel.outputSize(W, H);
  for (let t = 0; t < 3; t++) kernel.warp(map(t)); // warm up
  const out: Measured[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let t = 0; t < frames; t++) kernel.warp(map((t * FRAMES) / frames));
    const used = process.cpuUsage(cpu);
    out.push({
      wall: Number(process.hrtime.bigint() - start) / 1e6 / frames,
      cpu: (used.user + used.system) / 1e3 / frames,
    });
  }
  return out;
}

function summary(name: string, m: Measured[], frames: number): string {
  const wall = m.map((x) => x.wall);
  const cpu = m.map((x) => x.cpu);
  return (
    `${name.padEnd(16)} ${median(wall).toFixed(2)} ms/frame median wall ` +
    `(runs ${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)}), ` +
    `${median(cpu).toFixed(2)} ms CPU (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)}), ` +
    `${m.length}×${frames} frames`
  );
}

const source = still();
const simdL = measure('lanczos2', true, RUNS, FRAMES);
const simdK = measure('keys', true, RUNS, FRAMES);
const scalarFrames = Math.max(1, Math.round(FRAMES / 6));
const plainL = measure('lanczos2', false, 3, scalarFrames);
console.log(`warp ${SW}x${SH} -> ${W}x${H} yuv420p, one thread, scale ${(SW / W).toFixed(3)} -> 1.06`);
console.log(summary('lanczos2 SIMD', simdL, FRAMES));
console.log(summary('keys SIMD', simdK, FRAMES));
console.log(summary('lanczos2 scalar', plainL, scalarFrames));
const ratio = median(plainL.map((x) => x.cpu)) / median(simdL.map((x) => x.cpu));
console.log(`SIMD is ${ratio.toFixed(1)}x faster than scalar (CPU time, same run)`);
