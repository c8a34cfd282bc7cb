/**
 * The sound as a listener hears it, with real ffmpeg: the draft's music volume is kept relative to
 * the clips' sound, sources of different loudness come out alike, fades are heard, music loops
 * and is cut, and the sound track is exactly as long as the picture.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAudio, type AudioPlanInput } from '../../src/render/audio-plan.ts';
import { measureAudioInput } from '../../src/render/measure-loudness.ts';
import { parseDraft, type Draft, type DraftInput } from '../../src/timeline/draft.ts';
import { audioRms, audioSamples, loudness, toDb } from '../helpers/video.ts';
import { encodeSynthetic, makeTone, makeToneClip, peakDb, streamFacts, toneLevel } from './encode-helper.ts';
import { tempDir } from './fixtures.ts';

const W = 64;
const H = 36;
const FPS30 = { num: 30, den: 1 };
const MUSIC_HZ = 440;
const CLIP_HZ = 1000;

let dir: string;
let cleanup: () => Promise<void>;
let clip: string;
let music: string;
let quietMusic: string;
let shortMusic: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('photoreel-audio-level-'));
  // Sources at very different levels (−28, −16 and −28 LUFS): normalisation must bring them
  // together (each within the largest boost, MAX_BOOST_DB).
  clip = await makeToneClip(path.join(dir, 'clip.mp4'), 3, CLIP_HZ, -6);
  music = await makeTone(path.join(dir, 'music.m4a'), 4, MUSIC_HZ, 6);
  quietMusic = await makeTone(path.join(dir, 'quiet.m4a'), 4, MUSIC_HZ, -6);
  shortMusic = await makeTone(path.join(dir, 'short.m4a'), 1, MUSIC_HZ, 0);
});

afterAll(async () => {
  await cleanup();
});

function draftOf(video: DraftInput['t'][number]['sg'], audio: unknown[], fps = 30): Draft {
  return parseDraft({
    v: 1,
    w: W,
    h: H,
    fps,
    t: [
      { tt: 0, sg: video },
      { tt: 1, sg: audio },
    ],
  });
}

/** Two items of 1.5 s: a clip with its own sound, then a photo; music under both. */
function clipAndMusic(
  musicVolume: number,
  measured: boolean,
  clipVolume = 1,
): Promise<AudioPlanInput> | AudioPlanInput {
  const draft = draftOf(
    [
      { src: 'clip', d: 1500 },
      { src: 'photo', d: 1500 },
    ],
    [{ src: 'music', s: 0, d: 3000, m: { volume: musicVolume } }],
  );
  const input: AudioPlanInput = {
    draft,
    fps: FPS30,
    frames: 90,
    clips: [{ item: 0, path: clip, startFrame: 0, frames: 45, hasAudio: true, volume: clipVolume }],
    music: [{ path: music, durationMs: 4000 }],
    firstInputIndex: 1,
  };
  return measured ? measureAudioInput(input) : input;
}

async function render(input: AudioPlanInput, name: string): Promise<string> {
  const out = path.join(dir, `${name}.mp4`);
  await encodeSynthetic({
    dir,
    w: W,
    h: H,
    fps: input.fps,
    frames: input.frames,
    audio: planAudio(input),
    out,
  });
  return out;
}

describe('music volume against the clips’ sound', () => {
  for (const measured of [true, false]) {
    it(`music at 35% is at least 6 dB quieter than at 100%, the clip’s sound unchanged (${measured ? 'measured gain' : 'loudnorm per source'})`, async () => {
      const loud = await render(await clipAndMusic(1, measured), `full-${measured}`);
      const soft = await render(await clipAndMusic(0.35, measured), `soft-${measured}`);
      // Over the clip (0.2–1.2 s), both sounds play together.
      const a = await audioSamples(loud, 0.2, 1);
      const b = await audioSamples(soft, 0.2, 1);
      const musicDrop = toDb(toneLevel(a, MUSIC_HZ)) - toDb(toneLevel(b, MUSIC_HZ));
      const clipChange = toDb(toneLevel(a, CLIP_HZ)) - toDb(toneLevel(b, CLIP_HZ));
      expect(musicDrop).toBeGreaterThanOrEqual(6);
      expect(musicDrop).toBeLessThan(12);
      expect(Math.abs(clipChange)).toBeLessThan(1);
      // At 100% the music is as loud as the clip (both normalised to the same loudness).
      expect(Math.abs(toDb(toneLevel(a, MUSIC_HZ)) - toDb(toneLevel(a, CLIP_HZ)))).toBeLessThan(2);
    });
  }

  it('music alone at 35% measures about 7 dB below music at 80% (no loudness normalisation of the mix)', async () => {
    const input = (volume: number): Promise<AudioPlanInput> =>
      measureAudioInput({
        draft: draftOf([{ src: 'photo', d: 3000 }], [{ src: 'music', s: 0, d: 3000, m: { volume } }]),
        fps: FPS30,
        frames: 90,
        clips: [],
        music: [{ path: music, durationMs: 4000 }],
        firstInputIndex: 1,
      });
    const at80 = await loudness(await render(await input(0.8), 'alone-80'));
    const at35 = await loudness(await render(await input(0.35), 'alone-35'));
    expect(at80 - at35).toBeGreaterThan(6);
    expect(at80 - at35).toBeLessThan(8.5);
  });

  it('a quiet and a loud music file at the same volume come out equally loud', async () => {
    const input = (file: string): Promise<AudioPlanInput> =>
      measureAudioInput({
        draft: draftOf([{ src: 'photo', d: 3000 }], [{ src: 'music', s: 0, d: 3000, m: { volume: 1 } }]),
        fps: FPS30,
        frames: 90,
        clips: [],
        music: [{ path: file, durationMs: 4000 }],
        firstInputIndex: 1,
      });
    const loudOut = await loudness(await render(await input(music), 'norm-loud'));
    const quietOut = await loudness(await render(await input(quietMusic), 'norm-quiet'));
    // The sources are 12 dB apart; after normalisation they are within 1 LU, near the target.
    expect(Math.abs(loudOut - quietOut)).toBeLessThan(1);
    expect(loudOut).toBeGreaterThan(-18);
    expect(loudOut).toBeLessThan(-14);
  });
});

describe('peaks', () => {
  it('music and clip at 400% are limited below full scale, not clipped', async () => {
    // Summed, the two would peak near +3 dBFS.
    const input = await clipAndMusic(4, true, 4);
    const out = await render(input, 'hot');
    // The limiter holds −1 dBFS; AAC may overshoot it a little, never to full scale.
    expect(await peakDb(out)).toBeLessThan(-0.3);
    // Still far louder than at 100%: the limiter caught the peaks, it did not undo the volume.
    const normal = await render(await clipAndMusic(1, true), 'hot-ref');
    const louder = toDb(toneLevel(await audioSamples(out, 1.6, 1), MUSIC_HZ));
    const ref = toDb(toneLevel(await audioSamples(normal, 1.6, 1), MUSIC_HZ));
    expect(louder - ref).toBeGreaterThan(6);
  });
});

describe('fades, loops and cuts', () => {
  it('fades in and out over the times asked', async () => {
    const input = await measureAudioInput({
      draft: draftOf(
        [{ src: 'photo', d: 3000 }],
        [{ src: 'music', s: 0, d: 3000, m: { fadeIn: 1000, fadeOut: 1000 } }],
      ),
      fps: FPS30,
      frames: 90,
      clips: [],
      music: [{ path: music, durationMs: 4000 }],
      firstInputIndex: 1,
    });
    const out = await render(input, 'fades');
    const first = await audioRms(out, 0, 0.2);
    const middle = await audioRms(out, 1.2, 0.6);
    const last = await audioRms(out, 2.8, 0.2);
    expect(middle).toBeGreaterThan(0.05);
    expect(first / middle).toBeLessThan(0.2);
    expect(last / middle).toBeLessThan(0.2);
    // Half way into the fade-in the level is about half.
    const half = await audioRms(out, 0.45, 0.1);
    expect(half / middle).toBeGreaterThan(0.35);
    expect(half / middle).toBeLessThan(0.65);
  });

  it('a short file loops to the end when `loop`, and stops after one play without', async () => {
    const input = (loop: boolean): AudioPlanInput => ({
      draft: draftOf([{ src: 'photo', d: 3000 }], [{ src: 'music', s: 0, d: 3000, m: { loop } }]),
      fps: FPS30,
      frames: 90,
      clips: [],
      music: [{ path: shortMusic, durationMs: 1000, loudness: -21 }],
      firstInputIndex: 1,
    });
    const looped = await render(input(true), 'looped');
    const once = await render(input(false), 'once');
    const early = await audioRms(looped, 0.2, 0.5);
    expect(early).toBeGreaterThan(0.05);
    expect(await audioRms(looped, 2.2, 0.5)).toBeGreaterThan(early * 0.8);
    expect(await audioRms(once, 0.2, 0.5)).toBeGreaterThan(early * 0.8);
    expect(await audioRms(once, 2.2, 0.5)).toBeLessThan(0.001);
  });

  it('music starting at `s` is silent before it', async () => {
    const out = await render(
      {
        draft: draftOf([{ src: 'photo', d: 3000 }], [{ src: 'music', s: 1500, d: 3000 }]),
        fps: FPS30,
        frames: 90,
        clips: [],
        music: [{ path: music, durationMs: 4000, loudness: -12 }],
        firstInputIndex: 1,
      },
      'late',
    );
    expect(await audioRms(out, 0.2, 1)).toBeLessThan(0.001);
    expect(await audioRms(out, 1.7, 1)).toBeGreaterThan(0.05);
  });
});

describe('the sound track is exactly as long as the picture', () => {
  type Sound = 'long music and a clip' | 'short music, not looped' | 'no sound at all' | 'a clip only';
  const rates: { fps: { num: number; den: number }; draftFps: number; frames: number; sound: Sound }[] = [
    { fps: { num: 30, den: 1 }, draftFps: 30, frames: 91, sound: 'long music and a clip' },
    { fps: { num: 30000, den: 1001 }, draftFps: 29.97, frames: 97, sound: 'short music, not looped' },
    { fps: { num: 24000, den: 1001 }, draftFps: 23.976, frames: 61, sound: 'no sound at all' },
    { fps: { num: 25, den: 1 }, draftFps: 25, frames: 53, sound: 'a clip only' },
  ];
  for (const r of rates) {
    it(`at ${r.fps.num}/${r.fps.den}, ${r.frames} frames, ${r.sound}`, async () => {
      const durationMs = Math.round((r.frames * r.fps.den * 1000) / r.fps.num);
      const withMusic = r.sound === 'long music and a clip' || r.sound === 'short music, not looped';
      const withClip = r.sound === 'long music and a clip' || r.sound === 'a clip only';
      const input: AudioPlanInput = {
        draft: draftOf(
          [{ src: 'photo', d: durationMs }],
          withMusic ? [{ src: 'music', s: 0, d: 10_000, m: { fadeOut: 500 } }] : [],
          r.draftFps,
        ),
        fps: r.fps,
        frames: r.frames,
        clips: withClip
          ? [
              {
                item: 0,
                path: clip,
                startFrame: 0,
                frames: r.frames,
                hasAudio: true,
                volume: 1,
                loudness: -28,
              },
            ]
          : [],
        music: withMusic
          ? [
              r.sound === 'short music, not looped'
                ? { path: shortMusic, durationMs: 1000, loudness: -16 }
                : { path: music, durationMs: 4000, loudness: -16 },
            ]
          : [],
        firstInputIndex: 1,
      };
      const out = await render(input, `length-${r.fps.num}-${r.frames}`);
      const facts = await streamFacts(out);
      const video = (r.frames * r.fps.den) / r.fps.num;
      expect(facts.video).toBeCloseTo(video, 5);
      // Equal to the sample (the old renderer's sound ran 24–37 ms long; a 1/1000 s timescale cuts it short).
      expect(Math.abs(facts.audio! - video)).toBeLessThan(0.0001);
    });
  }

  it('in WebM too: the decoded sound has exactly the samples of the video’s length', async () => {
    const fps = { num: 30000, den: 1001 };
    const frames = 97;
    const input: AudioPlanInput = {
      draft: draftOf(
        [{ src: 'photo', d: 3237 }],
        [{ src: 'music', s: 0, d: 10_000, m: { loop: true } }],
        29.97,
      ),
      fps,
      frames,
      clips: [],
      music: [{ path: shortMusic, durationMs: 1000, loudness: -19 }],
      firstInputIndex: 1,
    };
    const out = path.join(dir, 'length.webm');
    await encodeSynthetic({ dir, w: W, h: H, fps, frames, audio: planAudio(input), format: 'webm', out });
    const facts = await streamFacts(out);
    expect(facts.audioCodec).toBe('opus');
    expect(facts.audioSamples).toBe(Math.round((frames * fps.den * 48000) / fps.num));
  });
});
