import { describe, expect, it } from 'vitest';
import { stillsToPrepare } from '../../src/render/feed-frames.ts';

const photo = { clip: false };
const clip = { clip: true };

describe('stillsToPrepare', () => {
  it('queues the photo on screen before the photos after it', () => {
    // The first frame waits for photo 0: it must not wait for photos 1 and 2 to be decoded first.
    expect(stillsToPrepare([photo, photo, photo, photo], 0)).toEqual([0, 1, 2]);
    expect(stillsToPrepare([photo, photo, photo, photo], 2)).toEqual([2, 3]);
  });

  it('looks two items ahead, skipping clips (decoded by ffmpeg as they play)', () => {
    expect(stillsToPrepare([photo, clip, photo, photo], 0)).toEqual([0, 2]);
    expect(stillsToPrepare([photo], 0)).toEqual([0]);
  });
});
