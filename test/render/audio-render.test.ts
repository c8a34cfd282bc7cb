/**
 * The sound of whole renders (renderDraft, real ffmpeg): the music's volume is heard against a clip's
 * own sound, and the sound track ends with the picture.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDraft } from '../../src/render/render-draft.ts';
import type { RenderAsset } from '../../src/render/types.ts';
import { audioSamples, toDb } from '../helpers/video.ts';
import { streamFacts, toneLevel } from './encode-helper.ts';
import { clip, solidPhoto, tempDir, tone } from './fixtures.ts';

let dir: string;
let cleanup: () => Promise<void>;
let assets: Record<string, RenderAsset>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('photoreel-audio-render-'));
  const list = [
    await clip(dir, 'clip', 2, { audio: true }), // a 330 Hz tone
    await solidPhoto(dir, 'photo', [40, 120, 200], 320, 180),
    await tone(dir, 'music', 4, 440),
  ];
  assets = Object.fromEntries(list.map((a) => [a.id, a]));
});
afterAll(() => cleanup());

function draft(musicVolume: number, fps = 10) {
  return {
    v: 1,
    w: 160,
    h: 90,
    fps,
    t: [
      {
        tt: 0,
        sg: [
          { src: 'clip', d: 1500 },
          { src: 'photo', d: 1500 },
        ],
      },
      { tt: 1, sg: [{ src: 'music', s: 0, d: 3000, m: { volume: musicVolume, fadeOut: 300 } }] },
    ],
  };
}

describe('sound of a render', () => {
  it('music at 35% is at least 6 dB below music at 100%, and the clip’s sound keeps its level', async () => {
    const out = async (volume: number) => {
      const file = path.join(dir, `music-${volume}.mp4`);
      await renderDraft({ draft: draft(volume), assets, output: file, cacheDir: path.join(dir, 'cache') });
      return audioSamples(file, 0.2, 1);
    };
    const full = await out(1);
    const soft = await out(0.35);
    const drop = toDb(toneLevel(full, 440)) - toDb(toneLevel(soft, 440));
    expect(drop).toBeGreaterThanOrEqual(6);
    expect(Math.abs(toDb(toneLevel(full, 330)) - toDb(toneLevel(soft, 330)))).toBeLessThan(1);
  });

  it('at 29.97 fps the sound track is as long as the picture, to the sample', async () => {
    const file = path.join(dir, 'ntsc.mp4');
    const result = await renderDraft({
      draft: draft(0.5, 29.97),
      assets,
      output: file,
      cacheDir: path.join(dir, 'cache'),
    });
    const facts = await streamFacts(file);
    // 3000 ms at 30000/1001 is 90 frames.
    const video = (90 * 1001) / 30000;
    expect(result.durationMs).toBe(3000);
    expect(facts.video).toBeCloseTo(video, 5);
    expect(Math.abs(facts.audio! - video)).toBeLessThan(0.0001);
  });
});
