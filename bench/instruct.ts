/**
 * `npm run bench:instruct`: runs the whole instruction corpus N times (default 20) and prints
 * the mean and p99 time per instruction. Each timing covers interpret() alone, on a prepared context.
 * Usage: npm run bench:instruct -- [rounds]
 */
import { performance } from 'node:perf_hooks';
import { interpret } from '../src/instruct/interpret.ts';
import type { InstructContext } from '../src/instruct/types.ts';
import { EN } from '../test/instruct/cases-en.ts';
import { MIXED } from '../test/instruct/cases-mixed.ts';
import { ZH } from '../test/instruct/cases-zh.ts';
import { FIXTURES } from '../test/instruct/fixtures.ts';

const rounds = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const cases = [...EN, ...ZH, ...MIXED];

// Contexts are prepared once (including the instructions said before), so only interpret() is timed.
const prepared: [string, InstructContext][] = cases.map(([text, e]) => {
  let ctx = FIXTURES[e.from ?? 'base']();
  for (const pre of e.after ?? []) {
    const r = interpret(pre, ctx);
    ctx = { ...ctx, draft: r.draft, history: r.history };
  }
  return [text, ctx];
});

for (const [text, ctx] of prepared) interpret(text, ctx); // warm up the JIT
const times: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const [text, ctx] of prepared) {
    const t0 = performance.now();
    interpret(text, ctx);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const mean = times.reduce((s, t) => s + t, 0) / times.length;
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
console.log(`instruction corpus: ${cases.length} phrasings × ${rounds} rounds = ${times.length} runs`);
console.log(
  `mean ${mean.toFixed(3)} ms, p50 ${p(0.5).toFixed(3)} ms, p99 ${p(0.99).toFixed(3)} ms, max ${p(1).toFixed(3)} ms per instruction`,
);
