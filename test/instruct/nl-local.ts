/**
 * In-process run of an nl-check corpus (../shared/nl-check by default): the same cases and assertions as the
 * server run, with fake media ids, so the interpreter can be iterated on without a server.
 * Usage: npx tsx test/instruct/nl-local.ts [id regex] [--verbose]. The server run stays the measure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { interpret } from '../../src/instruct/interpret.ts';
import type { HistoryJSON, InstructMedia } from '../../src/instruct/types.ts';
import { parseDraft, type Draft } from '../../src/timeline/draft.ts';

interface Case {
  id: string;
  lang: 'en' | 'zh';
  photos: number;
  music: boolean;
  clips?: number;
  before: string[];
  say: string;
  expect: Record<string, unknown>[];
}

const dir = process.env.NL_DIR ?? path.resolve('../shared/nl-check');
const corpusFile = process.env.NL_CORPUS ?? path.join(dir, 'corpus-public.json');
const { evaluate, admits, draftsEqual } = (await import(
  pathToFileURL(path.join(dir, 'lib/nl-assert.mjs')).href
)) as {
  evaluate: (a: Record<string, unknown>, ctx: unknown) => { key: string; ok: boolean; detail: string };
  admits: (s: string) => boolean;
  draftsEqual: (a: unknown, b: unknown) => boolean;
};
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as {
  preludes: Record<string, Record<string, string>>;
  cases: Case[];
};
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filter = args.find((a) => !a.startsWith('--'));
const cases = corpus.cases.filter((c) => !filter || new RegExp(filter).test(c.id));

let passed = 0;
const kinds = { admitted: 0, silent: 0, wrong: 0 };
for (const c of cases) {
  const media: InstructMedia[] = [];
  for (let i = 0; i < c.photos; i++) media.push({ id: `img${i}`, kind: 'image', name: `photo-${i + 1}.jpg` });
  for (let i = 0; i < (c.clips ?? 0); i++)
    media.push({ id: `clip${i}`, kind: 'video', name: `clip${i + 1}.mp4`, durationMs: 3000 });
  if (c.music) media.push({ id: 'music', kind: 'audio', name: 'music.m4a', durationMs: 30000 });
  let draft: Draft = parseDraft({ v: 1, w: 1920, h: 1080, fps: 30, t: [] });
  let history: HistoryJSON = { done: [], undone: [] };
  const initial = draft;
  const steps: Draft[] = [];
  const before = c.before.map((b) =>
    b.startsWith('@') ? (corpus.preludes[b.slice(1)]?.[c.lang] ?? corpus.preludes[b.slice(1)]?.en ?? b) : b,
  );
  for (const b of before) {
    const r = interpret(b, { draft, media, history });
    // As the server keeps them: JSON in the session row, parsed again for the next instruction.
    draft = parseDraft(JSON.parse(JSON.stringify(r.draft)));
    const kept = JSON.parse(JSON.stringify(r.history)) as HistoryJSON;
    history = process.env.NL_KEEP_MADE ? kept : { done: kept.done, undone: kept.undone };
    steps.push(draft);
  }
  const prev = steps.at(-1) ?? initial;
  const t0 = performance.now();
  const r = interpret(c.say, { draft, media, history });
  const ms = performance.now() - t0;
  const uploads = {
    images: media.filter((m) => m.kind === 'image').map((m) => m.id),
    clips: media.filter((m) => m.kind === 'video').map((m) => m.id),
    music: c.music ? 'music' : null,
  };
  const ctx = { draft: r.draft, prev, steps, initial, uploads, reply: r.reply };
  const fails = c.expect.map((a) => evaluate(a, ctx)).filter((e) => !e.ok);
  const ok = fails.length === 0;
  if (ok) passed++;
  else {
    const admitted = admits(r.reply);
    const changed = !draftsEqual(r.draft, prev);
    if (admitted) kinds.admitted++;
    else if (!changed) kinds.silent++;
    else kinds.wrong++;
    const tag = admitted ? 'ADMIT' : changed ? 'WRONG' : 'SILENT';
    console.log(
      `FAIL ${tag} ${c.id} ${JSON.stringify(c.say)}${before.length ? `  (after ${before.join(' → ')})` : ''}`,
    );
    for (const f of fails) console.log(`     ✗ ${f.key}: ${f.detail.slice(0, 200)}`);
    console.log(`     reply: ${JSON.stringify(r.reply.slice(0, 300))}`);
  }
  if (verbose && ok) console.log(`PASS ${c.id} ${c.say}\n     reply: ${r.reply.slice(0, 200)}`);
  if (ms > 50) console.log(`     slow: ${ms.toFixed(1)} ms`);
}
console.log(
  `local: ${passed}/${cases.length} passed; failed: ${kinds.admitted} admitted, ${kinds.silent} silent, ${kinds.wrong} wrong`,
);
