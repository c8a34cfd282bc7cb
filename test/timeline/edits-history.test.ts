import { describe, expect, it } from 'vitest';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { z } from 'zod';
import { videoTrack } from '../../src/timeline/draft.ts';
import {
  defineEdit,
  moveItem,
  removeItem,
  setCanvas,
  setItemDuration,
  setTransition,
} from '../../src/timeline/edits/index.ts';
import { Transform } from '../../src/timeline/transform.ts';
import { History, MAX_HISTORY_STEPS } from '../../src/timeline/history.ts';

const base = () =>
  slideshowDraft(
    ['a', 'b', 'c', 'd'].map((id) => ({ id, kind: 'image' as const })),
    { music: { id: 'song' } },
  );

describe('History', () => {
  it('undoes one group (one instruction) as one step, and redoes it', () => {
    const d0 = base();
    const h0 = History.empty();
    const s1 = h0.push(d0, [
      setCanvas({ w: 1080, h: 1920, preset: 'vertical' }),
      setItemDuration({ items: 'all', ms: 1000 }),
    ]);
    const s2 = s1.history.push(s1.draft, [moveItem({ from: 3, to: 0 })]);
    expect(s2.history.canUndo).toBe(true);

    const u1 = s2.history.undo(s2.draft)!;
    expect(u1.draft).toEqual(s1.draft);
    const u2 = u1.history.undo(u1.draft)!;
    expect(u2.draft).toEqual(d0);
    expect(u2.history.canUndo).toBe(false);
    expect(u2.history.undo(u2.draft)).toBeUndefined();

    const r1 = u2.history.redo(u2.draft)!;
    expect(r1.draft).toEqual(s1.draft);
    const r2 = r1.history.redo(r1.draft)!;
    expect(r2.draft).toEqual(s2.draft);
    expect(r2.history.canRedo).toBe(false);
  });

  it('round-trips through HistoryJSON, so undo works across requests', () => {
    const d0 = base();
    const s1 = History.empty().push(d0, [setTransition({ items: 'all', type: 'wipeleft', d: 300 })]);
    const json = JSON.parse(JSON.stringify(s1.history.toJSON()));
    const undone = History.fromJSON(json).undo(s1.draft)!;
    expect(undone.draft).toEqual(d0);
    expect(History.fromJSON(undefined).toJSON()).toEqual({ done: [], undone: [], made: [] });
    // Histories saved before `made` was kept still undo and redo.
    const old = JSON.parse(JSON.stringify({ done: json.done, undone: json.undone }));
    const u = History.fromJSON(old).undo(s1.draft)!;
    expect(u.draft).toEqual(d0);
    expect(u.history.redo(u.draft)!.draft).toEqual(s1.draft);
  });

  it('forgets what could be redone when a new change comes, and caps its length', () => {
    const d0 = base();
    const s1 = History.empty().push(d0, [setCanvas({ fps: 24 })]);
    const u = s1.history.undo(s1.draft)!;
    const s2 = u.history.push(u.draft, [setCanvas({ fps: 60 })]);
    expect(s2.history.canRedo).toBe(false);

    let h = History.empty();
    let d = d0;
    for (let i = 0; i < MAX_HISTORY_STEPS + 5; i++) {
      const s = h.push(d, [setCanvas({ fps: 10 + (i % 50) })]);
      h = s.history;
      d = s.draft;
    }
    expect(h.toJSON().done).toHaveLength(MAX_HISTORY_STEPS);
    expect(h.clear().toJSON()).toEqual({ done: [], undone: [], made: [] });
  });

  it('changes nothing for an empty group', () => {
    const d0 = base();
    const s = History.empty().push(d0, []);
    expect(s.draft).toBe(d0);
    expect(s.history.canUndo).toBe(false);
  });

  it('keeps the edits that made a step, so redo replays what was asked and the inverse is readable', () => {
    const d0 = base();
    const s1 = History.empty().push(d0, [
      setItemDuration({ items: 'all', ms: 1000 }),
      removeItem({ index: 0 }),
    ]);
    const json = s1.history.toJSON();
    expect(json.made).toEqual([
      [
        { name: 'set_item_duration', args: { items: 'all', ms: 1000 } },
        { name: 'remove_item', args: { index: 0 } },
      ],
    ]);
    expect(json.done[0]!.map((e) => e.name)).toEqual(['insert_item', 'set_item_duration']);
    const u = s1.history.undo(s1.draft)!;
    expect(u.draft).toEqual(d0);
    expect(u.history.toJSON().undone).toEqual(json.made);
    expect(u.history.redo(u.draft)!.draft).toEqual(s1.draft);
    // A `made` list that does not line up with `done` is ignored: redo then replays the inverse's inverse.
    const odd = History.fromJSON({ ...json, made: [] }).undo(s1.draft)!;
    expect(odd.history.toJSON().undone[0]).not.toEqual(json.made![0]);
    expect(odd.history.redo(odd.draft)!.draft).toEqual(s1.draft);
  });

  it('a Transform records one instruction clause by clause; History.commit validates it once', () => {
    const d0 = base();
    const tr = Transform.of(d0)
      .step([setCanvas({ fps: 24 })])
      .step([moveItem({ from: 3, to: 0 })]);
    expect(tr.changed).toBe(true);
    expect(tr.inverses.map((e) => e.name)).toEqual(['move_item', 'set_canvas']);
    const step = History.empty().commit(tr);
    expect(step.draft.fps).toBe(24);
    expect(videoTrack(step.draft)!.sg[0]!.src).toBe('d');
    expect(step.history.undo(step.draft)!.draft).toEqual(d0);

    // An edit that breaks the draft is caught where the group is recorded, and nothing is recorded.
    const broken = defineEdit({
      name: 'stretch_transition',
      args: z.object({}),
      run(draft) {
        videoTrack(draft)!.sg[0]!.m.tr = { type: 'fade', d: 60000 };
        return draft;
      },
      inverse: () => setCanvas({ fps: 30 }),
    });
    expect(() => History.empty().push(d0, [broken({})])).toThrow(
      expect.objectContaining({ key: 'EDIT_INVALID' }),
    );
  });
});
