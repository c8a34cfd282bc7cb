import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/instruct/interpret.ts';
import { editFromJSON } from '../../src/timeline/edits/registry.ts';
import { check } from './check.ts';
import { EN } from './cases-en.ts';
import { MIXED } from './cases-mixed.ts';
import { ZH } from './cases-zh.ts';
import { FIXTURES, run } from './fixtures.ts';

describe('instruction corpus: compound, numbers, typos, ambiguity, impossible', () => {
  it.each(MIXED)('%s', (text, expected) => check(text, expected));
});

const ALL = [...EN, ...ZH, ...MIXED];

describe('the corpus as a whole', () => {
  it('has at least 300 phrasings, about a third Chinese', () => {
    const zh = ALL.filter(([t]) =>
      /[\u3400-\u9fff]/.test(t.replace(/[「『《“"'‘][^」』》”"'’]*[」』》”"'’]/g, '')),
    );
    expect(ALL.length).toBeGreaterThanOrEqual(300);
    expect(zh.length / ALL.length).toBeGreaterThan(0.3);
  });

  it('is deterministic: the same words on the same draft give the same result', () => {
    for (const [text, e] of ALL) {
      const a = run(text, e).result;
      const b = run(text, e).result;
      expect(b).toEqual(a);
    }
  });

  it('records each instruction as one undo step that gives back the draft before it', () => {
    for (const [text, e] of ALL) {
      const { result, before, ctx } = run(text, e);
      if (!result.changed || /undo|redo|go back|撤销|撤回|重做/.test(text)) continue;
      const undone = interpret('undo', { draft: result.draft, media: ctx.media, history: result.history });
      expect(undone.draft, text).toEqual(before);
      const redone = interpret('redo', { draft: undone.draft, media: ctx.media, history: undone.history });
      expect(redone.draft, text).toEqual(result.draft);
    }
  });

  it('reports edits that replay through editFromJSON to the same draft', () => {
    for (const [text, e] of ALL) {
      const { result, before } = run(text, e);
      if (/undo|redo|go back|撤销|撤回|重做/.test(text)) continue;
      const replayed = result.edits.reduce(
        (d, json) => editFromJSON(JSON.parse(JSON.stringify(json))).apply(d),
        before,
      );
      expect(replayed, text).toEqual(result.draft);
    }
  });

  it('keeps history across requests as JSON', () => {
    const ctx = FIXTURES.base();
    const a = interpret('make it vertical', ctx);
    const b = interpret('2 seconds each', {
      ...ctx,
      draft: a.draft,
      history: JSON.parse(JSON.stringify(a.history)),
    });
    const c = interpret('undo', { ...ctx, draft: b.draft, history: JSON.parse(JSON.stringify(b.history)) });
    expect(c.draft).toEqual(a.draft);
    const d = interpret('undo', { ...ctx, draft: c.draft, history: c.history });
    expect(d.draft).toEqual(ctx.draft);
    expect(d.history.done).toEqual([]);
    expect(d.history.undone).toHaveLength(2);
  });
});

describe('history that does not fit', () => {
  it('clears an undo history that no longer matches the draft, and says so', () => {
    const ctx = FIXTURES.base();
    const r = interpret('undo', {
      ...ctx,
      history: { done: [[{ name: 'remove_item', args: { index: 40 } }]], undone: [] },
    });
    expect(r.draft).toEqual(ctx.draft);
    expect(r.history.done).toEqual([]);
    expect(r.history.undone).toEqual([]);
    expect(r.reply).toMatch(/cleared/);
  });
});
