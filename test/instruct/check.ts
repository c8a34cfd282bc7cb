/**
 * The table-driven instruction corpus: one line a case, `[words, expected effect]`, checked by small
 * predicates on the resulting draft (what a person would notice), never on incidental output.
 */
import { expect } from 'vitest';
import {
  audioTracks,
  parseDraft,
  textTracks,
  videoTrack,
  type Draft,
  type TextItem,
} from '../../src/timeline/draft.ts';
import { presetSize, type PresetName } from '../../src/timeline/presets.ts';
import { itemTimings, totalMs } from '../../src/timeline/timing.ts';
import { FIXTURES, run, type Expect } from './fixtures.ts';

export { type Case, type Expect } from './fixtures.ts';

const approx = (ms: number, s: number) => expect(Math.abs(ms - s * 1000)).toBeLessThanOrEqual(1);

function firstText(d: Draft): TextItem[] {
  return textTracks(d)[0]?.sg ?? [];
}

/** Runs one case and checks every expectation it names, plus what always holds. */
export function check(text: string, e: Expect): void {
  const { result: r, before } = run(text, e);
  const d = r.draft;
  const items = videoTrack(d)?.sg ?? [];
  const beforeItems = videoTrack(before)?.sg ?? [];
  const media = FIXTURES[e.from ?? 'base']().media;
  const isPhoto = (src: string) => media.find((m) => m.id === src)?.kind !== 'video';

  // Always: a valid draft, the reply in the person's language, ending with the one-line summary.
  expect(() => parseDraft(d)).not.toThrow();
  const han = /[\u3400-\u9fff]/.test(text.replace(/[「『《“"'‘][^」』》”"'’]*[」』》”"'’]/g, ''));
  expect(r.language).toBe(han ? 'zh' : 'en');
  expect(r.reply.split('\n').at(-1)).toMatch(/^Timeline \(/);
  expect(r.notUnderstood.length).toBe(e.notUnderstood ?? 0);
  // A reply never says the same sentence twice.
  const lines = r.reply.split('\n');
  expect(new Set(lines).size, r.reply).toBe(lines.length);
  if (e.notUnderstood) expect(r.reply).toMatch(han ? /没有理解/ : /did not understand/);

  if (e.unchanged) {
    expect(d).toEqual(before);
    expect(r.changed).toBe(false);
    expect(r.edits).toEqual([]);
    expect(r.reply.split('\n').length).toBeGreaterThan(1);
  }
  if (e.changed !== undefined) expect(r.changed).toBe(e.changed);
  if (e.name !== undefined) expect(d.m.name).toBe(e.name);
  if (e.durations) expect(items.map((it) => it.d / 1000)).toEqual(e.durations);
  if (e.undoSteps !== undefined) expect(r.history.done).toHaveLength(e.undoSteps);
  if (e.textColor) {
    const seg = firstText(d).find((x) => x.text.includes(e.textColor![0]));
    expect(seg?.m.color, r.reply).toBe(e.textColor[1]);
  }
  if (e.textAt) {
    const seg = firstText(d).find((x) => x.text.includes(e.textAt![0]));
    expect(seg, r.reply).toBeDefined();
    if (e.textAt[1] === 'start') expect(seg!.s).toBe(0);
    else expect(seg!.s + seg!.d).toBe(totalMs(d));
  }
  if (e.reply) expect(r.reply).toMatch(e.reply);
  if (e.route) expect(r.routes).toContain(e.route);

  if (e.preset) {
    const [name, res] = e.preset.split('-') as [PresetName, '720' | '4k' | undefined];
    const size = presetSize(name, res ?? '1080');
    expect([d.w, d.h]).toEqual([size.w, size.h]);
  }
  if (e.fps !== undefined) expect(d.fps).toBe(e.fps);
  if (e.count !== undefined) expect(items.length).toBe(e.count);
  if (e.photo !== undefined && e.seconds !== undefined) approx(items[e.photo - 1]!.d, e.seconds);
  if (e.each !== undefined) {
    const ps = items.filter((it) => isPhoto(it.src));
    expect(ps.length).toBeGreaterThan(0);
    ps.forEach((it) => approx(it.d, e.each!));
    if (beforeItems.length > 0) {
      items
        .filter((it) => !isPhoto(it.src))
        .forEach((it) => expect(beforeItems.map((b) => b.d)).toContain(it.d));
    }
  }
  if (e.total !== undefined) approx(totalMs(d), e.total);
  if (e.shorter) expect(totalMs(d)).toBeLessThan(totalMs(before));
  if (e.longer) expect(totalMs(d)).toBeGreaterThan(totalMs(before));

  const cuts = items.slice(0, -1);
  if (e.transition !== undefined) {
    const targets = e.between !== undefined ? [cuts[e.between - 1]!] : cuts;
    for (const it of targets) {
      if (e.transition === 'none') expect(it.m.tr === undefined || it.m.tr.type === 'cut').toBe(true);
      else expect(it.m.tr?.type).toBe(e.transition);
    }
    if (e.between !== undefined) {
      cuts.forEach((it, i) => {
        if (i !== e.between! - 1) expect(it.m.tr).toEqual(beforeItems[i]?.m.tr);
      });
    }
  }
  if (e.trSeconds !== undefined) {
    const targets = e.between !== undefined ? [cuts[e.between - 1]!] : cuts;
    targets.forEach((it) => approx(it.m.tr?.d ?? -1, e.trSeconds!));
  }
  if (e.trLonger) cuts.forEach((it, i) => expect(it.m.tr!.d).toBeGreaterThan(beforeItems[i]?.m.tr?.d ?? 0));

  if (e.motion !== undefined) {
    const targets =
      e.motionOf !== undefined ? [items[e.motionOf - 1]!] : items.filter((it) => isPhoto(it.src));
    if (e.motion === 'auto') {
      expect(new Set(targets.map((it) => it.m.motion?.type)).size).toBeGreaterThan(1);
      targets.forEach((it) => expect(it.m.motion?.type).not.toBe('none'));
    } else targets.forEach((it) => expect(it.m.motion?.type).toBe(e.motion));
  }
  if (e.amountUp || e.amountDown) {
    items.forEach((it, i) => {
      const was = beforeItems[i]?.m.motion?.amount ?? 0.1;
      if (!isPhoto(it.src)) return;
      if (e.amountUp) expect(it.m.motion?.amount).toBeGreaterThan(was);
      else expect(it.m.motion?.amount).toBeLessThan(was);
    });
  }
  if (e.fit !== undefined)
    items.filter((it) => isPhoto(it.src)).forEach((it) => expect(it.m.fit).toBe(e.fit));

  const texts = firstText(d);
  if (e.title !== undefined) {
    const t = texts.find((s) => s.s === 0);
    expect(t?.text).toBe(e.title);
    if (e.titlePos) expect(t?.m.pos).toBe(e.titlePos);
    if (e.titleSeconds !== undefined) approx(t!.d, e.titleSeconds);
  } else {
    if (e.titlePos) expect(texts.find((s) => s.s === 0)?.m.pos).toBe(e.titlePos);
    if (e.titleSeconds !== undefined) approx(texts.find((s) => s.s === 0)!.d, e.titleSeconds);
  }
  if (e.noTitle) expect(texts.find((s) => s.s === 0)).toBeUndefined();
  if (e.caption) {
    const t = texts.find((s) => s.text === e.caption!.text);
    expect(t).toBeDefined();
    if (e.caption.photo !== undefined) {
      const at = itemTimings(items)[e.caption.photo - 1]!;
      expect([t!.s, t!.s + t!.d]).toEqual([at.start, at.end]);
    }
    if (e.caption.pos) expect(t!.m.pos).toBe(e.caption.pos);
  }
  if (e.texts !== undefined) expect(texts.length).toBe(e.texts);

  const music = audioTracks(d)[0]?.sg[0];
  const musicBefore = audioTracks(before)[0]?.sg[0];
  if (e.music !== undefined) {
    if (e.music === null) expect(music).toBeUndefined();
    else {
      expect(music?.src).toBe(e.music);
      expect(music!.s).toBe(0);
      expect(music!.s + music!.d).toBeGreaterThanOrEqual(totalMs(d));
    }
  }
  if (e.volume !== undefined) expect(music?.m.volume).toBeCloseTo(e.volume, 3);
  if (e.quieter) expect(music!.m.volume!).toBeLessThan(musicBefore?.m.volume ?? 1);
  if (e.louder) expect(music!.m.volume!).toBeGreaterThan(musicBefore?.m.volume ?? 1);
  if (e.fadeIn !== undefined) approx(music!.m.fadeIn!, e.fadeIn);
  if (e.fadeOut !== undefined) approx(music!.m.fadeOut!, e.fadeOut);
  if (e.loop !== undefined) expect(music?.m.loop).toBe(e.loop);
  if (e.clipVolume !== undefined) {
    items.filter((it) => !isPhoto(it.src)).forEach((it) => expect(it.m.volume).toBe(e.clipVolume));
  }
  if (e.order) expect(items.map((it) => it.src)).toEqual(e.order);
  if (e.added !== undefined) {
    expect(items.length).toBe(beforeItems.length + e.added);
    const strip = (it: (typeof items)[number]) => ({ ...it, m: { ...it.m, tr: undefined } });
    expect(items.slice(0, beforeItems.length).map(strip)).toEqual(beforeItems.map(strip));
    const old = beforeItems[0]!;
    const fresh = items.slice(beforeItems.length);
    fresh.filter((it) => isPhoto(it.src)).forEach((it) => expect(it.d).toBe(old.d));
    fresh.forEach((it) => expect(it.m.fit).toBe(old.m.fit));
    items.slice(0, -1).forEach((it) => expect(it.m.tr).toEqual(old.m.tr));
    expect(music === undefined || music.s + music.d >= totalMs(d)).toBe(true);
  }
}
