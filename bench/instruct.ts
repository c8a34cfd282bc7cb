/**
 * `npm run bench:instruct`: times interpret() on every phrasing of the instruction corpus, `rounds` times
 * each (default 20), on a prepared context. The machine is shared, so a single run can be stretched by the
 * scheduler: each phrasing's cost is the median of its rounds, and the p50/p99/max are taken over phrasings.
 * The raw p99 over all runs is printed beside it, and the ratio of the two says how noisy this run was.
 * Usage: npm run bench:instruct -- [rounds]
 */
import { performance } from 'node:perf_hooks';
import { interpret } from '../src/instruct/interpret.ts';
import type { InstructContext } from '../src/instruct/types.ts';
import { EN } from '../test/instruct/cases-en.ts';
import { MIXED } from '../test/instruct/cases-mixed.ts';
import { V2 } from '../test/instruct/cases-v2.ts';
import { ZH } from '../test/instruct/cases-zh.ts';
import { FIXTURES } from '../test/instruct/fixtures.ts';

const rounds = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const cases = [...EN, ...ZH, ...MIXED, ...V2];

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
const all: number[] = [];
const perPhrasing: number[][] = prepared.map(() => []);
for (let r = 0; r < rounds; r++) {
  prepared.forEach(([text, ctx], k) => {
    const t0 = performance.now();
    interpret(text, ctx);
    const ms = performance.now() - t0;
    all.push(ms);
    perPhrasing[k]!.push(ms);
  });
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const medians = sorted(perPhrasing.map((xs) => q(sorted(xs), 0.5)));
const raw = sorted(all);
const mean = all.reduce((s, t) => s + t, 0) / all.length;
console.log(`instruction corpus: ${cases.length} phrasings × ${rounds} rounds = ${all.length} runs`);
console.log(
  `per phrasing (median of its rounds): p50 ${q(medians, 0.5).toFixed(3)} ms, p99 ${q(medians, 0.99).toFixed(3)} ms, max ${q(medians, 1).toFixed(3)} ms`,
);
console.log(
  `all runs: mean ${mean.toFixed(3)} ms, p99 ${q(raw, 0.99).toFixed(3)} ms (raw p99 / per-phrasing p99 = ${(q(raw, 0.99) / Math.max(q(medians, 0.99), 1e-9)).toFixed(1)}x scheduler noise)`,
);
