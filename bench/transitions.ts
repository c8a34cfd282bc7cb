/**
 * Transition benchmark (`npx tsx bench/transitions.ts`): milliseconds to draw one 1920×1080 yuv420p frame of
 * each transition in the catalogue, single-threaded, median over progress values spread across the
 * transition (each frame drawn from textured frames into a separate output). Times are the CPU time of this
 * thread (user + system, so other load on the machine does not inflate them) and, for comparison, the
 * ratio to a plain frame copy measured in the same run.
 *
 * Options (environment): BENCH_W, BENCH_H (frame size), BENCH_ROUNDS (frames per transition, default 24),
 * BENCH_ONLY=fade,zoomin (only these).
 */
import { frameBytes, type Frame } from '../src/render/frame.ts';
import { drawTransition } from '../src/render/transitions/index.ts';
import { TRANSITIONS } from '../src/timeline/transitions.ts';

const W = Number(process.env.BENCH_W ?? 1920);
const H = Number(process.env.BENCH_H ?? 1080);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 24);
const ONLY = process.env.BENCH_ONLY?.split(',');

/** A textured frame: smooth gradients with fine detail, different for each seed. */
function textured(seed: number): Frame {
  const data = new Uint8Array(frameBytes(W, H));
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      data[y * W + x] = 16 + ((x * (3 + seed) + y * (5 - seed) + ((x * y) >> 7) * seed) % 220);
  const c = W * H;
  for (let i = 0; i < c / 2; i++) data[c + i] = 64 + ((i * (7 + seed)) % 128);
  return { w: W, h: H, data };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const from = textured(1);
const to = textured(2);
const out: Frame = { w: W, h: H, data: new Uint8Array(frameBytes(W, H)) };

/** CPU milliseconds `fn` takes (median over `ROUNDS` calls with i = 0..ROUNDS−1). */
function timed(fn: (i: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = process.cpuUsage();
    fn(i);
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  return median(times);
}

const copyMs = timed(() => out.data.set(from.data));

console.log(`transitions, ${W}x${H} yuv420p, ${ROUNDS} frames each, one thread`);
console.log(`${'copy (reference)'.padEnd(18)} ${copyMs.toFixed(2).padStart(7)} ms`);
const rows: [string, number][] = [];
for (const name of TRANSITIONS.filter((n) => !ONLY || ONLY.includes(n))) {
  // Warm up (JIT), then time frames spread over (0, 1).
  for (let i = 1; i < 8; i++) drawTransition(name, from, to, i / 8, out);
  rows.push([name, timed((i) => drawTransition(name, from, to, (i + 0.5) / ROUNDS, out))]);
}
for (const [name, ms] of rows) {
  console.log(
    `${name.padEnd(18)} ${ms.toFixed(2).padStart(7)} ms   ${(ms / copyMs).toFixed(1).padStart(6)}x copy`,
  );
}
