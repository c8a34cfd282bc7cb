/**
 * The page's pure logic, checked against the real timeline code: the edits its controls send (read by
 * editFromJSON and applied as the server applies them), the debounced edit queue, the Chinese summary, recent
 * projects and download names, export progress, error kinds, drag targets, the SSE reader and the i18n tables.
 */
import { describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../web/src/api-types.ts';
import { ApiError } from '../../web/src/api-types.ts';
import {
  addMediaEdit,
  addTextEdit,
  currentPreset,
  durationEdit,
  fitEdit,
  motionEdit,
  moveEdit,
  musicEdit,
  nameEdit,
  presetEdit,
  removeEdit,
  setTextEdit,
  slideshowEdit,
  transitionEdit,
  type EditJSON,
} from '../../web/src/edit-builders.ts';
import { EditQueue, type Timers } from '../../web/src/edit-queue.ts';
import { draftFingerprint, formatDuration, secondsLeft } from '../../web/src/export-progress.ts';
import { MESSAGES, pickLanguage, translate } from '../../web/src/i18n.ts';
import { formatSeconds, redoInstruction, undoInstruction } from '../../web/src/instruction-text.ts';
import { classify, retryable } from '../../web/src/network.ts';
import {
  downloadName,
  forgetProject,
  MAX_PROJECTS,
  readProjects,
  rememberProject,
  renameProject,
} from '../../web/src/projects.ts';
import { reorderTarget } from '../../web/src/reorder.ts';
import { SseParser, eventCalls, eventText } from '../../web/src/sse-parser.ts';
import { localizeReply, localSummary } from '../../web/src/summary-text.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { audioTracks, videoTrack, type Draft } from '../../src/timeline/draft.ts';
import { applyEdits, editFromJSON } from '../../src/timeline/edits/index.ts';
import { summarize } from '../../src/timeline/summary.ts';
import { interpret } from '../../src/instruct/index.ts';

/** An upload as the server describes it. */
function upload(
  id: string,
  kind: MediaInfo['kind'],
  name: string,
  durationMs: number | null = null,
): MediaInfo {
  return { id, kind, name, mime: '', size: 1, width: null, height: null, duration_ms: durationMs };
}
const photos: MediaInfo[] = ['a', 'b', 'c', 'd', 'e'].map((id) => upload(`a_${id}`, 'image', `${id}.jpg`));
const tune = upload('a_m', 'audio', 'tune.m4a', 4000);
const media = [...photos, tune];
const draft = slideshowDraft(photos.map((p) => ({ id: p.id, kind: 'image' as const })));
const order = (d: Draft) => (videoTrack(d)?.sg ?? []).map((s) => s.src);
const ids = photos.map((p) => p.id);

/** What the server does with the page's edits: read each with editFromJSON, apply them all, validate. */
function apply(base: Draft, ...edits: (EditJSON | undefined)[]): Draft {
  for (const e of edits) expect(e).toBeDefined();
  return applyEdits(
    base,
    edits.map((e) => editFromJSON(e)),
  );
}

describe('the edits the controls send', () => {
  it('move an item exactly where it was dropped, for every from/to pair', () => {
    for (let from = 0; from < ids.length; from++) {
      for (let to = 0; to < ids.length; to++) {
        const e = moveEdit(from, to, ids.length);
        if (from === to) {
          expect(e).toBeUndefined();
          continue;
        }
        const expected = ids.filter((_, i) => i !== from);
        expected.splice(to, 0, ids[from] as string);
        expect(order(apply(draft, e)), `${from}→${to}`).toEqual(expected);
      }
    }
    expect(moveEdit(0, 5, 5)).toBeUndefined();
    expect(moveEdit(-1, 2, 5)).toBeUndefined();
  });

  it("set one item's seconds, fit and motion, and remove one", () => {
    const after = apply(draft, durationEdit(1, 2.5), fitEdit([1], 'contain'), motionEdit([1], 'pan-up'));
    const item = videoTrack(after)!.sg[1]!;
    expect(videoTrack(after)!.sg.map((s) => s.d)).toEqual([3000, 2500, 3000, 3000, 3000]);
    expect(item.m.fit).toBe('contain');
    expect(item.m.motion?.type).toBe('pan-up');
    expect(durationEdit(0, 0)).toBeUndefined();
    expect(durationEdit(0, Number.NaN)).toBeUndefined();
    expect(order(apply(draft, removeEdit(4)))).toEqual(ids.slice(0, 4));
  });

  it('transitions: one cut, then all of them', () => {
    const one = apply(draft, transitionEdit([0], 'wipeleft', 0.8));
    expect(videoTrack(one)!.sg[0]!.m.tr).toEqual({ type: 'wipeleft', d: 800 });
    const all = apply(one, transitionEdit('all', 'slideup', 0.4));
    expect(
      videoTrack(all)!
        .sg.slice(0, -1)
        .map((s) => s.m.tr),
    ).toEqual(Array.from({ length: 4 }, () => ({ type: 'slideup', d: 400 })));
    const none = apply(all, transitionEdit('all', 'none'));
    expect(videoTrack(none)!.sg.every((s) => !s.m.tr)).toBe(true);
  });

  it('format buttons keep the resolution and show the current format', () => {
    const small = { ...draft, w: 1280, h: 720 };
    expect(currentPreset(small)).toBe('youtube');
    const vertical = apply(small, presetEdit(small, 'vertical'));
    expect([vertical.w, vertical.h]).toEqual([720, 1280]);
    expect(currentPreset(vertical)).toBe('vertical');
    expect(presetEdit(vertical, 'vertical')).toBeUndefined();
    const portrait = apply(draft, presetEdit(draft, 'portrait'));
    expect([portrait.w, portrait.h]).toEqual([1080, 1350]);
    expect(currentPreset(portrait)).toBe('portrait');
    expect(currentPreset(null)).toBeUndefined();
  });

  it('texts: added on a photo, then content, colour, size, position, start and length', () => {
    const added = apply(draft, addTextEdit('Porto', { item: 1 }));
    const text = () => added.t.find((t) => t.tt === 7)!.sg[0]!;
    expect(text()).toMatchObject({ text: 'Porto', s: 3000, d: 3000 });
    const edited = apply(
      added,
      setTextEdit(0, { text: 'Lisboa', color: '#FFCC00', size: 0.08, pos: 'top', s: 1, d: 2.5 }),
    );
    expect(edited.t.find((t) => t.tt === 7)!.sg[0]).toMatchObject({
      text: 'Lisboa',
      s: 1000,
      d: 2500,
      m: { color: '#ffcc00', size: 0.08, pos: 'top' },
    });
    expect(setTextEdit(0, { text: '   ' })).toBeUndefined();
    expect(setTextEdit(0, {})).toBeUndefined();
    expect(addTextEdit(' ', { item: 0 })).toBeUndefined();
  });

  it('music chosen after the slideshow exists is used, with its volume and fades', () => {
    const withMusic = apply(draft, musicEdit({ src: tune.id }));
    expect(audioTracks(withMusic)[0]!.sg[0]!.src).toBe(tune.id);
    const tuned = apply(withMusic, musicEdit({ volume: 0.5, fadeIn: 1, fadeOut: 2 }));
    expect(audioTracks(tuned)[0]!.sg[0]!.m).toMatchObject({ volume: 0.5, fadeIn: 1000, fadeOut: 2000 });
    expect(musicEdit({})).toBeUndefined();
  });

  it('a new slideshow from the uploads, later uploads appended keeping the edits, a name', () => {
    const empty: Draft = { v: 1, w: 1920, h: 1080, fps: 30, t: [], m: {} };
    const made = apply(empty, slideshowEdit(media.filter((m) => m.id !== 'a_e')));
    expect(order(made)).toEqual(ids.slice(0, 4));
    expect(audioTracks(made)[0]!.sg[0]!.src).toBe(tune.id);
    const edited = apply(made, durationEdit(0, 1.5));
    const added = apply(edited, addMediaEdit(edited, media));
    expect(order(added)).toEqual(ids);
    expect(videoTrack(added)!.sg.map((s) => s.d)).toEqual([1500, 3000, 3000, 3000, 3000]);
    expect(addMediaEdit(added, media)).toBeUndefined();
    expect(slideshowEdit([tune])).toBeUndefined();
    expect(apply(added, nameEdit('  Summer  ')).m.name).toBe('Summer');
    expect(apply(apply(added, nameEdit('Summer')), nameEdit('')).m.name).toBeUndefined();
  });
});

describe('EditQueue', () => {
  /** Timers the test runs by hand. */
  function manualTimers() {
    let next = 1;
    const due = new Map<number, () => void>();
    const timers: Timers = {
      set: (fn) => {
        due.set(next, fn);
        return next++;
      },
      clear: (h) => due.delete(h as number),
    };
    const fire = () => {
      const fns = [...due.values()];
      due.clear();
      fns.forEach((f) => f());
    };
    return { timers, fire, count: () => due.size };
  }

  it('sends three quick changes of one field as ONE request with the last value', async () => {
    const sent: EditJSON[][] = [];
    const { timers, fire } = manualTimers();
    const q = new EditQueue(
      async (e) => sent.push(e),
      () => undefined,
      450,
      timers,
    );
    const answers = [1.1, 1.2, 1.3].map((s) => q.push([durationEdit(0, s)!], 'd0'));
    expect(sent).toEqual([]);
    expect(q.pending).toBe(true);
    fire();
    await Promise.all(answers);
    expect(sent).toEqual([[durationEdit(0, 1.3)]]);
    expect(q.sent).toBe(1);
  });

  it('keeps the order of what was done: another edit sends a waiting one first', async () => {
    const sent: string[] = [];
    const { timers } = manualTimers();
    const q = new EditQueue(
      async (e) => sent.push(e.map((x) => x.name).join()),
      () => undefined,
      450,
      timers,
    );
    void q.push([durationEdit(0, 2)!], 'd0');
    void q.push([musicEdit({ volume: 0.5 })!], 'vol');
    await q.push([moveEdit(0, 1, 3)!]);
    expect(sent).toEqual(['set_item_duration', 'set_music', 'move_item']);
    expect(q.pending).toBe(false);
  });

  it('reports a failed request and goes on with the next', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const q = new EditQueue(
      async () => {
        if (++calls === 1) throw new ApiError(0, 0, 'down');
        return 'ok';
      },
      (err) => errors.push(err),
    );
    expect(await q.push([removeEdit(0)])).toBeUndefined();
    expect(await q.push([removeEdit(0)])).toBe('ok');
    expect(errors).toHaveLength(1);
  });
});

describe('replies in the person language', () => {
  it('replaces the English summary line of a Chinese reply with a Chinese one', () => {
    const result = interpret('每张2秒，加标题“波尔图”', {
      draft,
      media: media.map((m) => ({ id: m.id, kind: m.kind, name: m.name })),
    });
    const withMusic = apply(result.draft, musicEdit({ src: tune.id }));
    const reply = `${result.reply.split('\n').slice(0, -1).join('\n')}\n${summarize(withMusic)}`;
    expect(reply).toMatch(/Timeline \(3 tracks\)/);
    const zh = localizeReply(reply, withMusic, media, 'zh');
    expect(zh).not.toMatch(/Timeline|photos|BGM|Title/);
    expect(zh.split('\n').at(-1)).toBe(
      '时间线（3 条轨道）：1. 视频：5 张照片（0-10秒） 2. 背景音乐：tune.m4a（0-10秒，80%） 3. 标题：“波尔图”（0-3秒）',
    );
    expect(localizeReply(reply, withMusic, media, 'en')).toBe(reply);
    expect(localSummary(withMusic, media, 'en')).toBe(
      summarize(withMusic, (id) => media.find((m) => m.id === id)),
    );
  });
});

describe('projects and downloads', () => {
  function store() {
    const data = new Map<string, string>();
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
  }
  it('keeps recent projects, newest first, renamed in place, at most MAX_PROJECTS', () => {
    const s = store();
    rememberProject(s, { id: 'a', name: 'Summer', at: 1 });
    rememberProject(s, { id: 'b', name: '', at: 2 });
    expect(readProjects(s).map((p) => p.id)).toEqual(['b', 'a']);
    rememberProject(s, { id: 'a', name: 'Summer', at: 3 });
    expect(readProjects(s).map((p) => p.id)).toEqual(['a', 'b']);
    renameProject(s, 'b', 'Winter');
    expect(readProjects(s).map((p) => p.name)).toEqual(['Summer', 'Winter']);
    forgetProject(s, 'a');
    expect(readProjects(s).map((p) => p.id)).toEqual(['b']);
    for (let i = 0; i < 30; i++) rememberProject(s, { id: `p${i}`, name: '', at: i });
    expect(readProjects(s)).toHaveLength(MAX_PROJECTS);
    s.setItem('photoreel.projects', 'not json');
    expect(readProjects(s)).toEqual([]);
  });
  it('names downloads after the project', () => {
    expect(downloadName('Summer')).toBe('Summer.mp4');
    expect(downloadName('里斯本 2026')).toBe('里斯本 2026.mp4');
    expect(downloadName('a/b:c?*')).toBe('a b c.mp4');
    expect(downloadName('..hidden')).toBe('hidden.mp4');
    expect(downloadName('   ')).toBe('photoreel.mp4');
    expect(downloadName(undefined, 'Untitled')).toBe('Untitled.mp4');
  });
});

describe('export progress', () => {
  it('says the time left once progress can be judged', () => {
    expect(secondsLeft(0.01, 10_000)).toBeUndefined();
    expect(secondsLeft(0.5, 1000)).toBeUndefined();
    expect(secondsLeft(0.25, 10_000)).toBe(30);
    expect(secondsLeft(0.999, 60_000)).toBe(1);
    expect(secondsLeft(1, 60_000)).toBeUndefined();
    expect(formatDuration(45, 'en')).toBe('45 s');
    expect(formatDuration(125, 'en')).toBe('2 min 05 s');
    expect(formatDuration(125, 'zh')).toBe('2 分 5 秒');
  });
  it('fingerprints a draft so a change since the export shows', () => {
    expect(draftFingerprint(draft)).toBe(draftFingerprint(structuredClone(draft)));
    expect(draftFingerprint(apply(draft, durationEdit(0, 1)))).not.toBe(draftFingerprint(draft));
  });
});

describe('what went wrong', () => {
  it('tells offline from a server that does not answer, and from a refusal', () => {
    expect(classify(new TypeError('Failed to fetch'), false)).toBe('offline');
    expect(classify(new TypeError('Failed to fetch'), true)).toBe('server-down');
    expect(classify(new ApiError(502, 502, 'bad gateway'), true)).toBe('server-down');
    expect(classify(new ApiError(5001, 500, 'oops'), true)).toBe('server-error');
    expect(classify(new ApiError(2001, 402, 'no credits'), true)).toBe('credits');
    expect(classify(new ApiError(429, 429, 'slow down'), true)).toBe('rate');
    expect(classify(new ApiError(4100, 400, 'bad draft'), true)).toBe('refused');
    expect(retryable('server-down')).toBe(true);
    expect(retryable('refused')).toBe(false);
  });
});

describe('reorderTarget', () => {
  const row = [0, 1, 2, 3].map((i) => ({ left: i * 100, right: i * 100 + 90, top: 0, bottom: 120 }));
  it('picks the card nearest the pointer along the strip', () => {
    expect(reorderTarget(row, 250, 60, 0)).toBe(2);
    expect(reorderTarget(row, 5, 60, 3)).toBe(0);
    expect(reorderTarget(row, 1000, 60, 0)).toBe(3);
    expect(reorderTarget([], 10, 10, 2)).toBe(2);
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
  it('pulls the text and the edit names out of events', () => {
    expect(eventText(text)).toBe('Done.');
    expect(eventText(call)).toBe('');
    expect(eventCalls(call)).toEqual(['set_preset']);
  });
});

describe('i18n and the words of Undo and Redo', () => {
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
  it('Undo and Redo are understood in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const step = interpret('2 seconds each', { draft, media: [] });
      const undone = interpret(undoInstruction(lang), {
        draft: step.draft,
        media: [],
        history: step.history,
      });
      expect(undone.draft).toEqual(draft);
      const redone = interpret(redoInstruction(lang), {
        draft: undone.draft,
        media: [],
        history: undone.history,
      });
      expect(redone.draft).toEqual(step.draft);
    }
    expect(formatSeconds(0.30000000000000004)).toBe('0.3');
  });
});
