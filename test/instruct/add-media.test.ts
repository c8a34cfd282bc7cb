import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/instruct/interpret.ts';
import type { InstructContext } from '../../src/instruct/types.ts';
import { videoTrack } from '../../src/timeline/draft.ts';
import { FIXTURES } from './fixtures.ts';

function say(ctx: InstructContext, ...words: string[]): InstructContext & { reply: string } {
  let reply = '';
  for (const w of words) {
    const r = interpret(w, ctx);
    ctx = { ...ctx, draft: r.draft, history: r.history };
    reply = r.reply;
  }
  return { ...ctx, reply };
}
const sg = (ctx: InstructContext) => videoTrack(ctx.draft)?.sg ?? [];

describe('adding new uploads to an edited video', () => {
  it('gives every new cut the usual transition even when the cuts differ, and keeps the motion cycle', () => {
    const ctx = say(FIXTURES.partial(), 'wipe left between photo 2 and 3', 'add the new photos');
    const items = sg(ctx);
    expect(items.map((it) => it.src)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'c1']);
    expect(items.map((it) => it.m.tr?.type)).toEqual([
      'dissolve',
      'wipeleft',
      'dissolve',
      'dissolve',
      'dissolve',
      undefined,
    ]);
    expect(items.map((it) => it.m.motion?.type)).toEqual([
      'zoom-in',
      'pan-right',
      'zoom-out',
      'pan-left',
      'zoom-in',
      'none',
    ]);
    expect(items.at(-1)?.d).toBe(6000);
    expect(ctx.reply).toMatch(/^Added 2 photos and 1 clip at the end/);
  });

  it('keeps a single motion when every photo has the same one, and undo takes every new item out at once', () => {
    const start = say(FIXTURES.partial(), 'no motion');
    const added = say(start, 'add all photos');
    expect(sg(added).map((it) => it.m.motion?.type)).toEqual(Array(6).fill('none'));
    const undone = say(added, 'undo');
    expect(undone.draft).toEqual(start.draft);
  });

  it('adds nothing twice: a second "add the new photos" says they are all in', () => {
    const twice = say(FIXTURES.partial(), 'add the new photos', 'add the new photos');
    expect(sg(twice)).toHaveLength(6);
    expect(twice.reply).toMatch(/already in the video/);
  });
});
