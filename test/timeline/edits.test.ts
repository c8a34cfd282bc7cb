import { describe, expect, it } from 'vitest';
import { parseDraft, videoTrack, type Draft } from '../../src/timeline/draft.ts';
import {
  EDIT_NAMES,
  editFromJSON,
  insertItems,
  moveItem,
  patch,
  removeItem,
  removeItems,
  setItemDuration,
  setName,
  setOrder,
  setText,
  setTransition,
} from '../../src/timeline/edits/index.ts';
import { totalMs } from '../../src/timeline/timing.ts';
import { cases, deepFreeze, drafts, full, tight } from './fixtures.ts';

/** Every edit name in an edit's JSON, groups opened. */
function namesIn(json: { name: string; args: Record<string, unknown> }): string[] {
  if (json.name !== 'group') return [json.name];
  return (json.args.edits as { name: string; args: Record<string, unknown> }[]).flatMap(namesIn);
}

describe('every edit: apply, invert, JSON', () => {
  it('covers every edit type', () => {
    expect(new Set(cases.map(([, e]) => e.name))).toEqual(new Set(EDIT_NAMES));
  });

  it.each(cases.map(([d, e], i) => [i, e.name, d, e] as const))(
    '#%i %s on %s',
    (_i, _name, draftName, edit) => {
      const before = deepFreeze(drafts[draftName]!());
      const after = edit.apply(before);
      expect(parseDraft(after)).toEqual(after);
      expect(after).not.toEqual(before);

      // The inverse is read from the draft before, and no built-in edit falls back to a raw patch.
      const inverse = edit.invert(before);
      if (edit.name !== 'patch') expect(namesIn(inverse.toJSON())).not.toContain('patch');
      expect(inverse.apply(after)).toEqual(before);

      const again = editFromJSON(JSON.parse(JSON.stringify(edit.toJSON())));
      expect(again.apply(before)).toEqual(after);
      const inverseAgain = editFromJSON(JSON.parse(JSON.stringify(inverse.toJSON())));
      expect(inverseAgain.apply(after)).toEqual(before);
    },
  );
});

describe('edits keep the draft sensible', () => {
  it('clamps a transition to the shorter neighbour and drops it from a new last item', () => {
    const d = full();
    const short = setItemDuration({ items: [1], ms: 300 }).apply(d);
    expect(videoTrack(short)!.sg[0]!.m.tr!.d).toBe(300);
    expect(videoTrack(short)!.sg[1]!.m.tr!.d).toBe(300);
    const moved = moveItem({ from: 4, to: 0 }).apply(d);
    expect(videoTrack(moved)!.sg[4]!.m.tr).toBeUndefined();
    // A transition that was on every cut stays on every cut.
    expect(
      videoTrack(moved)!
        .sg.slice(0, -1)
        .every((it) => it.m.tr?.type === 'fade'),
    ).toBe(true);
  });

  it('music that covered the video keeps covering it; titles stay at the start; captions follow their photo', () => {
    const d = full();
    const longer = setItemDuration({ items: 'all', ms: 5000 }).apply(d);
    expect(totalMs(longer)).toBe(25000);
    expect(longer.t[1]!.sg[0]!.d).toBe(25000);
    const text = longer.t[2]!.sg;
    expect(text[0]).toMatchObject({ text: 'Porto', s: 0 });
    expect(text[1]).toMatchObject({ text: 'Ribeira', s: 10000, d: 5000 });

    const moved = moveItem({ from: 2, to: 0 }).apply(d);
    expect(moved.t[2]!.sg.find((s) => s.text === 'Ribeira')).toMatchObject({ s: 0, d: 3000 });
    const removed = removeItem({ index: 2 }).apply(d);
    expect(removed.t[2]!.sg.map((s) => s.text)).toEqual(['Porto']);

    const shorter = setItemDuration({ items: 'all', ms: 500 }).apply(d);
    expect(shorter.t[1]!.sg[0]!.d).toBe(2500);
    expect(shorter.t[2]!.sg[0]!.d).toBeLessThanOrEqual(2500);
  });

  it('refuses edits that do not fit, with EDIT_INVALID, and never mutates its input', () => {
    const d = deepFreeze(full());
    expect(() => removeItem({ index: 9 }).apply(d)).toThrow(expect.objectContaining({ key: 'EDIT_INVALID' }));
    expect(() => setTransition({ items: [4], type: 'fade' }).apply(d)).toThrow(/no cut after item 5/);
    expect(() => setText({ index: 5, text: 'x' }).apply(d)).toThrow(expect.objectContaining({ code: 4102 }));
    expect(() => setOrder({ order: [0, 1] }).apply(d)).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
  });

  it('refuses bad arguments and unknown edits with BAD_REQUEST', () => {
    expect(() => editFromJSON({ name: 'set_item_duration', args: { items: 'all', ms: -5 } })).toThrow(
      expect.objectContaining({ key: 'BAD_REQUEST' }),
    );
    expect(() => editFromJSON({ name: 'set_order', args: { order: [0, 0] } })).toThrow(/permutation/);
    expect(() => editFromJSON({ name: 'explode', args: {} })).toThrow(/Unknown edit "explode"/);
  });
});

describe('set_name', () => {
  it('names the project, trimmed; null removes the name; the inverse restores the previous name', () => {
    const d = deepFreeze(full());
    const named = setName({ name: '  Porto trip ' }).apply(d);
    expect(named.m.name).toBe('Porto trip');
    expect(setName({ name: 'Porto trip' }).invert(d).toJSON()).toEqual({
      name: 'set_name',
      args: { name: null },
    });
    const renamed = setName({ name: 'Lisbon' }).apply(named);
    expect(setName({ name: 'Lisbon' }).invert(named).toJSON()).toEqual({
      name: 'set_name',
      args: { name: 'Porto trip' },
    });
    const cleared = setName({ name: null }).apply(renamed);
    expect(cleared.m).not.toHaveProperty('name');
    expect(setName({ name: null }).invert(renamed).apply(cleared).m.name).toBe('Lisbon');
  });

  it('refuses an empty or overlong name with BAD_REQUEST', () => {
    expect(() => setName({ name: '   ' })).toThrow(expect.objectContaining({ key: 'BAD_REQUEST' }));
    expect(() => editFromJSON({ name: 'set_name', args: { name: 'x'.repeat(201) } })).toThrow(
      expect.objectContaining({ key: 'BAD_REQUEST' }),
    );
    expect(() => editFromJSON({ name: 'set_name', args: {} })).toThrow(/name/);
  });
});

describe('remove_items', () => {
  const srcs = (d: Draft) => videoTrack(d)!.sg.map((it) => it.src);

  it('removes several photos at once, keeping the order of the rest', () => {
    const d = deepFreeze(full());
    const after = removeItems({ indices: [3, 0] }).apply(d);
    expect(srcs(after)).toEqual(['p2', 'p3', 'p5']);
    expect(totalMs(after)).toBe(9000);
    // The music still covers the shorter video; the caption of photo 3 stays on photo 3.
    expect(after.t[1]!.sg[0]!.d).toBe(9000);
    expect(after.t[2]!.sg.find((s) => s.text === 'Ribeira')).toMatchObject({ s: 3000, d: 3000 });
  });

  it('keeps transitions valid: none after the new last item, clamped to the new neighbours', () => {
    const d = deepFreeze(tight());
    const after = removeItems({ indices: [0, 1] }).apply(d);
    const items = videoTrack(after)!.sg;
    expect(items.map((it) => it.d)).toEqual([600, 2000]);
    expect(items[1]!.m.tr).toBeUndefined();
    expect(items[0]!.m.tr!.d).toBeLessThanOrEqual(600);
    const lastGone = removeItems({ indices: [3, 2] }).apply(d);
    expect(videoTrack(lastGone)!.sg.at(-1)!.m.tr).toBeUndefined();
  });

  it('is undone by insert_items with the removed items at their places', () => {
    const d = deepFreeze(full());
    const inverse = removeItems({ indices: [4, 1] })
      .invert(d)
      .toJSON();
    expect(inverse).toEqual({
      name: 'insert_items',
      args: {
        items: [
          { index: 1, item: videoTrack(d)!.sg[1] },
          { index: 4, item: videoTrack(d)!.sg[4] },
        ],
      },
    });
    expect(
      insertItems({ items: [{ index: 0, item: { src: 'x', d: 1000, m: {} } }] })
        .invert(d)
        .toJSON(),
    ).toEqual({
      name: 'remove_items',
      args: { indices: [0] },
    });
  });

  it('refuses repeated or missing items', () => {
    const d = deepFreeze(full());
    expect(() => removeItems({ indices: [1, 1] })).toThrow(expect.objectContaining({ key: 'BAD_REQUEST' }));
    expect(() => removeItems({ indices: [] })).toThrow(expect.objectContaining({ key: 'BAD_REQUEST' }));
    expect(() => removeItems({ indices: [2, 5] }).apply(d)).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
    expect(() => insertItems({ items: [{ index: 7, item: { src: 'x', d: 1000, m: {} } }] }).apply(d)).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
  });
});

describe('patch', () => {
  it('sets raw fields, validates what it makes, and refuses paths into prototypes', () => {
    const d = deepFreeze(full());
    expect(patch({ ops: [{ p: ['m', 'name'], v: 'Trip' }] }).apply(d).m.name).toBe('Trip');
    expect(() => patch({ ops: [{ p: ['fps'], v: 0 }] }).apply(d)).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
    expect(() => patch({ ops: [{ p: ['__proto__', 'x'], v: 1 }] })).toThrow(
      expect.objectContaining({ key: 'BAD_REQUEST' }),
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
