/** The sound plan as values: sample maths, the order of the steps, inputs. (audio-level.test.ts listens to it.) */
import { describe, expect, it } from 'vitest';
import {
  frameToSamples,
  LIMIT,
  MAX_BOOST_DB,
  normalisingGainDb,
  planAudio,
  TARGET_LUFS,
  type AudioPlanInput,
} from '../../src/render/audio-plan.ts';
import { parseIntegratedLoudness } from '../../src/render/measure-loudness.ts';
import { parseDraft } from '../../src/timeline/draft.ts';

function input(over: Partial<AudioPlanInput> = {}, audio: unknown[] = [], video?: unknown[]): AudioPlanInput {
  return {
    draft: parseDraft({
      v: 1,
      w: 640,
      h: 360,
      fps: 30,
      t: [
        {
          tt: 0,
          sg: video ?? [
            { src: 'p1', d: 2000 },
            { src: 'c1', d: 2000, m: { from: 1500, volume: 0.5 } },
          ],
        },
        { tt: 1, sg: audio },
      ],
    }),
    fps: { num: 30, den: 1 },
    frames: 120,
    clips: [],
    music: [],
    firstInputIndex: 1,
    ...over,
  };
}

/** The graph line that makes `label`. */
function line(filter: string, label: string): string {
  const found = filter.split(';\n').find((l) => l.endsWith(label));
  if (!found) throw new Error(`no line makes ${label} in\n${filter}`);
  return found;
}

describe('sample maths', () => {
  it('counts samples of frames exactly, NTSC rates included', () => {
    expect(frameToSamples(30, { num: 30, den: 1 })).toBe(48000);
    expect(frameToSamples(100, { num: 30000, den: 1001 })).toBe(160160);
    expect(frameToSamples(1, { num: 30000, den: 1001 })).toBe(1602); // 1601.6
    expect(frameToSamples(3, { num: 24000, den: 1001 })).toBe(6006);
  });

  it('brings every source to the target, within the caps; silence keeps its level', () => {
    expect(normalisingGainDb(-10)).toBe(TARGET_LUFS + 10);
    expect(normalisingGainDb(-20)).toBe(TARGET_LUFS + 20);
    expect(normalisingGainDb(-45)).toBe(MAX_BOOST_DB);
    expect(normalisingGainDb(-65)).toBe(0);
    expect(normalisingGainDb(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it('reads the integrated loudness of ebur128’s summary', () => {
    const log =
      '[Parsed_ebur128_2 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -15.8 LUFS\n    Threshold: -25.8 LUFS\n';
    expect(parseIntegratedLoudness(log)).toBe(-15.8);
    expect(parseIntegratedLoudness(log.replace('-15.8 LUFS', '-70.0 LUFS'))).toBeUndefined();
    expect(parseIntegratedLoudness('no summary')).toBeUndefined();
  });
});

describe('planAudio', () => {
  it('is exact-length silence when nothing sounds, and nothing for no frames', () => {
    const plan = planAudio(input())!;
    expect(plan.inputArgs).toEqual([]);
    expect(plan.label).toBe('[aout]');
    expect(plan.samples).toBe(192000);
    expect(plan.filter).toBe(
      'anullsrc=r=48000:cl=stereo,atrim=end_sample=192000,aformat=sample_fmts=fltp:channel_layouts=stereo[aout]',
    );
    expect(planAudio(input({ frames: 0 }))).toBeUndefined();
  });

  it('normalises each source, then fades, then the user’s volume; the mix is only limited and cut', () => {
    const plan = planAudio(
      input(
        {
          clips: [
            {
              item: 1,
              path: '/c.mp4',
              startFrame: 60,
              frames: 60,
              hasAudio: true,
              volume: 0.5,
              loudness: -26,
            },
          ],
          music: [{ path: '/m.mp3', durationMs: 60_000, loudness: -9 }],
        },
        [{ src: 'm', s: 0, d: 4000, m: { volume: 0.35, fadeIn: 500, fadeOut: 1000 } }],
      ),
    )!;
    const music = line(plan.filter, '[am0]');
    // −9 LUFS → −7 dB to the target, then the fades, then 35%.
    expect(music).toBe(
      '[2:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,asetpts=N/SR/TB,' +
        'atrim=end_sample=192000,volume=-7dB,apad=whole_len=192000,atrim=end_sample=192000,' +
        'afade=t=in:ss=0:ns=24000,afade=t=out:ss=144000:ns=48000,volume=0.35[am0]',
    );
    const clip = line(plan.filter, '[ac1]');
    expect(clip.indexOf('volume=10dB')).toBeLessThan(clip.indexOf('volume=0.5'));
    expect(clip).toContain('adelay=delays=96000S:all=1');
    const mix = line(plan.filter, '[aout]');
    expect(mix).toBe(
      `[ac1][am0]amix=inputs=2:duration=longest:dropout_transition=0:normalize=0,` +
        `alimiter=limit=${LIMIT}:attack=5:release=50:level=0:latency=1,` +
        'apad=whole_len=192000,atrim=end_sample=192000,aformat=sample_fmts=fltp:channel_layouts=stereo[aout]',
    );
    // Nothing after the volumes evens levels out again.
    expect(mix).not.toMatch(/loudnorm|dynaudnorm|speechnorm/);
    expect(plan.samples).toBe(192000);
  });

  it('uses loudnorm on a source alone when its loudness was not measured', () => {
    const plan = planAudio(
      input({ music: [{ path: '/m.mp3' }] }, [{ src: 'm', s: 0, d: 4000, m: { volume: 0.5 } }]),
    )!;
    const music = line(plan.filter, '[am0]');
    expect(music).toMatch(/loudnorm=I=-16:[^,]*,aresample=48000,aformat=[^,]*,apad.*volume=0\.5\[am0\]$/);
    expect(line(plan.filter, '[aout]')).not.toContain('loudnorm');
  });

  it('numbers inputs from firstInputIndex: clips by time, then music in draft order', () => {
    const plan = planAudio(
      input(
        {
          firstInputIndex: 3,
          clips: [
            { item: 1, path: '/b.mp4', startFrame: 60, frames: 60, hasAudio: true, volume: 1 },
            { item: 0, path: '/a.mp4', startFrame: 0, frames: 60, hasAudio: true, volume: 1 },
          ],
          music: [{ path: '/m1.mp3' }, { path: '/m2.mp3' }],
        },
        [
          { src: 'm1', s: 0, d: 2000 },
          { src: 'm2', s: 2000, d: 2000 },
        ],
      ),
    )!;
    expect(plan.inputArgs.filter((a) => a.startsWith('/'))).toEqual([
      '/a.mp4',
      '/b.mp4',
      '/m1.mp3',
      '/m2.mp3',
    ]);
    expect(line(plan.filter, '[ac0]')).toMatch(/^\[3:a\]/);
    expect(line(plan.filter, '[ac1]')).toMatch(/^\[4:a\]/);
    expect(line(plan.filter, '[am0]')).toMatch(/^\[5:a\]/);
    expect(line(plan.filter, '[am1]')).toMatch(/^\[6:a\].*adelay=delays=96000S:all=1\[am1\]$/);
  });

  it('reads a clip from its `from`, for as long as it is on screen, and fades it over its transitions', () => {
    const plan = planAudio(
      input({
        clips: [
          {
            item: 1,
            path: '/c.mp4',
            startFrame: 52,
            frames: 68,
            hasAudio: true,
            volume: 0.5,
            fadeInFrames: 15,
            loudness: -16,
          },
        ],
      }),
    )!;
    expect(plan.inputArgs).toEqual(['-ss', '1.500000', '-t', '3.266667', '-i', '/c.mp4']);
    const clip = line(plan.filter, '[ac1]');
    expect(clip).toContain('atrim=end_sample=108800'); // 68 frames
    expect(clip).toContain('afade=t=in:ss=0:ns=24000');
    expect(clip).not.toContain('afade=t=out');
    expect(clip).not.toMatch(/volume=[-\d.]+dB/); // already at the target
    expect(clip).toContain('adelay=delays=83200S:all=1');
  });

  it('skips muted, soundless and out-of-range sources but keeps the music numbering', () => {
    const plan = planAudio(
      input(
        {
          clips: [
            { item: 0, path: '/mute.mp4', startFrame: 0, frames: 60, hasAudio: true, volume: 0 },
            { item: 1, path: '/gif.gif', startFrame: 60, frames: 60, hasAudio: false, volume: 1 },
          ],
          music: [{ path: '/late.mp3' }, { path: '/quiet.mp3' }, { path: '/m.mp3', loudness: -16 }],
        },
        [
          { src: 'late', s: 5000, d: 2000 },
          { src: 'quiet', s: 0, d: 2000, m: { volume: 0 } },
          { src: 'm', s: 0, d: 9000, m: { loop: true } },
        ],
      ),
    )!;
    expect(plan.inputArgs).toEqual(['-stream_loop', '-1', '-i', '/m.mp3']);
    // Looped music is cut at the video's end (4 s), the single source goes straight to the limiter.
    expect(line(plan.filter, '[am2]')).toMatch(/^\[1:a\].*atrim=end_sample=192000/);
    expect(line(plan.filter, '[aout]')).toMatch(/^\[am2\]alimiter=/);
  });

  it('cuts music that is not looped at the file’s end, and fades it out where it is cut', () => {
    const plan = planAudio(
      input({ music: [{ path: '/m.mp3', durationMs: 2500, loudness: -16 }] }, [
        { src: 'm', s: 0, d: 9000, m: { fadeOut: 500 } },
      ]),
    )!;
    const music = line(plan.filter, '[am0]');
    expect(music).toContain('atrim=end_sample=120000');
    expect(music).toContain('afade=t=out:ss=96000:ns=24000');
  });

  it('gives the same plan for the same input', () => {
    const make = (): AudioPlanInput =>
      input(
        {
          clips: [{ item: 1, path: '/c.mp4', startFrame: 60, frames: 60, hasAudio: true, volume: 0.5 }],
          music: [{ path: '/m.mp3', loudness: -12.3 }],
        },
        [{ src: 'm', s: 250, d: 4000, m: { volume: 0.35, loop: true } }],
      );
    expect(planAudio(make())).toEqual(planAudio(make()));
  });
});
