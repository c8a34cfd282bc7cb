import { describe, expect, it } from 'vitest';
import { isPhotoreelError } from '../../src/errors.ts';
import { loadConfig } from '../../src/service/config.ts';
import { draftWithinLimits, historyWithinLimits } from '../../src/service/draft-limits.ts';
import { parseDraft } from '../../src/timeline/draft.ts';
import type { HistoryJSON } from '../../src/timeline/history.ts';

const step = (n: number, bytes: number) => [{ op: 'replace_draft', n, pad: 'x'.repeat(bytes) }] as never[];

describe('draft and history limits', () => {
  it('has defaults, read from PHOTOREEL_* variables', () => {
    expect(loadConfig()).toMatchObject({
      maxDraftBytes: 1_000_000,
      maxDraftItems: 2000,
      maxTextChars: 500,
      historySteps: 100,
      historyBytes: 5_000_000,
    });
    expect(loadConfig({}, { PHOTOREEL_HISTORY_BYTES: '1234', PHOTOREEL_MAX_DRAFT_ITEMS: '7' })).toMatchObject(
      {
        historyBytes: 1234,
        maxDraftItems: 7,
      },
    );
  });

  it('drops the oldest undo steps past the step count, keeping made and done in step', () => {
    const h: HistoryJSON = {
      done: [step(1, 1), step(2, 1), step(3, 1)],
      undone: [],
      made: [step(11, 1), step(12, 1), step(13, 1)],
    };
    const r = historyWithinLimits(h, { historySteps: 2, historyBytes: 1_000_000 });
    expect(r.dropped).toBe(1);
    const kept = JSON.parse(r.json) as HistoryJSON;
    expect(kept.done.map((g) => (g[0] as unknown as { n: number }).n)).toEqual([2, 3]);
    expect(kept.made?.map((g) => (g[0] as unknown as { n: number }).n)).toEqual([12, 13]);
  });

  it('drops the oldest steps until the JSON fits its byte limit', () => {
    const h: HistoryJSON = { done: [step(1, 1000), step(2, 1000), step(3, 1000)], undone: [step(4, 1000)] };
    const r = historyWithinLimits(h, { historySteps: 100, historyBytes: 2500 });
    expect(r.json.length).toBeLessThanOrEqual(2500);
    expect(r.dropped).toBe(2);
    const kept = JSON.parse(r.json) as HistoryJSON;
    expect(kept.done).toHaveLength(1);
    expect(kept.undone).toHaveLength(1);
  });

  it('names the limit a draft is over', () => {
    const draft = parseDraft({
      v: 1,
      w: 640,
      h: 360,
      fps: 30,
      t: [{ tt: 7, sg: [{ text: 'hello there', s: 0, d: 1000 }] }],
    });
    const limits = { maxDraftBytes: 10_000, maxDraftItems: 10, maxTextChars: 500 };
    expect(() => draftWithinLimits(draft, limits)).not.toThrow();
    for (const over of [{ maxDraftBytes: 50 }, { maxDraftItems: 0 }, { maxTextChars: 5 }]) {
      try {
        draftWithinLimits(draft, { ...limits, ...over });
        expect.unreachable();
      } catch (e) {
        expect(isPhotoreelError(e, 'DRAFT_TOO_LARGE')).toBe(true);
        expect((e as { details: { limit: string } }).details.limit).toBe(Object.keys(over)[0]);
      }
    }
  });
});
