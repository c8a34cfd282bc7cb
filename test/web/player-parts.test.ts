/** Pure parts of the player: the music plan, text layout, the way back from yuv420p, and the parity score. */
import { describe, expect, it } from 'vitest';
import { placeBlock, textMargins, textPixels } from '../../src/render/text/safe-area.ts';
import { rgbToYuv420 } from '../../src/render/yuv.ts';
import { parseDraft, type DraftInput } from '../../src/timeline/draft.ts';
import {
  fileOffset,
  gainAt,
  gainPoints,
  musicSegments,
  normalisingGain,
} from '../../web/src/player/music-plan.ts';
import { layoutText, wrapText } from '../../web/src/player/text-layout.ts';
import { rgbaToYuv420, yuv420ToRgba } from '../../web/src/player/yuv-rgba.ts';
import { luma, ssim } from './player-ssim.ts';

const music = (m: object, s = 0, d = 10_000) =>
  parseDraft({
    v: 1,
    w: 640,
    h: 360,
    fps: 30,
    t: [
      { tt: 0, sg: [{ src: 'p', d: 6000 }] },
      { tt: 1, sg: [{ src: 'song', s, d, m }] },
    ],
    m: {},
  } as DraftInput);

describe('music plan', () => {
  it('cuts the music at the video end and at the file end unless it loops', () => {
    expect(musicSegments(music({}), 6000, () => 4000)[0]).toMatchObject({
      start: 0,
      play: 4000,
      loop: false,
    });
    expect(musicSegments(music({ loop: true }), 6000, () => 4000)[0]).toMatchObject({
      play: 6000,
      loop: true,
    });
    expect(musicSegments(music({}, 1000, 2000), 6000)[0]).toMatchObject({ start: 1000, play: 2000 });
    expect(musicSegments(music({ volume: 0 }), 6000)).toEqual([]);
    expect(musicSegments(music({}, 7000), 6000)).toEqual([]);
  });

  it('fades in from the start and out to where it is cut, at its volume', () => {
    const [seg] = musicSegments(music({ volume: 0.4, fadeIn: 1000, fadeOut: 2000 }), 6000);
    expect(gainAt(seg!, 0)).toBe(0);
    expect(gainAt(seg!, 500)).toBeCloseTo(0.2);
    expect(gainAt(seg!, 3000)).toBeCloseTo(0.4);
    expect(gainAt(seg!, 5000)).toBeCloseTo(0.2);
    expect(gainAt(seg!, 6000)).toBe(0);
    expect(gainPoints(seg!, 500).map((p) => p.t)).toEqual([500, 1000, 4000, 6000]);
    expect(fileOffset({ ...seg!, loop: true }, 5000, 4000)).toBe(1000);
  });

  it('brings a file to the export loudness target', () => {
    // A full-scale sine has a mean square of 0.5 (−3 dBFS, about −3.7 LUFS): lowered by about 12 dB.
    const g = normalisingGain(0.5, (lufs) => -16 - lufs);
    expect(20 * Math.log10(g)).toBeCloseTo(-16 + 3.01 + 0.691, 1);
    expect(normalisingGain(0, () => 5)).toBe(1);
  });
});

describe('text layout', () => {
  const measure = (t: string, px: number) => [...t].length * px * 0.6;

  it('wraps at words, and between characters for a word longer than the line', () => {
    expect(wrapText('one two three', 10 * 6, 10, measure)).toEqual(['one two', 'three']);
    expect(wrapText('abcdefghij', 5 * 6, 10, measure)).toEqual(['abcde', 'fghij']);
    expect(wrapText('你好世界', 2 * 6, 10, measure)).toEqual(['你好', '世界']);
    expect(wrapText('a\nb', 100, 10, measure)).toEqual(['a', 'b']);
  });

  it('asks the renderer size and places the block in its safe area as the renderer does', () => {
    const b = layoutText({ text: 'Title', size: 0.1, pos: 'top' }, 1920, 1080, measure);
    expect(b.px).toBe(textPixels(0.1, 1920, 1080));
    expect(b.lines).toEqual(['Title']);
    expect({ x: b.x, y: b.y }).toEqual(placeBlock('top', b, 1920, 1080));
  });

  it('shrinks a long text until it fits three lines inside the margins', () => {
    const text = 'a very long caption that goes on and on '.repeat(6).trim();
    const b = layoutText({ text, size: 0.3, pos: 'bottom' }, 1080, 1920, measure);
    const m = textMargins(1080, 1920);
    expect(b.lines.length).toBeLessThanOrEqual(3);
    expect(b.px).toBeLessThan(textPixels(0.3, 1080, 1920));
    expect(b.w).toBeLessThanOrEqual(1080 - 2 * m.side + 1);
    expect(b.x).toBeGreaterThanOrEqual(m.side);
  });
});

describe('yuv420p back to RGBA', () => {
  it('gives back the colours the renderer converted (within rounding)', () => {
    const w = 4;
    const h = 2;
    const colours = [
      [0, 0, 0],
      [255, 255, 255],
      [200, 40, 30],
      [20, 180, 60],
    ];
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const c = colours[Math.floor((i % w) / 2) + 2 * Math.floor(i / w / 2)] ?? colours[i >> 1]!;
      rgba.set([...c, 255], i * 4);
    }
    // Uniform 2×2 blocks, so chroma subsampling loses nothing.
    for (let x = 0; x < w; x += 2) {
      const c = colours[x / 2]!;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const)
        rgba.set([...c, 255], (dy * w + x + dx) * 4);
    }
    const frame = rgbaToYuv420(rgba, w, h, new Uint8Array(w * h * 3), new Uint8Array((w * h * 3) / 2));
    expect(frame.data).toEqual(
      rgbToYuv420(Uint8Array.from([...rgba].filter((_, i) => i % 4 !== 3)), w, h).data,
    );
    const back = new Uint8Array(w * h * 4);
    yuv420ToRgba(frame, back);
    for (let i = 0; i < back.length; i++) expect(Math.abs(back[i]! - rgba[i]!)).toBeLessThanOrEqual(3);
  });
});

describe('ssim', () => {
  const w = 64;
  const h = 48;
  const picture = (shift: number) => {
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        rgb.fill(((x + shift) >> 3) % 2 ? 220 : 30 + y, (y * w + x) * 3, (y * w + x) * 3 + 3);
    return luma(rgb, w, h, 3);
  };

  it('is 1 for the same picture, high for a slightly brighter one, low for a moved pattern', () => {
    const a = picture(0);
    expect(ssim(a, a, w, h)).toBeCloseTo(1, 6);
    expect(
      ssim(
        a,
        a.map((v) => Math.min(255, v + 6)),
        w,
        h,
      ),
    ).toBeGreaterThan(0.95);
    expect(ssim(a, picture(4), w, h)).toBeLessThan(0.5);
  });
});
