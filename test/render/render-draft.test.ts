import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDraft, type RenderDraftOptions } from '../../src/render/render-draft.ts';
import type { RenderAsset } from '../../src/render/types.ts';
import { TARGET_LUFS } from '../../src/render/audio-plan.ts';
import { TRANSITIONS } from '../../src/timeline/transitions.ts';
import {
  audioRms,
  colorDistance,
  frameAt,
  frameDifference,
  frameHashes,
  loudness,
  meanColor,
  probe,
} from '../helpers/video.ts';
import { assetMap, clip, COLORS, imageAsset, photoDraft, solidPhoto, tempDir, tone } from './fixtures.ts';
import { rejection } from '../helpers/errors.ts';

const run = promisify(execFile);
let dir = '';
let cleanup: () => Promise<void> = async () => {};
let assets: Record<string, RenderAsset> = {};
let outCount = 0;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const photos = await Promise.all(COLORS.map((c, i) => solidPhoto(dir, `p${i}`, c)));
  const music = await tone(dir, 'music', 1.2);
  const sound = await clip(dir, 'clip', 3, { audio: true, color: 'gray' });
  assets = assetMap([...photos, music, sound]);
});
afterAll(() => cleanup());

async function render(draft: unknown, extra: Partial<RenderDraftOptions> = {}): Promise<string> {
  const output = path.join(dir, 'out', `video-${++outCount}.mp4`);
  await renderDraft({ draft, assets, output, cacheDir: path.join(dir, 'cache'), ...extra });
  return output;
}

describe('renderDraft', () => {
  it('writes the exact size, frame rate and frame count, with High-profile H.264 and a silent AAC track', async () => {
    const draft = photoDraft(['p0', 'p1', 'p2'], { fps: 12 });
    const t = (draft.t[0] as { sg: { d: number }[] }).sg;
    t[0]!.d = 1234;
    t[1]!.d = 777;
    t[2]!.d = 1500;
    const out = await render(draft);
    const info = await probe(out);
    expect(info.video).toMatchObject({
      codec: 'h264',
      profile: 'High',
      width: 320,
      height: 180,
      pixFmt: 'yuv420p',
      fps: 12,
    });
    expect(info.video!.frames).toBe(Math.round((3511 * 12) / 1000));
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
    // The sound track is exactly as long as the picture (to the millisecond), not an AAC frame more.
    expect(Math.abs(info.audio!.duration - info.video!.duration)).toBeLessThanOrEqual(0.001);
    expect(await audioRms(out, 0.5, 2)).toBeLessThan(0.001);
  });

  it('shows the photos in order, each in its own window', async () => {
    const ids = ['p0', 'p1', 'p2', 'p3', 'p4'];
    const out = await render(photoDraft(ids, { ms: 800 }));
    for (let i = 0; i < ids.length; i++) {
      const frame = await frameAt(out, i * 0.8 + 0.4);
      expect(colorDistance(meanColor(frame), COLORS[i]!), `photo ${i}`).toBeLessThan(20);
    }
  });

  it('blends the two photos at the middle of a transition and keeps the length', async () => {
    const out = await render(photoDraft(['p0', 'p2'], { tr: { type: 'fade', d: 600 } }));
    expect((await probe(out)).video!.frames).toBe(20);
    const mid = meanColor(await frameAt(out, 1.0));
    const a = COLORS[0]!;
    const b = COLORS[2]!;
    const blend = a.map((v, i) => (v + b[i]!) / 2);
    expect(colorDistance(mid, blend)).toBeLessThan(40);
    expect(colorDistance(mid, a)).toBeGreaterThan(50);
    expect(colorDistance(mid, b)).toBeGreaterThan(50);
    // Before and after the transition: pure photos.
    expect(colorDistance(meanColor(await frameAt(out, 0.3)), a)).toBeLessThan(20);
    expect(colorDistance(meanColor(await frameAt(out, 1.8)), b)).toBeLessThan(20);
  });

  it('renders every named transition, random and cut, to the exact length', async () => {
    const types = [...TRANSITIONS, 'random', 'cut'];
    const ids = Array.from({ length: types.length + 1 }, (_, i) => `p${i % 5}`);
    const draft = photoDraft(ids, { ms: 400 });
    (draft.t[0] as { sg: { m: Record<string, unknown> }[] }).sg.forEach((item, i) => {
      if (i < types.length) item.m.tr = { type: types[i], d: 200 };
    });
    const out = await render(draft);
    expect((await probe(out)).video!.frames).toBe(ids.length * 4);
  });

  it('draws text, and any text renders literally without breaking the graph', async () => {
    const base = photoDraft(['p2'], { ms: 1000 });
    const hostile =
      'It\'s "quoted": 100% \\ back\\slash %{pts} %{eif:1:d} [x],y;z $HOME `ls`\nline two 中文 Ελληνικά Привет 😀';
    const withText = {
      ...base,
      t: [...base.t, { tt: 7, sg: [{ text: hostile, s: 0, d: 1000, m: { pos: 'center', size: 0.1 } }] }],
    };
    const plain = await render(base);
    const texted = await render(withText);
    expect((await probe(texted)).video!.frames).toBe(10);
    const region = { x: 0.05, y: 0.3, w: 0.9, h: 0.4 };
    const a = await frameAt(plain, 0.5);
    const b = await frameAt(texted, 0.5);
    expect(frameDifference(a, b, region)).toBeGreaterThan(3);
    // Outside the text block the picture is unchanged.
    expect(frameDifference(a, b, { x: 0, y: 0, w: 1, h: 0.1 })).toBeLessThan(1);
  });

  it('keeps long titles inside a vertical frame: sized by the shorter side, wrapped, shrunk', async () => {
    const base = photoDraft(['p2'], { w: 360, h: 640, ms: 2000 });
    const titles = [
      { text: 'Hello: 100% "test"', s: 0, d: 1000, m: { pos: 'center', size: 0.08 } },
      {
        text: 'A very long title about our summer holiday in the mountains 夏天的山里度假回忆 Supercalifragilistic',
        s: 1000,
        d: 1000,
        m: { pos: 'top', size: 0.12 },
      },
    ];
    const plain = await render(base);
    const texted = await render({ ...base, t: [...base.t, { tt: 7, sg: titles }] });
    for (const t of [0.5, 1.5]) {
      const a = await frameAt(plain, t);
      const b = await frameAt(texted, t);
      const changed = (x: number, y: number): boolean => {
        const i = (y * a.width + x) * 3;
        return [0, 1, 2].some((c) => Math.abs(a.data[i + c]! - b.data[i + c]!) > 40);
      };
      // The title band: the rows the text changed.
      const rows = Array.from({ length: a.height }, (_, y) => y).filter((y) =>
        Array.from({ length: a.width }, (_, x) => x).some((x) => changed(x, y)),
      );
      expect(rows.length, `text drawn at ${t} s`).toBeGreaterThan(10);
      const edge = Math.ceil(a.width * 0.03);
      let outside = 0;
      for (const y of rows) {
        for (let x = 0; x < edge; x++) if (changed(x, y) || changed(a.width - 1 - x, y)) outside++;
      }
      expect(outside, `text pixels in the side 3% at ${t} s`).toBe(0);
    }
  });

  it('plays music, fading out at the end of the video, at the normalised level times its volume', async () => {
    const draft = photoDraft(['p0', 'p1', 'p2', 'p3'], { ms: 1000 });
    (draft.t as unknown[]).push({
      tt: 1,
      sg: [{ src: 'music', s: 0, d: 4000, m: { loop: true, fadeIn: 100, fadeOut: 1000, volume: 0.8 } }],
    });
    const out = await render(draft);
    const middle = await audioRms(out, 1.2, 1.2);
    const end = await audioRms(out, 3.7, 0.3);
    expect(middle).toBeGreaterThan(0.05);
    expect(end).toBeLessThan(middle * 0.35);
    // The music bed is normalised to TARGET_LUFS, then the draft's volume (0.8) applies.
    const lufs = await loudness(out);
    const expected = TARGET_LUFS + 20 * Math.log10(0.8);
    expect(Math.abs(lufs - expected), `${lufs} LUFS, expected about ${expected.toFixed(1)}`).toBeLessThan(
      1.5,
    );
  });

  it("mixes a clip's own sound in its window, and mutes it at volume 0", async () => {
    const draft = photoDraft(['p0', 'clip', 'p1'], { ms: 1000 });
    const out = await render(draft);
    expect(await audioRms(out, 1.2, 0.6)).toBeGreaterThan(0.05);
    expect(await audioRms(out, 0.1, 0.6)).toBeLessThan(0.01);
    expect(await audioRms(out, 2.3, 0.6)).toBeLessThan(0.01);
    (draft.t[0] as { sg: { m: Record<string, unknown> }[] }).sg[1]!.m.volume = 0;
    const muted = await render(draft);
    expect(await audioRms(muted, 1.2, 0.6)).toBeLessThan(0.001);
  });

  it('plays an animated GIF as a clip, looping within its item', async () => {
    const gif = path.join(dir, 'anim.gif');
    // A hue cycle of 0.6 s: half a loop later the colour is opposite, one loop later it is back.
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=160x120:r=10:d=0.6,hue=H=2*PI*t/0.6',
      '-loop',
      '0',
      gif,
    ]);
    const anim: RenderAsset = {
      id: 'anim',
      path: gif,
      info: {
        kind: 'image',
        mime: 'image/gif',
        ext: 'gif',
        size: 1,
        width: 160,
        height: 120,
        animated: true,
        durationMs: 600,
      },
    };
    const out = await renderDraft({
      draft: photoDraft(['p0', 'anim'], { ms: 1500 }),
      assets: { ...assets, anim },
      output: path.join(dir, 'out', 'gif.mp4'),
      cacheDir: path.join(dir, 'cache'),
    });
    expect((await probe(out.output)).video!.frames).toBe(30);
    const a = meanColor(await frameAt(out.output, 1.55));
    const half = meanColor(await frameAt(out.output, 1.85));
    const loop = meanColor(await frameAt(out.output, 2.15));
    expect(colorDistance(a, half)).toBeGreaterThan(60);
    expect(colorDistance(a, loop)).toBeLessThan(30);
  });

  it('gives the same frames for the same draft and assets', async () => {
    const draft = photoDraft(['p0', 'p1', 'p2'], {
      ms: 700,
      tr: { type: 'random', d: 300 },
      motion: 'zoom-in',
    });
    (draft.t as unknown[]).push({ tt: 7, sg: [{ text: 'Same', s: 0, d: 2100, m: {} }] });
    const a = await frameHashes(await render(draft));
    const b = await frameHashes(await render(draft));
    expect(a).toHaveLength(21);
    expect(b).toEqual(a);
  });

  it('refuses a draft without video items and names an unknown asset', async () => {
    const empty = await rejection(render({ v: 1, w: 320, h: 180, fps: 10, t: [{ tt: 0, sg: [] }], m: {} }));
    expect(empty.key).toBe('DRAFT_INVALID');
    const unknown = await rejection(render(photoDraft(['p0', 'nope'])));
    expect(unknown.key).toBe('MEDIA_NOT_FOUND');
    expect(unknown.message).toContain('video item 2');
    expect(unknown.message).toContain('"nope"');
    const invalid = await rejection(render({ v: 1, w: 321, h: 180, fps: 10, t: [], m: {} }));
    expect(invalid.key).toBe('DRAFT_INVALID');
  });

  it('leaves no file behind when cancelled', async () => {
    const outDir = path.join(dir, 'cancel');
    await mkdir(outDir, { recursive: true });
    const controller = new AbortController();
    const draft = photoDraft(['p0', 'p1', 'p2', 'p3', 'p4'], {
      w: 640,
      h: 360,
      fps: 30,
      ms: 20000,
      motion: 'zoom-in',
    });
    const err = await rejection(
      renderDraft({
        draft,
        assets,
        output: path.join(outDir, 'video.mp4'),
        cacheDir: path.join(dir, 'cache'),
        onProgress: (p) => {
          if (p.fraction > 0.06) controller.abort();
        },
        signal: controller.signal,
      }),
    );
    expect(err.key).toBe('RENDER_CANCELLED');
    expect(await readdir(outDir)).toEqual([]);
  });

  it('reports an ffmpeg failure with the log tail and leaves no file', async () => {
    const outDir = path.join(dir, 'broken');
    await mkdir(outDir, { recursive: true });
    const bad = path.join(dir, 'broken.mp4');
    await writeFile(bad, 'this is not a video');
    const broken: RenderAsset = {
      id: 'broken',
      path: bad,
      info: {
        kind: 'video',
        mime: 'video/mp4',
        ext: 'mp4',
        size: 19,
        durationMs: 1000,
        width: 320,
        height: 180,
      },
    };
    const err = await rejection(
      renderDraft({
        draft: photoDraft(['p0', 'broken']),
        assets: { ...assets, broken },
        output: path.join(outDir, 'video.mp4'),
        cacheDir: path.join(dir, 'cache'),
      }),
    );
    expect(err.key).toBe('RENDER_FAILED');
    expect(String(err.details?.logTail)).toMatch(/broken\.mp4|Invalid data/);
    expect(await readdir(outDir)).toEqual([]);
  });

  it('renders a longer draft with the exact timing, order, transitions, text and sound', async () => {
    const ids = ['p0', 'p1', 'clip', 'p2', 'p3', 'p4', 'p0'];
    const draft = photoDraft(ids, { ms: 800, tr: { type: 'fade', d: 400 }, motion: 'zoom-in' });
    (draft.t as unknown[]).push(
      { tt: 7, sg: [{ text: 'Across chunks', s: 500, d: 4000, m: { pos: 'top' } }] },
      { tt: 1, sg: [{ src: 'music', s: 0, d: 5600, m: { loop: true, fadeOut: 800, volume: 0.5 } }] },
    );
    const out = await render(draft);
    const info = await probe(out);
    expect(info.video!.frames).toBe(56);
    expect(info.audio!.duration).toBeGreaterThanOrEqual(info.video!.duration - 0.001);
    // Middle of each photo's solo part: its colour (the clip is grey).
    const expected = [COLORS[0], COLORS[1], undefined, COLORS[2], COLORS[3], COLORS[4], COLORS[0]];
    for (let i = 0; i < ids.length; i++) {
      const color = expected[i];
      if (!color) continue;
      const frame = await frameAt(out, i * 0.8 + 0.4);
      expect(
        colorDistance(meanColor(frame, { x: 0, y: 0.5, w: 1, h: 0.5 }), color),
        `item ${i}`,
      ).toBeLessThan(25);
    }
    // Transitions still blend on every cut.
    const mid = meanColor(await frameAt(out, 3.2), { x: 0, y: 0.5, w: 1, h: 0.5 });
    expect(colorDistance(mid, COLORS[2]!)).toBeGreaterThan(40);
    expect(colorDistance(mid, COLORS[3]!)).toBeGreaterThan(40);
    // Text is drawn over every item it spans; the clip's sound and the music fade are there.
    const plain = await render(photoDraft(ids, { ms: 800, tr: { type: 'fade', d: 400 }, motion: 'zoom-in' }));
    for (const t of [1, 2.5, 4]) {
      expect(
        frameDifference(await frameAt(plain, t), await frameAt(out, t), { x: 0, y: 0, w: 1, h: 0.3 }),
        `title at ${t} s`,
      ).toBeGreaterThan(1);
    }
    // Before the title's start, the same picture.
    expect(
      frameDifference(await frameAt(plain, 0.2), await frameAt(out, 0.2), { x: 0, y: 0, w: 1, h: 0.3 }),
    ).toBeLessThan(0.5);
    expect(await audioRms(out, 2.8, 0.3)).toBeGreaterThan(0.02);
    expect(await audioRms(out, 5.3, 0.3)).toBeLessThan((await audioRms(out, 1, 1)) * 0.5);
  });

  it('writes the same bytes on every run (photos, a clip, motion, transitions, text, music)', async () => {
    const ids = ['p0', 'p1', 'clip', 'p2', 'p3'];
    const draft = photoDraft(ids, { ms: 600, tr: { type: 'random', d: 200 }, motion: 'pan-left' });
    (draft.t as unknown[]).push(
      { tt: 7, sg: [{ text: 'Same bytes', s: 0, d: 3000, m: {} }] },
      { tt: 1, sg: [{ src: 'music', s: 0, d: 3000, m: { loop: true, volume: 0.5 } }] },
    );
    const one = await render(draft);
    const two = await render(draft);
    expect((await readFile(two)).equals(await readFile(one))).toBe(true);
  });

  it('shows transparent areas of a photo on white (cover, contain) or on its blurred copy (blur), never black', async () => {
    // Dark artwork (a near-black square) on a fully transparent background.
    const size = 160;
    const rgba = Buffer.alloc(size * size * 4);
    for (let y = 40; y < 120; y++)
      for (let x = 40; x < 120; x++) rgba.set([20, 20, 30, 255], (y * size + x) * 4);
    const file = path.join(dir, 'logo.png');
    await sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
      .png()
      .toFile(file);
    const logo = await imageAsset('logo', file, size, size);
    for (const fit of ['cover', 'contain', 'blur'] as const) {
      const draft = photoDraft(['logo'], { w: 320, h: 320, ms: 500 });
      (draft.t[0] as { sg: { m: Record<string, unknown> }[] }).sg[0]!.m.fit = fit;
      const out = await render(draft, { assets: { ...assets, logo } });
      const frame = await frameAt(out, 0.25);
      const around = meanColor(frame, { x: 0.05, y: 0.05, w: 0.15, h: 0.15 });
      const art = meanColor(frame, { x: 0.4, y: 0.4, w: 0.2, h: 0.2 });
      // The artwork stays visible against what is behind it.
      expect(colorDistance(around, art), `${fit}: artwork against its background`).toBeGreaterThan(100);
      if (fit === 'cover') expect(colorDistance(around, [255, 255, 255])).toBeLessThan(15);
      else if (fit === 'blur') expect(Math.max(...around), 'blur: not black').toBeGreaterThan(60);
    }
  });

  it("writes to a name with a quote in it (Tom's trip.mp4), however many items", async () => {
    const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p0', 'p1'];
    const output = path.join(dir, 'out', "Tom's trip.mp4");
    await renderDraft({
      draft: photoDraft(ids, { ms: 300, tr: { type: 'fade', d: 100 } }),
      assets,
      output,
      cacheDir: path.join(dir, 'cache'),
    });
    expect((await probe(output)).video!.frames).toBe(21);
  });

  it('renders 1920x1080 with the real preset', async () => {
    const draft = photoDraft(['p0', 'p1'], {
      w: 1920,
      h: 1080,
      fps: 30,
      ms: 1000,
      tr: { type: 'fade', d: 500 },
      motion: 'zoom-in',
    });
    (draft.t as unknown[]).push({ tt: 7, sg: [{ text: 'Full HD', s: 0, d: 2000, m: { pos: 'bottom' } }] });
    const out = await render(draft);
    const info = await probe(out);
    expect(info.video).toMatchObject({
      width: 1920,
      height: 1080,
      fps: 30,
      frames: 60,
      profile: 'High',
      pixFmt: 'yuv420p',
    });
    expect(info.audio).toMatchObject({ sampleRate: 48000, channels: 2 });
  });
});
