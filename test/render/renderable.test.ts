import { describe, expect, it } from 'vitest';
import { isPhotoreelError } from '../../src/errors.ts';
import type { MediaInfo } from '../../src/media/types.ts';
import { checkRenderable, type AssetLookup } from '../../src/render/renderable.ts';
import { parseDraft, type Draft } from '../../src/timeline/draft.ts';

const media: Record<string, Pick<MediaInfo, 'kind' | 'hasAudio'>> = {
  photo: { kind: 'image' },
  clip: { kind: 'video', hasAudio: true },
  silent: { kind: 'video', hasAudio: false },
  song: { kind: 'audio' },
};
const lookup: AssetLookup = (id) => media[id];

function draft(video: string[], audio: string[] = []): Draft {
  return parseDraft({
    v: 1,
    w: 640,
    h: 360,
    fps: 30,
    t: [
      { tt: 0, sg: video.map((src) => ({ src, d: 2000, m: {} })) },
      ...(audio.length ? [{ tt: 1, sg: audio.map((src) => ({ src, s: 0, d: 2000, m: {} })) }] : []),
    ],
    m: {},
  });
}

function failure(f: () => void): { key: string; message: string; details: unknown } {
  try {
    f();
  } catch (e) {
    if (isPhotoreelError(e)) return { key: e.key, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('checkRenderable: one check for saving, editing, exporting and rendering a draft', () => {
  it('accepts photos and clips on the video track and sounds (or clips with sound) on audio tracks', () => {
    expect(() => checkRenderable(draft(['photo', 'clip', 'silent'], ['song', 'clip']), lookup)).not.toThrow();
  });

  it("names the item whose media is not this session's", () => {
    const f = failure(() => checkRenderable(draft(['photo', 'other']), lookup));
    expect(f.key).toBe('MEDIA_NOT_FOUND');
    expect(f.message).toContain('t[0].sg[1]');
    expect(f.details).toMatchObject({ path: ['t', '0', 'sg', '1', 'src'], asset: 'other' });
  });

  it('refuses a sound on the video track and a picture or a silent clip on an audio track', () => {
    expect(failure(() => checkRenderable(draft(['song']), lookup)).key).toBe('DRAFT_INVALID');
    const photo = failure(() => checkRenderable(draft(['photo'], ['photo']), lookup));
    expect(photo.key).toBe('DRAFT_INVALID');
    expect(photo.message).toContain('t[1].sg[0]');
    expect(failure(() => checkRenderable(draft(['photo'], ['silent']), lookup)).key).toBe('DRAFT_INVALID');
  });

  it('an export needs something to show; a draft being edited may be empty', () => {
    expect(() => checkRenderable(draft([]), lookup)).not.toThrow();
    expect(failure(() => checkRenderable(draft([]), lookup, { requireVideo: true })).key).toBe(
      'DRAFT_INVALID',
    );
  });

  it('an edit is judged on what it brings: media the draft already drew is accepted as it is', () => {
    expect(() =>
      checkRenderable(draft(['gone', 'photo']), lookup, { known: new Set(['gone']) }),
    ).not.toThrow();
    expect(
      failure(() => checkRenderable(draft(['gone', 'new']), lookup, { known: new Set(['gone']) })).key,
    ).toBe('MEDIA_NOT_FOUND');
  });
});
