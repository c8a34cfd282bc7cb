import { describe, expect, it } from 'vitest';
import { clipDecodeArgs } from '../../src/render/clip-frames.ts';
import { encodeArgs, type EncodeInput } from '../../src/render/encode-args.ts';
import { parseDraft, type DraftInput } from '../../src/timeline/draft.ts';

/**
 * Golden files for the assembly only: the one ffmpeg run of a render (raw frames on stdin, the sound
 * sources, the mix, the codec) and a clip's decode. The sections have their own exact tests
 * (layout, motion, audio plan, output formats).
 */
function draft(extra: unknown[] = []): ReturnType<typeof parseDraft> {
  return parseDraft({
    v: 1,
    w: 320,
    h: 180,
    fps: 10,
    t: [
      {
        tt: 0,
        sg: [
          { src: 'p0', d: 1000, m: { tr: { type: 'fade', d: 400 } } },
          { src: 'clip', d: 1000, m: { volume: 0.5, from: 500 } },
        ],
      },
      ...extra,
    ],
    m: { seed: 'golden' },
  } as DraftInput);
}

const clip = {
  item: 1,
  path: "/media/Tom's clip.mp4",
  startFrame: 8,
  frames: 12,
  hasAudio: true,
  volume: 0.5,
  fadeInFrames: 4,
  fadeOutFrames: 0,
  loudness: -20,
};

function args(o: Partial<EncodeInput> & { draft: EncodeInput['draft'] }): string {
  return encodeArgs({
    fps: { num: 10, den: 1 },
    frames: 20,
    audio: { clips: [], music: [] },
    format: 'mp4',
    quality: 'standard',
    output: '/out/.video.mp4.partial',
    ...o,
  }).join('\n');
}

describe('the ffmpeg run of a render', () => {
  it('mp4 with a clip and music', async () => {
    const d = draft([
      { tt: 1, sg: [{ src: 'music', s: 0, d: 2000, m: { volume: 0.35, loop: true, fadeOut: 500 } }] },
    ]);
    const text = args({
      draft: d,
      audio: { clips: [clip], music: [{ path: '/media/music.m4a', durationMs: 1200, loudness: -12 }] },
    });
    await expect(text + '\n').toMatchFileSnapshot('golden/encode-mp4.txt');
  });

  it('silent mp4: an exact-length silent track', async () => {
    await expect(args({ draft: draft() }) + '\n').toMatchFileSnapshot('golden/encode-silent.txt');
  });

  it('gif: the loop filter on the frames, no sound', async () => {
    const text = args({ draft: draft(), format: 'gif', audio: { clips: [clip], music: [] } });
    expect(text).not.toContain('-c:a');
    await expect(text + '\n').toMatchFileSnapshot('golden/encode-gif.txt');
  });
});

describe("a clip's decode", () => {
  it('fits, conforms the frame rate and delivers exactly its frames', async () => {
    const text = clipDecodeArgs({
      path: "/media/Tom's clip.mp4",
      fromMs: 500,
      frames: 12,
      fit: 'blur',
      gif: false,
      w: 320,
      h: 180,
      fps: { num: 30000, den: 1001 },
    }).join('\n');
    await expect(text + '\n').toMatchFileSnapshot('golden/clip-decode.txt');
  });
});
