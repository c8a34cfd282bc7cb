/**
 * Warp kernel benchmark (`npx tsx bench/warp.ts`): one core drawing 1920x1080 yuv420p frames from a
 * 2200x1250 still (oversampled like the renderer's stills) with a slow Ken Burns zoom and pan, so every
 * frame has its own scale and sub-pixel offset (filter tables rebuilt per frame, as in a real render).
 *
 * Prints ms per frame, wall clock and this thread's CPU time (the one to trust on a busy machine): the
 * median over BENCH_RUNS runs (default 7) of BENCH_FRAMES frames each (default 30), with the fastest and
 * slowest run, for each filter with SIMD, and for the plain (scalar) passes, with the SIMD speed-up.
 *
 * Then it compares the two filters on what a viewer sees, at the renderer's usual shrink (1.06):
 * sharpness (how much of a fine sine pattern survives), ringing (overshoot next to a hard edge),
 * sharpness pulsing during a slow pan, and dot shake during a zoom.
 */
import { spawnSync } from 'node:child_process';
import { blackFrame as newFrame, planes } from '../src/render/frame.ts';
import { loadWarpKernel, type WarpFilter, type WarpMap } from '../src/render/warp/index.ts';
import { dotsFrame, fillPlane, textureFrame } from '../test/render/warp/images.ts';
import { centroidNear, laplacianEnergy, rmsSecondDifference } from '../test/render/warp/metrics.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7) || 7);
const FRAMES = Math.max(1, Number(process.env.BENCH_FRAMES ?? 30) || 30);
const SW = 2200;
const SH = 1250;
const W = 1920;
const H = 1080;

/** A still with detail everywhere (content does not change the speed, but keep it realistic). */
function still(): ReturnType<typeof newFrame> {
  const f = newFrame(SW, SH);
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

/**
 * Yardstick on this machine, now: ms of CPU per frame ffmpeg's own scaler (hand-written x86 SIMD)
 * takes for the same resize (bicubic, one thread), minus its input generation. Undefined without ffmpeg.
 */
function swscaleCpu(): number | undefined {
  const frames = 120;
  const utime = (vf: string): number => {
    const out = spawnSync(
      'ffmpeg',
      [
        '-hide_banner',
        '-benchmark',
        '-threads',
        '1',
        '-filter_threads',
        '1',
        '-f',
        'lavfi',
        '-i',
        `nullsrc=s=${SW}x${SH}:r=30,format=yuv420p`,
        '-frames:v',
        String(frames),
        '-vf',
        vf,
        '-f',
        'null',
        '-',
      ],
      { encoding: 'utf8' },
    );
    const m = /utime=([\d.]+)s/.exec(out.stderr ?? '');
    if (!m) throw new Error('no ffmpeg benchmark line');
    return Number(m[1]);
  };
  try {
    const base = Math.min(utime('null'), utime('null'));
    const scaled = Math.min(utime(`scale=${W}:${H}:flags=bicubic`), utime(`scale=${W}:${H}:flags=bicubic`));
    return ((scaled - base) * 1000) / frames;
  } catch {
    return undefined;
  }
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
const sws = swscaleCpu();
if (sws !== undefined) {
  console.log(
    `ffmpeg swscale bicubic, same resize, one thread: ${sws.toFixed(2)} ms CPU/frame; ` +
      `the kernel (keys) takes ${(median(simdK.map((x) => x.cpu)) / sws).toFixed(2)}x its time`,
  );
}

/** Output amplitude of a vertical-stripe sine of `freq` cycles per output px, as a share of the input's. */
function sineResponse(filter: WarpFilter, freq: number): number {
  const k = loadWarpKernel({ filter });
  const still = newFrame(320, 64);
  fillPlane(planes(still).y, 320, 64, (x) => 128 + 80 * Math.sin(2 * Math.PI * (freq / 1.06) * (x + 0.5)));
  k.setSource(still);
  k.outputSize(256, 32);
  let amp = 0;
  for (let t = 0; t < 8; t++) {
    const f = k.warp({ scale: 1.06, x: 10 + t * 0.13, y: 8 });
    let sum = 0;
    for (let u = 16; u < 240; u++) {
      const v = f.data[16 * 256 + u]! - 128;
      sum += v * v;
    }
    amp += Math.sqrt((2 * sum) / 224) / 80 / 8;
  }
  return amp;
}

/** Largest overshoot (code values) beside a hard edge from 40 to 200, over sub-pixel offsets. */
function overshoot(filter: WarpFilter): number {
  const k = loadWarpKernel({ filter });
  const still = newFrame(128, 32);
  fillPlane(planes(still).y, 128, 32, (x) => (x < 64 ? 40 : 200));
  k.setSource(still);
  k.outputSize(96, 16);
  let worst = 0;
  for (let t = 0; t < 10; t++) {
    const f = k.warp({ scale: 1.06, x: 12 + t * 0.1, y: 8 });
    for (let u = 0; u < 96; u++) worst = Math.max(worst, 40 - f.data[8 * 96 + u]!, f.data[8 * 96 + u]! - 200);
  }
  return worst;
}

/** Largest frame-to-frame change of sharpness (%) in a slow sub-pixel pan at 1.06. */
function panPulsing(filter: WarpFilter): number {
  const k = loadWarpKernel({ filter });
  k.setSource(textureFrame(340, 220, 7, 0.5));
  k.outputSize(256, 160);
  const e: number[] = [];
  for (let i = 0; i < 24; i++)
    e.push(laplacianEnergy(k.warp({ scale: 1.06, x: 10 + i * 0.137, y: 8 + i * 0.061 }), 4));
  const mean = e.reduce((a, b) => a + b) / e.length;
  return (Math.max(...e.slice(1).map((v, i) => Math.abs(v - e[i]!))) / mean) * 100;
}

/** RMS dot shake (px/frame², second difference of tracked positions) in a zoom from 1.2 to 1.0. */
function zoomShake(filter: WarpFilter): number {
  const { frame, dots } = dotsFrame(320, 240, 20, 10, 1.2);
  const k = loadWarpKernel({ filter });
  k.setSource(frame);
  k.outputSize(256, 192);
  const tracks = dots.map(() => [] as [number, number][]);
  for (let t = 0; t < 30; t++) {
    const scale = 1 / (1 / 1.2 + ((1 / 1.0 - 1 / 1.2) * t) / 29);
    const m = { scale, x: 160 - 128 * scale, y: 120 - 96 * scale };
    const f = k.warp(m);
    dots.forEach(([dx, dy], i) => {
      const [ex, ey] = [(dx - m.x) / scale, (dy - m.y) / scale];
      const inside = ex > 12 && ex < 244 && ey > 12 && ey < 180;
      tracks[i]!.push(inside ? centroidNear(f, ex, ey, 5, 20) : [Number.NaN, Number.NaN]);
    });
  }
  const jerks = tracks
    .filter((tr) => tr.every(([x]) => !Number.isNaN(x)))
    .flatMap((tr) => [rmsSecondDifference(tr.map(([x]) => x)), rmsSecondDifference(tr.map(([, y]) => y))]);
  return Math.sqrt(jerks.reduce((a, b) => a + b * b, 0) / jerks.length);
}

console.log(
  'quality at scale 1.06 (higher sharpness is better; lower ringing, pulsing and shake are better):',
);
for (const filter of ['lanczos2', 'keys'] as WarpFilter[]) {
  console.log(
    `${filter.padEnd(9)} sharpness ${[0.25, 0.35, 0.45].map((f) => `${f} c/px ${(sineResponse(filter, f) * 100).toFixed(1)}%`).join(', ')}; ` +
      `ringing ${overshoot(filter)} code values; pan pulsing ${panPulsing(filter).toFixed(2)}%; ` +
      `zoom shake ${zoomShake(filter).toFixed(4)} px/frame²`,
  );
}
