import { describe, expect, it } from 'vitest';
import { fpsFraction, frameContents, layoutFrames, transitionProgress } from '../../src/render/layout.ts';
import { parseDraft, type DraftInput } from '../../src/timeline/draft.ts';

function draft(
  items: { d: number; tr?: { type: string; d: number } }[],
  fps = 30,
): ReturnType<typeof parseDraft> {
  return parseDraft({
    v: 1,
    w: 320,
    h: 180,
    fps,
    t: [{ tt: 0, sg: items.map((it, i) => ({ src: `p${i}`, d: it.d, m: it.tr ? { tr: it.tr } : {} })) }],
    m: {},
  } as DraftInput);
}

describe('layoutFrames', () => {
  it('has exactly round(total ms × fps / 1000) frames, items between their cuts', () => {
    const l = layoutFrames(draft([{ d: 1234 }, { d: 777 }, { d: 1500 }], 12));
    expect(l.frames).toBe(Math.round((3511 * 12) / 1000));
    expect(l.items.map((i) => [i.start, i.end])).toEqual([
      [0, 15],
      [15, 24],
      [24, 42],
    ]);
  });

  it('starts a transition of T frames floor(T/2) frames before its cut and keeps the length', () => {
    const l = layoutFrames(draft([{ d: 1000, tr: { type: 'fade', d: 500 } }, { d: 1000 }], 30));
    expect(l.frames).toBe(60);
    // 500 ms = 15 frames, cut at 30: frames 23..37.
    expect(l.items[0]!.out).toEqual({ type: 'fade', from: 0, frames: 15, start: 23 });
    expect([l.items[0]!.clipEnd, l.items[1]!.clipStart, l.items[1]!.inFrames]).toEqual([38, 23, 15]);
  });

  it('a cut has no transition window; a transition longer than its frames allow is cut to them', () => {
    const l = layoutFrames(
      draft(
        [{ d: 1000, tr: { type: 'wipeleft', d: 400 } }, { d: 400, tr: { type: 'cut', d: 300 } }, { d: 1000 }],
        10,
      ),
    );
    expect(l.items[0]!.out?.frames).toBe(4);
    expect(l.items[0]!.out?.start).toBe(8);
    expect(l.items[1]!.out).toBeUndefined();
  });

  it('29.97 fps is the exact fraction 30000/1001', () => {
    expect(fpsFraction(29.97)).toEqual({ num: 30000, den: 1001 });
    expect(fpsFraction(25)).toEqual({ num: 25, den: 1 });
  });
});

describe('frameContents', () => {
  it('gives one item or one transition per frame, with symmetric progress', () => {
    const l = layoutFrames(draft([{ d: 600, tr: { type: 'fade', d: 300 } }, { d: 600 }], 10));
    const c = [...frameContents(l)];
    expect(c).toHaveLength(12);
    expect(c.map((x) => (x.kind === 'item' ? x.item : 't'))).toEqual([
      0,
      0,
      0,
      0,
      0,
      't',
      't',
      't',
      1,
      1,
      1,
      1,
    ]);
    const tr = l.items[0]!.out!;
    expect([5, 6, 7].map((f) => transitionProgress(tr, f))).toEqual([0.25, 0.5, 0.75]);
  });

  it('never has three items at once, even when transitions take whole items', () => {
    const l = layoutFrames(
      draft(
        [
          { d: 500, tr: { type: 'fade', d: 500 } },
          { d: 500, tr: { type: 'fade', d: 500 } },
          { d: 500, tr: { type: 'fade', d: 500 } },
          { d: 500 },
        ],
        30,
      ),
    );
    const kinds = [...frameContents(l)];
    expect(kinds).toHaveLength(60);
    for (let f = 0; f < 60; f++) {
      const on = l.items.filter((it) => it.clipStart <= f && f < it.clipEnd).length;
      expect(on, `frame ${f}`).toBeLessThanOrEqual(2);
    }
  });
});
