import { describe, expect, it } from 'vitest';
import { isPhotoreelError } from '../../src/errors.ts';
import { parseDraft, videoTrack, type Draft } from '../../src/timeline/draft.ts';
import type { Edit } from '../../src/timeline/edit.ts';
import {
  addText,
  insertItem,
  insertItems,
  moveItem,
  removeItem,
  removeItems,
  removeMusic,
  removeText,
  setCanvas,
  setClipVolume,
  setFit,
  setItemDuration,
  setMotion,
  setMusic,
  setName,
  setOrder,
  setText,
  setTransition,
} from '../../src/timeline/edits/index.ts';
import { History } from '../../src/timeline/history.ts';
import { seededRandom } from '../../src/timeline/random.ts';
import { empty, full, mixed, tight } from './fixtures.ts';

/** A random edit that may or may not fit the draft (seeded: the same every run). */
function randomEdit(d: Draft, rnd: () => number): Edit {
  const n = videoTrack(d)?.sg.length ?? 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const idx = () => Math.floor(rnd() * Math.max(n, 1));
  const some = () => [...new Set([idx(), idx()])];
  const texts = d.t.find((t) => t.tt === 7)?.sg.length ?? 0;
  const ms = () => pick([200, 400, 600, 1000, 3000, 6000]);
  const makers: (() => Edit)[] = [
    () => setItemDuration({ items: pick(['all', some()] as const), ms: ms() }),
    () =>
      setTransition({
        items: pick(['all', [Math.max(0, idx() - 1)]] as const),
        type: pick(['fade', 'wipeleft', 'cut', 'none'] as const),
        d: ms(),
      }),
    () =>
      setMotion({
        items: some(),
        type: pick(['zoom-in', 'none', 'auto', null] as const),
        amount: pick([0.2, null, undefined]),
      }),
    () => setFit({ items: some(), fit: pick(['cover', 'contain', null] as const) }),
    () => setClipVolume({ items: some(), volume: pick([0, 1, null]) }),
    () => moveItem({ from: idx(), to: idx() }),
    () => removeItem({ index: idx() }),
    () => removeItems({ indices: some() }),
    () =>
      insertItem({
        index: Math.floor(rnd() * (n + 1)),
        item: { src: 'new', d: ms(), m: pick([{}, { tr: { type: 'fade', d: 300 } }]) },
      }),
    () =>
      insertItems({
        items: [
          { index: 0, item: { src: 'a', d: ms(), m: {} } },
          { index: n + 1, item: { src: 'b', d: ms(), m: {} } },
        ],
      }),
    () => setOrder({ order: Array.from({ length: n }, (_, i) => n - 1 - i) }),
    () => addText({ text: pick(['Hi', 'End']), s: pick([0, 1000, 3000, 6000]), d: ms(), color: '#ff0000' }),
    () => addText({ text: 'On photo', item: idx() }),
    () => addText({ text: 'End card', end: true, d: pick([1000, 3000, undefined]) }),
    () =>
      setText({
        index: Math.floor(rnd() * Math.max(texts, 1)),
        s: pick([0, 600, 3000, undefined]),
        size: pick([0.1, null, undefined]),
      }),
    () => removeText({ index: Math.floor(rnd() * Math.max(texts, 1)) }),
    () =>
      setMusic({
        src: pick(['song', undefined]),
        volume: pick([0.4, null, undefined]),
        fadeOut: pick([5000, undefined]),
      }),
    () => removeMusic({}),
    () =>
      setCanvas(
        pick([
          { fps: 24 },
          { w: 1080, h: 1920 },
          { w: 1000, h: 800, preset: null },
          { resolution: '720' as const },
        ]),
      ),
    () => setName({ name: pick(['Trip', null]) }),
  ];
  return pick(makers)();
}

describe('random edit sequences', () => {
  it.each([
    ['full', 1, full],
    ['tight', 2, tight],
    ['mixed', 3, mixed],
    ['empty', 4, empty],
  ] as const)(
    'on %s (seed %i): every step is valid, and its inverse gives the draft back',
    (_n, seed, make) => {
      const rnd = seededRandom(seed);
      let d = make();
      let history = History.empty();
      const seen: Draft[] = [d];
      let applied = 0;
      for (let step = 0; step < 100; step++) {
        const edit = randomEdit(d, rnd);
        let after: Draft;
        try {
          after = edit.apply(d);
        } catch (e) {
          if (!isPhotoreelError(e)) throw e;
          continue;
        }
        expect(parseDraft(after), `${JSON.stringify(edit.toJSON())}`).toEqual(after);
        const inv = edit.invert(d).apply(after);
        expect(inv, JSON.stringify(edit.toJSON())).toEqual(d);
        const s = history.push(d, [edit]);
        history = s.history;
        d = s.draft;
        seen.push(d);
        applied++;
      }
      expect(applied).toBeGreaterThan(30);
      // Undo all the way back, checking every draft on the way.
      for (let i = seen.length - 2; i >= 0; i--) {
        const u = history.undo(d);
        if (!u) break;
        history = u.history;
        d = u.draft;
        expect(d).toEqual(seen[i]);
      }
    },
  );
});
