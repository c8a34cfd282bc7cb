import { describe, expect, it } from 'vitest';
import { parsePreset, presetOf } from '../../src/timeline/presets.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { parseDraft } from '../../src/timeline/draft.ts';

describe('presets', () => {
  it.each([
    ['youtube', 1920, 1080],
    ['tiktok', 1080, 1920],
    ['reels', 1080, 1920],
    ['shorts', 1080, 1920],
    ['vertical-720', 720, 1280],
    ['square', 1080, 1080],
    ['instagram', 1080, 1080],
    ['portrait', 1080, 1350],
    ['youtube-4k', 3840, 2160],
    ['vertical-4k', 2160, 3840],
    ['youtube-720p', 1280, 720],
    ['youtube-1440p', 2560, 1440],
    ['portrait-1440', 1440, 1800],
    ['9:16', 1080, 1920],
  ])('%s is %ix%i', (name, w, h) => {
    expect(parsePreset(name)).toMatchObject({ w, h });
  });

  it('refuses names it does not know', () => {
    expect(parsePreset('cinemascope')).toBeUndefined();
  });

  it('names a canvas back', () => {
    expect(presetOf(720, 1280)).toBe('vertical-720');
    expect(presetOf(1440, 2560)).toBe('vertical-1440');
    expect(presetOf(1000, 1000)).toBeUndefined();
  });
});

describe('slideshowDraft', () => {
  it('builds a valid draft with music, title, transitions clamped to short items', () => {
    const draft = slideshowDraft(
      [
        { id: 'a', kind: 'image' },
        { id: 'b', kind: 'video', durationMs: 300 },
        { id: 'c', kind: 'image' },
      ],
      { preset: 'vertical', seconds: 2, transitionMs: 800, music: { id: 'm' }, title: 'Porto' },
    );
    expect(parseDraft(draft)).toEqual(draft);
    expect(draft).toMatchObject({ w: 1080, h: 1920 });
    const items = draft.t[0]?.tt === 0 ? draft.t[0].sg : [];
    expect(items.map((i) => i.m.tr?.d)).toEqual([300, 300, undefined]);
    expect(items[1]?.m.motion?.type).toBe('none');
  });

  it('varies Ken Burns motion from photo to photo, the same way every time', () => {
    const sources = Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, kind: 'image' as const }));
    const motions = (d: ReturnType<typeof slideshowDraft>) =>
      (d.t[0]?.tt === 0 ? d.t[0].sg : []).map((i) => i.m.motion?.type);
    expect(motions(slideshowDraft(sources))).toEqual([
      'zoom-in',
      'pan-right',
      'zoom-out',
      'pan-left',
      'zoom-in',
    ]);
    expect(motions(slideshowDraft(sources, { motion: 'none' }))).toEqual(Array(5).fill('none'));
  });
});
