/**
 * Output formats and quality levels: the arguments as values, and what ffmpeg writes with them
 * (codecs, container, size, frame rate, loops, same bytes twice).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAudio } from '../../src/render/audio-plan.ts';
import {
  checkOutputLength,
  CONTENT_TYPES,
  encoderArgs,
  EXTENSIONS,
  formatFromPath,
  MAX_LOOP_MS,
  OUTPUT_FORMATS,
  outputGeometry,
  parseFormat,
  parseQuality,
  resolveOutputFormat,
  type OutputFormat,
} from '../../src/render/output-format.ts';
import { parseDraft } from '../../src/timeline/draft.ts';
import { rejection } from '../helpers/errors.ts';
import { probe } from '../helpers/video.ts';
import { encodeSynthetic, makeTone, streamFacts } from './encode-helper.ts';
import { tempDir } from './fixtures.ts';

/** The value after `flag` in an argument list. */
function opt(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('names, extensions and types', () => {
  it('knows each format by its extension, in any case', () => {
    expect(formatFromPath('/x/Trip.MP4')).toBe('mp4');
    expect(formatFromPath('a.m4v')).toBe('mp4');
    expect(formatFromPath("Tom's trip.webm")).toBe('webm');
    expect(formatFromPath('a.mov')).toBe('mov');
    expect(formatFromPath('loop.GIF')).toBe('gif');
    expect(formatFromPath('loop.webp')).toBe('webp');
    expect(formatFromPath('a.mkv')).toBeUndefined();
    expect(formatFromPath('noext')).toBeUndefined();
    for (const f of OUTPUT_FORMATS) expect(formatFromPath(`x.${EXTENSIONS[f]}`)).toBe(f);
    expect(CONTENT_TYPES.mov).toBe('video/quicktime');
    expect(CONTENT_TYPES.gif).toBe('image/gif');
  });

  it('reads names and refuses others with BAD_REQUEST naming the offered ones', async () => {
    expect(parseFormat('WebM')).toBe('webm');
    expect(parseQuality(' High ')).toBe('high');
    const e = await rejection(() => parseFormat('avi'));
    expect(e.key).toBe('BAD_REQUEST');
    expect(e.message).toContain('mp4, webm, mov, gif, webp');
    expect((await rejection(() => parseQuality('ultra'))).message).toContain('draft, standard, high');
  });

  it('takes the format from the flag, else the extension, else mp4; a contradiction is an error', async () => {
    expect(resolveOutputFormat('out.webm')).toBe('webm');
    expect(resolveOutputFormat('out')).toBe('mp4');
    expect(resolveOutputFormat('out.mkv', 'mov')).toBe('mov');
    expect(resolveOutputFormat('out.gif', 'GIF')).toBe('gif');
    const e = await rejection(() => resolveOutputFormat('clip.gif', 'webm'));
    expect(e.key).toBe('BAD_REQUEST');
    expect(e.message).toContain('.gif');
    expect(e.message).toContain('webm');
  });

  it('refuses GIF and WebP longer than the loop limit, and nothing else', async () => {
    checkOutputLength('gif', MAX_LOOP_MS);
    checkOutputLength('mp4', 3_600_000);
    const e = await rejection(() => checkOutputLength('webp', MAX_LOOP_MS + 1));
    expect(e.key).toBe('BAD_REQUEST');
    expect(e.message).toContain(`${MAX_LOOP_MS / 1000} s`);
  });
});

describe('encoder arguments', () => {
  const base = { fps: '30/1', w: 1920, h: 1080, audio: true } as const;

  it('standard MP4 is today’s H.264 High CRF 20 veryfast, AAC 48 kHz, faststart, bit-exact', () => {
    const { args, videoFilter } = encoderArgs({ ...base, format: 'mp4', quality: 'standard' });
    expect(videoFilter).toBeUndefined();
    expect(opt(args, '-c:v')).toBe('libx264');
    expect(opt(args, '-profile:v')).toBe('high');
    expect(opt(args, '-preset')).toBe('veryfast');
    expect(opt(args, '-crf')).toBe('20');
    expect(opt(args, '-pix_fmt')).toBe('yuv420p');
    expect(opt(args, '-c:a')).toBe('aac');
    expect(opt(args, '-ar')).toBe('48000');
    expect(opt(args, '-movflags')).toBe('+faststart');
    expect(opt(args, '-fflags')).toBe('+bitexact');
    expect(opt(args, '-map_metadata')).toBe('-1');
    expect(opt(args, '-f')).toBe('mp4');
  });

  it('draft is a faster preset and a higher CRF than high; high is slower and finer than standard', () => {
    const [d, s, h] = (['draft', 'standard', 'high'] as const).map(
      (quality) => encoderArgs({ ...base, format: 'mp4', quality }).args,
    );
    expect(opt(d!, '-preset')).toBe('ultrafast');
    expect(opt(h!, '-preset')).toBe('medium');
    expect(Number(opt(d!, '-crf'))).toBeGreaterThan(Number(opt(s!, '-crf')));
    expect(Number(opt(s!, '-crf'))).toBeGreaterThan(Number(opt(h!, '-crf')));
    const [vd, vs, vh] = (['draft', 'standard', 'high'] as const).map(
      (quality) => encoderArgs({ ...base, format: 'webm', quality }).args,
    );
    expect(opt(vd!, '-deadline')).toBe('realtime');
    expect(Number(opt(vd!, '-cpu-used'))).toBeGreaterThan(Number(opt(vs!, '-cpu-used')));
    expect(opt(vh!, '-deadline')).toBe('good');
    expect(Number(opt(vd!, '-crf'))).toBeGreaterThan(Number(opt(vh!, '-crf')));
  });

  it('WebM is VP9 and Opus with both cores on each frame; no sound means -an', () => {
    const { args } = encoderArgs({ ...base, format: 'webm', quality: 'standard' });
    expect(opt(args, '-c:v')).toBe('libvpx-vp9');
    expect(opt(args, '-c:a')).toBe('libopus');
    expect(opt(args, '-row-mt')).toBe('1');
    expect(opt(args, '-tile-columns')).toBe('2');
    expect(opt(args, '-f')).toBe('webm');
    const silent = encoderArgs({ ...base, format: 'webm', quality: 'standard', audio: false }).args;
    expect(silent).toContain('-an');
    expect(silent).not.toContain('-c:a');
  });

  it('GIF and WebP are smaller and slower than the canvas, without sound; GIF builds a palette', () => {
    expect(outputGeometry('gif', 'standard', 1920, 1080, '30000/1001')).toEqual({
      w: 480,
      h: 270,
      fps: '15/1',
    });
    expect(outputGeometry('webp', 'high', 1080, 1920, '30/1')).toEqual({ w: 608, h: 1080, fps: '30/1' });
    expect(outputGeometry('gif', 'draft', 200, 100, '8/1')).toEqual({ w: 200, h: 100, fps: '8/1' });
    expect(outputGeometry('mp4', 'draft', 1920, 1080, '30/1')).toEqual({ w: 1920, h: 1080, fps: '30/1' });
    const gif = encoderArgs({ ...base, format: 'gif', quality: 'standard' });
    expect(gif.videoFilter).toMatch(/^fps=15\/1,scale=480:270:flags=lanczos,split.*palettegen.*paletteuse/);
    expect(gif.args).toContain('-an');
    expect(opt(gif.args, '-loop')).toBe('0');
    const webp = encoderArgs({ ...base, format: 'webp', quality: 'standard' });
    expect(webp.videoFilter).toBe('fps=20/1,scale=720:406:flags=lanczos');
    expect(opt(webp.args, '-c:v')).toBe('libwebp_anim');
    expect(webp.args).not.toContain('-c:a');
  });
});

describe('what ffmpeg writes', () => {
  const W = 320;
  const H = 180;
  const FPS = { num: 30, den: 1 };
  const FRAMES = 45;
  let dir: string;
  let cleanup: () => Promise<void>;
  let music: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('photoreel-formats-'));
    music = await makeTone(path.join(dir, 'music.m4a'), 3, 440);
  });
  afterAll(async () => {
    await cleanup();
  });

  function sound() {
    return planAudio({
      draft: parseDraft({
        v: 1,
        w: W,
        h: H,
        fps: 30,
        t: [
          { tt: 0, sg: [{ src: 'p', d: 1500 }] },
          { tt: 1, sg: [{ src: 'm', s: 0, d: 1500 }] },
        ],
      }),
      fps: FPS,
      frames: FRAMES,
      clips: [],
      music: [{ path: music, durationMs: 3000, loudness: -18 }],
      firstInputIndex: 1,
    });
  }

  async function write(format: OutputFormat, quality: 'draft' | 'standard' | 'high', name: string = format) {
    const out = path.join(dir, `${name}-${quality}.${EXTENSIONS[format]}`);
    const audio = format === 'gif' || format === 'webp' ? undefined : sound();
    await encodeSynthetic({ dir, w: W, h: H, fps: FPS, frames: FRAMES, audio, format, quality, out });
    return out;
  }

  const expected: Record<OutputFormat, { container: string; video: string; audio?: string }> = {
    mp4: { container: 'mov,mp4', video: 'h264', audio: 'aac' },
    mov: { container: 'mov,mp4', video: 'h264', audio: 'aac' },
    webm: { container: 'matroska,webm', video: 'vp9', audio: 'opus' },
    gif: { container: 'gif', video: 'gif' },
    webp: { container: 'webp', video: 'webp' },
  };

  it('standard mp4 is H.264 High', async () => {
    expect((await probe(await write('mp4', 'standard'))).video?.profile).toBe('High');
  });

  for (const format of ['mp4', 'mov', 'webm'] as const) {
    it(`${format}: ${expected[format].video} + ${expected[format].audio}, full size, every frame, same bytes twice`, async () => {
      const out = await write(format, 'draft');
      const p = await probe(out);
      expect(p.format.startsWith(expected[format].container)).toBe(true);
      expect(p.video?.codec).toBe(expected[format].video);
      expect(p.video?.pixFmt).toBe('yuv420p');
      expect([p.video?.width, p.video?.height]).toEqual([W, H]);
      expect(p.video?.frames).toBe(FRAMES);
      expect(p.audio?.codec).toBe(expected[format].audio);
      expect(p.audio?.sampleRate).toBe(48000);
      expect(p.audio?.channels).toBe(2);
      if (format !== 'webm') {
        // The file type box tells MP4 from QuickTime.
        const brand = (await readFile(out)).subarray(8, 12).toString('latin1');
        expect(brand).toBe(format === 'mov' ? 'qt  ' : 'isom');
      }
      const again = await write(format, 'draft', `${format}-again`);
      expect((await readFile(again)).equals(await readFile(out))).toBe(true);
    });
  }

  it('mp4 draft is written with less effort and a coarser quantiser than high (x264’s own record in the file)', async () => {
    const settings = async (quality: 'draft' | 'high'): Promise<Record<string, string>> => {
      const bytes = await readFile(await write('mp4', quality));
      const text = /x264 - core[^\0]*?options: ([^\0]*)/.exec(bytes.toString('latin1'))?.[1] ?? '';
      return Object.fromEntries(text.split(' ').map((kv) => kv.split('=') as [string, string]));
    };
    const draft = await settings('draft');
    const high = await settings('high');
    expect(Number(draft.crf)).toBeGreaterThan(Number(high.crf) + 5);
    expect(Number(draft.subme)).toBeLessThan(Number(high.subme));
    expect(draft.me).toBe('dia');
    expect(Number(draft.ref)).toBeLessThan(Number(high.ref));
    expect(high.cabac).toBe('1');
  });

  it('gif: an animated GIF that loops, at the capped size and rate, no sound, same bytes twice', async () => {
    const out = await write('gif', 'draft');
    const p = await probe(out);
    expect(p.format).toBe('gif');
    expect(p.video?.codec).toBe('gif');
    expect([p.video?.width, p.video?.height]).toEqual([320, 180]);
    expect(p.video?.frames).toBe(15); // 1.5 s at 10 fps
    expect(p.audio).toBeUndefined();
    const bytes = await readFile(out);
    expect(bytes.includes(Buffer.from('NETSCAPE2.0'))).toBe(true); // the loop block
    const again = await write('gif', 'draft', 'gif-again');
    expect((await readFile(again)).equals(bytes)).toBe(true);
  });

  it('webp: an animated WebP that loops, no sound, same bytes twice', async () => {
    const out = await write('webp', 'draft');
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(bytes.includes(Buffer.from('ANIM'))).toBe(true);
    expect(bytes.includes(Buffer.from('ANMF'))).toBe(true);
    // 1.5 s at 12 fps: one ANMF chunk a frame.
    expect(bytes.toString('latin1').split('ANMF').length - 1).toBe(18);
    const facts = await streamFacts(out);
    expect(facts.audioCodec).toBeUndefined();
    const again = await write('webp', 'draft', 'webp-again');
    expect((await readFile(again)).equals(bytes)).toBe(true);
  });
});
