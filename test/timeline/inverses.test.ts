import { afterEach, describe, expect, it, vi } from 'vitest';
import { videoTrack, type Draft } from '../../src/timeline/draft.ts';
import type { Edit, EditJSON } from '../../src/timeline/edit.ts';
import * as edits from '../../src/timeline/edits/index.ts';
import {
  addText,
  editFromJSON,
  insertItem,
  moveItem,
  removeItem,
  removeItems,
  removeMusic,
  removeText,
  replaceDraft,
  setCanvas,
  setClipVolume,
  setFit,
  setItemDuration,
  setMotion,
  setMusic,
  setOrder,
  setText,
  setTransition,
} from '../../src/timeline/edits/index.ts';
import { cases, deepFreeze, drafts, empty, full, mixed } from './fixtures.ts';

const item = (d: Draft, i: number) => structuredClone(videoTrack(d)!.sg[i]!);
const textTrack = (d: Draft) => structuredClone(d.t.find((t) => t.tt === 7)!);
const audioTrack = (d: Draft) => structuredClone(d.t.find((t) => t.tt === 1)!);

/** Checks the inverse by name and arguments, and that applying it to the edited draft gives the draft back. */
function expectInverse(before: Draft, edit: Edit, expected: EditJSON): void {
  deepFreeze(before);
  const inverse = edit.invert(before);
  expect(inverse.toJSON()).toEqual(expected);
  const after = edit.apply(before);
  expect(after).not.toEqual(before);
  expect(editFromJSON(expected).apply(after)).toEqual(before);
}

describe('each edit is undone by a readable edit read from the draft before', () => {
  it('set_fit: the previous fit of each item, one set_fit per previous value', () => {
    const d = setFit({ items: [2], fit: 'cover' }).apply(full());
    expectInverse(d, setFit({ items: [2], fit: 'blur' }), {
      name: 'set_fit',
      args: { items: [2], fit: 'cover' },
    });
    expectInverse(d, setFit({ items: 'all', fit: 'contain' }), {
      name: 'group',
      args: {
        edits: [
          { name: 'set_fit', args: { items: [0, 1, 3, 4], fit: 'blur' } },
          { name: 'set_fit', args: { items: [2], fit: 'cover' } },
        ],
      },
    });
    const plain = insertItem({ index: 0, item: { src: 'p1', d: 2000, m: {} } }).apply(empty());
    expectInverse(plain, setFit({ items: [0], fit: 'cover' }), {
      name: 'set_fit',
      args: { items: [0], fit: null },
    });
  });

  it('set_transition: each cut back to its transition, none where there was none', () => {
    expectInverse(full(), setTransition({ items: 'all', type: 'wipeleft', d: 900 }), {
      name: 'set_transition',
      args: { items: [0, 1, 2, 3], type: 'fade', d: 500 },
    });
    expectInverse(full(), setTransition({ items: [1], type: 'none' }), {
      name: 'set_transition',
      args: { items: [1], type: 'fade', d: 500 },
    });
    const odd = setTransition({ items: [2], type: 'cut', d: 300 }).apply(full());
    expectInverse(odd, setTransition({ items: 'all', type: 'fade', d: 400 }), {
      name: 'group',
      args: {
        edits: [
          { name: 'set_transition', args: { items: [0, 1, 3], type: 'fade', d: 500 } },
          { name: 'set_transition', args: { items: [2], type: 'cut', d: 300 } },
        ],
      },
    });
    expectInverse(mixed(), setTransition({ items: 'all', type: 'fade' }), {
      name: 'set_transition',
      args: { items: [0, 1, 2], type: 'none' },
    });
  });

  it('set_motion: the previous type and amount of each item', () => {
    expectInverse(full(), setMotion({ items: [4], type: 'pan-up' }), {
      name: 'set_motion',
      args: { items: [4], type: 'zoom-in', amount: 0.1 },
    });
    expectInverse(full(), setMotion({ items: [1, 3], type: 'none' }), {
      name: 'group',
      args: {
        edits: [
          { name: 'set_motion', args: { items: [1], type: 'pan-right', amount: 0.1 } },
          { name: 'set_motion', args: { items: [3], type: 'pan-left', amount: 0.1 } },
        ],
      },
    });
    const still = setMotion({ items: [0], type: null }).apply(full());
    expectInverse(still, setMotion({ items: [0], type: 'zoom-out', amount: 0.3 }), {
      name: 'set_motion',
      args: { items: [0], type: null },
    });
  });

  it('set_clip_volume: the previous volume, null where the clip had none', () => {
    expectInverse(mixed(), setClipVolume({ items: [1, 3], volume: 0 }), {
      name: 'set_clip_volume',
      args: { items: [1, 3], volume: null },
    });
  });

  it('set_music: the previous values of the fields it set; remove_music when there was no music', () => {
    expectInverse(full(), setMusic({ volume: 0.3, fadeOut: 3000 }), {
      name: 'set_music',
      args: { volume: 0.8, fadeOut: 1500 },
    });
    expectInverse(full(), setMusic({ src: 'other', loop: null }), {
      name: 'set_music',
      args: { src: 'song', loop: true },
    });
    expectInverse(mixed(), setMusic({ src: 'song' }), { name: 'remove_music', args: {} });
  });

  it('remove_music: restore_music with the tracks it took out, at their places', () => {
    const d = full();
    expectInverse(d, removeMusic({}), {
      name: 'restore_music',
      args: { tracks: [{ at: 1, track: audioTrack(d) }] },
    });
  });

  it('text edits: set_text with the previous values, insert_text for a removed text, remove_text for an added one', () => {
    const d = full();
    expectInverse(d, setText({ index: 0, text: 'Lisbon', pos: 'top' }), {
      name: 'set_text',
      args: { index: 0, text: 'Porto', pos: 'center' },
    });
    // The title moves after the caption: the inverse names it where it is now.
    expectInverse(d, setText({ index: 0, s: 7000, color: null }), {
      name: 'set_text',
      args: { index: 1, s: 0, d: 3000, color: '#ffffff' },
    });
    expectInverse(d, removeText({ index: 1 }), {
      name: 'insert_text',
      args: { index: 1, item: textTrack(d).sg[1] },
    });
    expectInverse(d, addText({ text: 'The end', s: 12000, d: 3000 }), {
      name: 'remove_text',
      args: { index: 2 },
    });
    // Two texts start together: only an exact re-insert puts the moved one back in front.
    const two = addText({ text: 'Summer', s: 0, d: 2000 }).apply(d);
    expectInverse(two, setText({ index: 0, s: 6000 }), {
      name: 'group',
      args: {
        edits: [
          { name: 'remove_text', args: { index: 1 } },
          { name: 'insert_text', args: { index: 0, item: textTrack(two).sg[0] } },
        ],
      },
    });
  });

  it('set_canvas: the previous size and preset, or frame rate', () => {
    expectInverse(full(), setCanvas({ w: 1080, h: 1920, preset: 'vertical' }), {
      name: 'set_canvas',
      args: { w: 1920, h: 1080, preset: 'youtube' },
    });
    expectInverse(full(), setCanvas({ fps: 60 }), { name: 'set_canvas', args: { fps: 30 } });
  });

  it('set_item_duration: the previous durations, plus the transitions the shorter photos clamped', () => {
    expectInverse(full(), setItemDuration({ items: 'all', ms: 1000 }), {
      name: 'set_item_duration',
      args: { items: [0, 1, 2, 3, 4], ms: 3000 },
    });
    expectInverse(full(), setItemDuration({ items: [0, 1, 2], ms: 400 }), {
      name: 'group',
      args: {
        edits: [
          { name: 'set_item_duration', args: { items: [0, 1, 2], ms: 3000 } },
          { name: 'set_transition', args: { items: [0, 1, 2], type: 'fade', d: 500 } },
        ],
      },
    });
  });

  it('move, order, remove and insert: the opposite edit, plus the captions the timing rules dropped or moved', () => {
    const d = full();
    expectInverse(d, moveItem({ from: 4, to: 0 }), { name: 'move_item', args: { from: 0, to: 4 } });
    expectInverse(d, setOrder({ order: [1, 2, 0, 4, 3] }), {
      name: 'set_order',
      args: { order: [2, 0, 1, 4, 3] },
    });
    expectInverse(d, removeItem({ index: 4 }), {
      name: 'insert_item',
      args: { index: 4, item: item(d, 4) },
    });
    expectInverse(d, removeItems({ indices: [3, 0] }), {
      name: 'insert_items',
      args: {
        items: [
          { index: 0, item: item(d, 0) },
          { index: 3, item: item(d, 3) },
        ],
      },
    });
    // Photo 3 had the caption "Ribeira": removing it drops the caption, so undo brings both back.
    expectInverse(d, removeItem({ index: 2 }), {
      name: 'group',
      args: {
        edits: [
          { name: 'insert_item', args: { index: 2, item: item(d, 2) } },
          { name: 'restore_text', args: { tracks: [{ at: 2, track: textTrack(d) }] } },
        ],
      },
    });
    // Moving photo 3 first puts its caption at 0 s, where it reads as a title: undo restores the texts.
    expectInverse(d, moveItem({ from: 2, to: 0 }), {
      name: 'group',
      args: {
        edits: [
          { name: 'move_item', args: { from: 0, to: 2 } },
          { name: 'restore_text', args: { tracks: [{ at: 2, track: textTrack(d) }] } },
        ],
      },
    });
    expectInverse(d, insertItem({ index: 5, item: { src: 'p9', d: 3000, m: {} } }), {
      name: 'remove_item',
      args: { index: 5 },
    });
    expectInverse(empty(), insertItem({ index: 0, item: { src: 'p1', d: 2000, m: {} } }), {
      name: 'replace_draft',
      args: { draft: empty() },
    });
    expectInverse(d, replaceDraft({ draft: mixed() }), { name: 'replace_draft', args: { draft: d } });
  });
});

describe('inverses are read, not replayed', () => {
  afterEach(() => vi.restoreAllMocks());

  it('invert(before) never runs an edit (group and patch aside, which step through their parts)', () => {
    const factories = Object.values(edits).filter(
      (f): f is typeof edits.setFit => typeof f === 'function' && 'spec' in f,
    );
    expect(factories.length).toBeGreaterThan(20);
    const runs = factories.map((f) => vi.spyOn(f.spec, 'run'));
    for (const [name, edit] of cases) {
      if (edit.name === 'group' || edit.name === 'patch') continue;
      const before = drafts[name]!();
      runs.forEach((r) => r.mockClear());
      edit.invert(before);
      expect(runs.map((r) => r.mock.calls.length).reduce((a, b) => a + b)).toBe(0);
    }
  });
});

describe('set_canvas resolution', () => {
  it('scales the canvas to 720p, 1440p or 4K keeping its shape, names the preset, and undoes to the size before', () => {
    const d = deepFreeze(full());
    const uhd = setCanvas({ resolution: '4k' }).apply(d);
    expect(uhd).toMatchObject({ w: 3840, h: 2160, m: { preset: 'youtube-4k' } });
    const vertical = setCanvas({ w: 1080, h: 1920 }).apply(d);
    expect(setCanvas({ resolution: '720' }).apply(vertical)).toMatchObject({ w: 720, h: 1280 });
    expect(setCanvas({ resolution: '1440' }).apply(vertical)).toMatchObject({
      w: 1440,
      h: 2560,
      m: { preset: 'vertical-1440' },
    });
    expectInverse(d, setCanvas({ resolution: '1440' }), {
      name: 'set_canvas',
      args: { w: 1920, h: 1080, preset: 'youtube' },
    });
    expect(() => setCanvas({ resolution: '4k', w: 1000 })).toThrow(/either a resolution or w and h/);
  });
});

describe('add_text on a photo and as an end card', () => {
  it('puts a caption over photo 4 for as long as it shows, and it moves with the photo', () => {
    const d = deepFreeze(full());
    const after = addText({ text: 'Finish line!', item: 3, pos: 'bottom' }).apply(d);
    expect(textTrack(after).sg.find((t) => t.text === 'Finish line!')).toMatchObject({ s: 9000, d: 3000 });
    const moved = moveItem({ from: 3, to: 0 }).apply(after);
    expect(textTrack(moved).sg.find((t) => t.text === 'Finish line!')).toMatchObject({ s: 0, d: 3000 });
    expectInverse(d, addText({ text: 'Finish line!', item: 3 }), { name: 'remove_text', args: { index: 2 } });
    expect(() => addText({ text: 'x', item: 7 }).apply(d)).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
  });

  it('puts an end card on the last seconds of the video', () => {
    const d = deepFreeze(full());
    const after = addText({ text: 'The end', end: true }).apply(d);
    expect(textTrack(after).sg.at(-1)).toMatchObject({ text: 'The end', s: 12000, d: 3000 });
    const long = addText({ text: 'The end', end: true, d: 60000 }).apply(d);
    expect(textTrack(long).sg.find((t) => t.text === 'The end')).toMatchObject({ s: 0, d: 15000 });
    expectInverse(d, addText({ text: 'The end', end: true }), { name: 'remove_text', args: { index: 2 } });
    expect(() => addText({ text: 'x', end: true }).apply(empty())).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
  });

  it('needs exactly one place: s with d, item, or end', () => {
    expect(() => addText({ text: 'x', s: 0 })).toThrow(/give d with s/);
    expect(() => addText({ text: 'x', item: 1, end: true })).toThrow(/exactly one of/);
    expect(() => addText({ text: 'x' })).toThrow(expect.objectContaining({ key: 'BAD_REQUEST' }));
  });
});
