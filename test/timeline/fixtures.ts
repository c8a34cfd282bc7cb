import { slideshowDraft } from '../../src/timeline/build.ts';
import { parseDraft, type Draft } from '../../src/timeline/draft.ts';
import type { Edit } from '../../src/timeline/edit.ts';
import {
  addText,
  group,
  insertItem,
  insertItems,
  insertText,
  moveItem,
  patch,
  removeItem,
  removeItems,
  removeMusic,
  removeText,
  replaceDraft,
  restoreMusic,
  restoreText,
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

/** Freezes a draft so an edit that mutated its input would throw. */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

export const photos = (n: number, prefix = 'p') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, kind: 'image' as const }));

/** Five photos (3 s, fade 500 ms on every cut, blur fit), music over all 15 s, the title "Porto" and the caption "Ribeira" on photo 3. */
export function full(): Draft {
  const d = slideshowDraft(photos(5), {
    music: { id: 'song', durationMs: 20000 },
    title: 'Porto',
    seed: 's',
  });
  return addText({ text: 'Ribeira', s: 6000, d: 3000, pos: 'bottom', size: 0.05 }).apply(d);
}
/** Photos and clips, hard cuts, no music. */
export function mixed(): Draft {
  return slideshowDraft(
    [
      { id: 'p1', kind: 'image' },
      { id: 'c1', kind: 'video', durationMs: 4200 },
      { id: 'p2', kind: 'image' },
      { id: 'c2', kind: 'video', durationMs: 800 },
    ],
    { transition: 'none', preset: 'vertical' },
  );
}
/** Photos of 0.6 s with 600 ms transitions at their limit (fade, wipeleft, fade), the last photo 2 s, music at half volume. */
export function tight(): Draft {
  const d = slideshowDraft(photos(4), { seconds: 0.6, transitionMs: 600 });
  const withTr = setTransition({ items: [1], type: 'wipeleft', d: 600 }).apply(d);
  const withMusic = setMusic({ src: 'song', volume: 0.5 }).apply(withTr);
  return setItemDuration({ items: [3], ms: 2000 }).apply(withMusic);
}
export function empty(): Draft {
  return parseDraft({ v: 1, w: 1920, h: 1080, fps: 30, t: [] });
}

export const drafts: Record<string, () => Draft> = { full, mixed, tight, empty };

/** One or more edits of every kind, each on the draft it changes: [draft name, edit]. */
export const cases: [string, Edit][] = [
  ['full', setCanvas({ w: 1080, h: 1920, preset: 'vertical' })],
  ['mixed', setCanvas({ fps: 60 })],
  ['empty', setCanvas({ w: 1280, h: 720 })],
  ['full', setItemDuration({ items: 'all', ms: 1000 })],
  ['full', setItemDuration({ items: [2], ms: 8000 })],
  ['tight', setItemDuration({ items: [0, 1], ms: [300, 5000] })],
  ['mixed', setItemDuration({ items: [1], ms: 1200 })],
  ['full', setTransition({ items: 'all', type: 'wipeleft', d: 900 })],
  ['full', setTransition({ items: [1], type: 'none' })],
  ['mixed', setTransition({ items: 'all', type: 'fade' })],
  ['tight', setTransition({ items: 'all', d: 100 })],
  ['full', setTransition({ items: [0], type: 'cut' })],
  ['full', setMotion({ items: 'all', type: 'none' })],
  ['mixed', setMotion({ items: [0, 2], type: 'auto', amount: 0.2 })],
  ['full', setMotion({ items: [4], type: 'pan-up' })],
  ['full', setFit({ items: 'all', fit: 'contain' })],
  ['mixed', setFit({ items: [1], fit: 'cover' })],
  ['full', moveItem({ from: 4, to: 0 })],
  ['full', moveItem({ from: 2, to: 3 })],
  ['tight', moveItem({ from: 0, to: 3 })],
  ['mixed', moveItem({ from: 3, to: 1 })],
  ['full', removeItem({ index: 2 })],
  ['full', removeItem({ index: 4 })],
  ['tight', removeItem({ index: 0 })],
  ['mixed', removeItem({ index: 3 })],
  ['full', insertItem({ index: 5, item: { src: 'p9', d: 3000, m: { fit: 'blur' } } })],
  ['tight', insertItem({ index: 1, item: { src: 'p1', d: 600, m: {} } })],
  ['empty', insertItem({ index: 0, item: { src: 'p1', d: 2000, m: {} } })],
  ['full', removeItems({ indices: [3, 0] })],
  ['full', removeItems({ indices: [4] })],
  ['tight', removeItems({ indices: [0, 1, 2] })],
  ['mixed', removeItems({ indices: [0, 1, 2, 3] })],
  [
    'full',
    insertItems({
      items: [
        { index: 0, item: { src: 'p8', d: 2000, m: {} } },
        { index: 6, item: { src: 'p9', d: 4000, m: {} } },
      ],
    }),
  ],
  [
    'empty',
    insertItems({
      items: [
        { index: 1, item: { src: 'p2', d: 1000, m: {} } },
        { index: 0, item: { src: 'p1', d: 2000, m: {} } },
      ],
    }),
  ],
  ['full', setName({ name: '  Porto trip ' })],
  ['mixed', setName({ name: 'Clips' })],
  ['full', setOrder({ order: [4, 3, 2, 1, 0] })],
  ['tight', setOrder({ order: [2, 0, 3, 1] })],
  ['mixed', setOrder({ order: [1, 0, 3, 2] })],
  ['full', addText({ text: 'The end', s: 12000, d: 3000, pos: 'top' })],
  ['mixed', addText({ text: 'Hello', s: 0, d: 3000 })],
  ['full', setText({ index: 0, text: 'Lisbon', pos: 'top' })],
  ['full', setText({ index: 1, d: 60000 })],
  ['full', removeText({ index: 0 })],
  ['full', removeText({ index: 1 })],
  ['full', setMusic({ volume: 0.3, fadeOut: 3000 })],
  ['mixed', setMusic({ src: 'song' })],
  ['tight', setMusic({ src: 'other', loop: false })],
  ['full', removeMusic({})],
  ['tight', restoreMusic({ tracks: [] })],
  [
    'mixed',
    restoreMusic({ tracks: [{ at: 0, track: { tt: 1, sg: [{ src: 'song', s: 0, d: 1000, m: {} }] } }] }),
  ],
  ['full', restoreText({ tracks: [{ at: 2, track: { tt: 7, sg: [{ text: 'Hi', s: 0, d: 500, m: {} }] } }] })],
  ['full', insertText({ index: 1, item: { text: 'Between', s: 0, d: 1000, m: { color: '#ff8800' } } })],
  ['mixed', insertText({ index: 0, item: { text: 'First', s: 100, d: 1000, m: {} } })],
  [
    'full',
    group([setFit({ items: [0], fit: 'cover' }), removeItem({ index: 0 }), setName({ name: 'Trip' })]),
  ],
  ['full', setFit({ items: [1, 3], fit: null })],
  ['mixed', setClipVolume({ items: 'all', volume: 0.5 })],
  ['full', setMotion({ items: [0, 1], type: null })],
  ['full', setMotion({ items: 'all', amount: null })],
  ['full', setText({ index: 1, s: 0 })],
  ['full', setText({ index: 0, s: 7000, color: null, pos: 'top' })],
  ['full', setMusic({ volume: null, loop: null, fadeIn: 0 })],
  ['full', setItemDuration({ items: [0, 1, 2], ms: 400 })],
  ['full', moveItem({ from: 2, to: 0 })],
  ['tight', setOrder({ order: [3, 2, 1, 0] })],
  ['tight', removeItems({ indices: [3] })],
  ['full', setCanvas({ w: 1000, h: 1000, preset: null })],
  ['mixed', setCanvas({ resolution: '4k' })],
  ['full', addText({ text: 'Finish line!', item: 4, color: '#ff8800' })],
  ['mixed', addText({ text: 'Thanks for watching', end: true, d: 2000 })],
  ['mixed', setClipVolume({ items: [1, 3], volume: 0 })],
  ['full', replaceDraft({ draft: mixed() })],
  ['empty', replaceDraft({ draft: full() })],
  [
    'full',
    patch({
      ops: [
        { p: ['fps'], v: 24 },
        { p: ['m', 'name'], v: 'Trip' },
      ],
    }),
  ],
];
