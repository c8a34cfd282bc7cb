import { describe, expect, it } from 'vitest';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { parseDraft, videoTrack } from '../../src/timeline/draft.ts';
import { itemAt, itemTimings, totalFrames, totalMs, transitionTimings } from '../../src/timeline/timing.ts';

const photos = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a_${i}`, kind: 'image' as const }));

describe('timing', () => {
  it('10 photos at 3 seconds is a 30-second video, transitions included', () => {
    const draft = slideshowDraft(photos(10), { seconds: 3, transition: 'fade', transitionMs: 500 });
    expect(totalMs(draft)).toBe(30_000);
    expect(totalFrames(draft)).toBe(900);
  });

  it('items start where the previous ones end', () => {
    expect(itemTimings([{ d: 1000 }, { d: 2500 }, { d: 500 }])).toEqual([
      { index: 0, start: 0, end: 1000 },
      { index: 1, start: 1000, end: 3500 },
      { index: 2, start: 3500, end: 4000 },
    ]);
  });

  it('a transition is centred on its cut', () => {
    const draft = slideshowDraft(photos(3), { seconds: 2, transitionMs: 500 });
    const items = videoTrack(draft)?.sg ?? [];
    expect(transitionTimings(items)).toEqual([
      { index: 0, cut: 2000, start: 1750, end: 2250, d: 500 },
      { index: 1, cut: 4000, start: 3750, end: 4250, d: 500 },
    ]);
  });

  it('cuts and a stray transition on the last item do not blend', () => {
    const draft = parseDraft({
      v: 1,
      w: 640,
      h: 360,
      fps: 25,
      t: [
        {
          tt: 0,
          sg: [
            { src: 'a', d: 1000, m: { tr: { type: 'cut', d: 0 } } },
            { src: 'b', d: 1000, m: { tr: { type: 'fade', d: 400 } } },
          ],
        },
      ],
    });
    expect(transitionTimings(videoTrack(draft)?.sg ?? [])).toEqual([]);
  });

  it('tells which item is on screen', () => {
    const draft = slideshowDraft(photos(3), { seconds: 2 });
    expect([0, 1999, 2000, 5999, 6000].map((t) => itemAt(draft, t))).toEqual([0, 0, 1, 2, -1]);
  });
});
