import { slideshowDraft } from '../../src/timeline/build.ts';
import { parseDraft, type Draft } from '../../src/timeline/draft.ts';
import { addText, setItemDuration, setMusic, setTransition } from '../../src/timeline/edits/index.ts';

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
