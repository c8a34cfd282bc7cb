import { describe, expect, it } from 'vitest';
import { MESSAGES, pickLanguage, translate } from '../../web/src/i18n.ts';
import {
  PRESET_BUTTONS,
  addNewInstruction,
  createInstruction,
  durationInstruction,
  formatSeconds,
  moveInstruction,
  presetInstruction,
  redoInstruction,
  removeInstruction,
  undoInstruction,
} from '../../web/src/instruction-text.ts';
import { interpret } from '../../src/instruct/index.ts';
import type { InstructMedia } from '../../src/instruct/types.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { videoTrack, type Draft } from '../../src/timeline/draft.ts';
import { previewFps, previewSize } from '../../web/src/preview-size.ts';
import { SseParser, eventCalls, eventText } from '../../web/src/sse-parser.ts';

const LANGS = ['en', 'zh'] as const;
const photos = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
  id: `a_${id}`,
  kind: 'image' as const,
  name: `${id}.jpg`,
}));
const media: InstructMedia[] = [...photos, { id: 'a_m', kind: 'audio', name: 'tune.m4a', durationMs: 4000 }];
const draft = slideshowDraft(photos.map((p) => ({ id: p.id, kind: 'image' as const })));
const order = (d: Draft) => (videoTrack(d)?.sg ?? []).map((s) => s.src);
const ids = photos.map((p) => p.id);

/** The page's words, read by the real instruction engine: the edit the person asked for, nothing else. */
function run(words: string | undefined, base: Draft = draft) {
  expect(words).toBeDefined();
  const result = interpret(words as string, { draft: base, media });
  expect(result.notUnderstood, words).toEqual([]);
  return result;
}

describe('the words the page sends', () => {
  it.each(LANGS)('move an item exactly where it was dropped, for every from/to pair (%s)', (lang) => {
    for (let from = 0; from < ids.length; from++) {
      for (let to = 0; to < ids.length; to++) {
        const words = moveInstruction(from, to, ids.length, lang);
        if (from === to) {
          expect(words).toBeUndefined();
          continue;
        }
        const expected = ids.filter((_, i) => i !== from);
        expected.splice(to, 0, ids[from] as string);
        expect(order(run(words).draft), `${from}→${to}: ${words}`).toEqual(expected);
      }
    }
    expect(moveInstruction(0, 5, 5, lang)).toBeUndefined();
    expect(moveInstruction(-1, 2, 5, lang)).toBeUndefined();
  });

  it.each(LANGS)("set one item's seconds and remove one item (%s)", (lang) => {
    for (const seconds of [4, 2.5, 0.5]) {
      const after = run(durationInstruction(1, seconds, lang)).draft;
      expect(videoTrack(after)?.sg.map((s) => s.d)).toEqual([3000, seconds * 1000, 3000, 3000, 3000]);
    }
    expect(durationInstruction(0, 0, lang)).toBeUndefined();
    expect(durationInstruction(0, 0.01, lang)).toBeUndefined();
    expect(durationInstruction(0, Number.NaN, lang)).toBeUndefined();
    expect(order(run(removeInstruction(4, lang)).draft)).toEqual(ids.slice(0, 4));
  });

  it.each(LANGS)('preset buttons, create, undo and redo (%s)', (lang) => {
    const sizes = {
      youtube: [1920, 1080],
      vertical: [1080, 1920],
      square: [1080, 1080],
      portrait: [1080, 1350],
    };
    const square = { ...draft, w: 1080, h: 1080 };
    for (const preset of PRESET_BUTTONS) {
      const after = run(presetInstruction(preset, lang), square).draft;
      expect([after.w, after.h], preset).toEqual(sizes[preset]);
    }
    const empty: Draft = { v: 1, w: 1920, h: 1080, fps: 30, t: [], m: {} };
    const made = run(createInstruction(lang), empty);
    expect(order(made.draft)).toEqual(ids);
    const undone = interpret(undoInstruction(lang), { draft: made.draft, media, history: made.history });
    expect(order(undone.draft)).toEqual([]);
    const redone = interpret(redoInstruction(lang), { draft: undone.draft, media, history: undone.history });
    expect(order(redone.draft)).toEqual(ids);
  });

  it.each(LANGS)('"add the new photos" appends only what is missing and keeps the edits (%s)', (lang) => {
    const edited = run(durationInstruction(0, 1.5, lang), slideshowDraft(photos.slice(0, 3))).draft;
    const added = run(addNewInstruction(lang), edited);
    expect(order(added.draft)).toEqual(ids);
    expect(videoTrack(added.draft)?.sg.map((s) => s.d)).toEqual([1500, 3000, 3000, 3000, 3000]);
    expect(added.reply).toMatch(lang === 'zh' ? /2张照片/ : /Added 2 photos/);
    const undone = interpret(undoInstruction(lang), { draft: added.draft, media, history: added.history });
    expect(undone.draft).toEqual(edited);
  });

  it('writes seconds without float noise', () => {
    expect(formatSeconds(0.30000000000000004)).toBe('0.3');
    expect(formatSeconds(2)).toBe('2');
  });
});

describe('previewSize', () => {
  it('scales the shorter side to 360 and keeps even numbers', () => {
    expect(previewSize(1920, 1080)).toEqual({ w: 640, h: 360 });
    expect(previewSize(1080, 1920)).toEqual({ w: 360, h: 640 });
    expect(previewSize(1080, 1350)).toEqual({ w: 360, h: 450 });
    expect(previewSize(720, 1280)).toEqual({ w: 360, h: 640 });
    const odd = previewSize(1000, 1778);
    expect(odd.w % 2).toBe(0);
    expect(odd.h % 2).toBe(0);
  });
  it('keeps a small canvas as it is', () => {
    expect(previewSize(320, 180)).toEqual({ w: 320, h: 180 });
    expect(previewFps(30)).toBe(15);
    expect(previewFps(10)).toBe(10);
  });
});

describe('SseParser', () => {
  const text = { author: 'nemo_agent', content: { role: 'model', parts: [{ text: 'Done.' }] } };
  const call = {
    author: 'nemo_agent',
    content: { role: 'model', parts: [{ functionCall: { name: 'set_preset', args: {} } }] },
  };
  it('reads events split anywhere across chunks, skipping heartbeats', () => {
    const stream = `: heartbeat\n\ndata: ${JSON.stringify(call)}\n\ndata: ${JSON.stringify(text)}\r\n\r\n`;
    for (let cut = 0; cut <= stream.length; cut++) {
      const p = new SseParser();
      const events = [...p.feed(stream.slice(0, cut)), ...p.feed(stream.slice(cut)), ...p.end()];
      expect(events).toEqual([call, text]);
    }
  });
  it('reads the last event even without its closing blank line', () => {
    const p = new SseParser();
    expect([...p.feed(`data: ${JSON.stringify(text)}`), ...p.end()]).toEqual([text]);
  });
  it('pulls the text and the edit names out of events', () => {
    expect(eventText(text)).toBe('Done.');
    expect(eventText(call)).toBe('');
    expect(eventCalls(call)).toEqual(['set_preset']);
  });
});

describe('i18n', () => {
  it('has every English sentence in Chinese too, with the same placeholders', () => {
    const en = MESSAGES.en;
    const zh = MESSAGES.zh;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(zh[key]), key).toEqual(vars(en[key]));
      expect(zh[key].length, key).toBeGreaterThan(0);
    }
  });
  it('follows the browser language', () => {
    expect(pickLanguage('zh-CN')).toBe('zh');
    expect(pickLanguage('zh-Hant-TW')).toBe('zh');
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
    expect(translate('en', 'uploaded', { name: 'a.jpg' })).toBe('a.jpg added.');
  });
});
