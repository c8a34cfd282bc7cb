import { describe, expect, it } from 'vitest';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { summarize } from '../../src/timeline/summary.ts';

describe('one-line summary', () => {
  it('has the shape of the spec', () => {
    const sources = Array.from({ length: 10 }, (_, i) => ({ id: `a_${i}`, kind: 'image' as const }));
    const draft = slideshowDraft(sources, {
      seconds: 3,
      music: { id: 'a_m', volume: 0.35 },
      title: 'Urban Dreams',
    });
    const names = (id: string) =>
      id === 'a_m' ? { name: 'sunny-day.m4a', kind: 'audio' as const } : undefined;
    expect(summarize(draft, names)).toBe(
      'Timeline (3 tracks): 1. Video: 10 photos (0-30s) 2. BGM: sunny-day.m4a (0-30s, 35%) 3. Title: "Urban Dreams" (0-3s)',
    );
  });

  it('counts clips apart from photos and shows fractional seconds', () => {
    const draft = slideshowDraft(
      [
        { id: 'p', kind: 'image' },
        { id: 'c', kind: 'video', durationMs: 2500 },
      ],
      { seconds: 2, transition: 'none' },
    );
    const kinds = (id: string) => ({ name: id, kind: id === 'c' ? ('video' as const) : ('image' as const) });
    expect(summarize(draft, kinds)).toBe('Timeline (1 track): 1. Video: 1 photo, 1 clip (0-4.5s)');
  });

  it('describes an empty draft', () => {
    expect(summarize(slideshowDraft([]))).toBe('Timeline (1 track): 1. Video: 0 photos (0-0s)');
  });
});
