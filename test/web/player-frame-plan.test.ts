/** The player's timing and layout: the renderer's own frame layout, motion and text timing, at preview size. */
import { describe, expect, it } from 'vitest';
import { frameContentAt, frameContents, layoutFrames } from '../../src/render/layout.ts';
import { kenBurnsMap, motionOf, motionTime, stillSize } from '../../src/render/motion.ts';
import { fadeAt, textWindow } from '../../src/render/text/timing.ts';
import { parseDraft, type DraftInput } from '../../src/timeline/draft.ts';
import {
  buildTimeline,
  frameAtMs,
  frameToMs,
  planFrame,
  previewSize,
} from '../../web/src/player/frame-plan.ts';
import { formatTime } from '../../web/src/player/controls.ts';

function draft(over: Partial<DraftInput> = {}) {
  return parseDraft({
    v: 1,
    w: 1920,
    h: 1080,
    fps: 30,
    t: [
      {
        tt: 0,
        sg: [
          {
            src: 'a',
            d: 2000,
            m: { motion: { type: 'zoom-in', amount: 0.2 }, tr: { type: 'wipeleft', d: 600 } },
          },
          { src: 'b', d: 1000, m: { fit: 'contain', tr: { type: 'random', d: 400 } } },
          { src: 'c', d: 1500, m: { motion: { type: 'pan-left' }, tr: { type: 'cut', d: 0 } } },
          { src: 'd', d: 1234, m: { fit: 'blur' } },
        ],
      },
      { tt: 7, sg: [{ text: 'Hello', s: 500, d: 2000, m: { pos: 'top' } }] },
    ],
    m: {},
    ...over,
  } as DraftInput);
}

describe('previewSize', () => {
  it('keeps the aspect with the long side at 640 and even sides', () => {
    expect(previewSize(1920, 1080)).toEqual({ w: 640, h: 360 });
    expect(previewSize(1080, 1920)).toEqual({ w: 360, h: 640 });
    expect(previewSize(1080, 1080)).toEqual({ w: 640, h: 640 });
    expect(previewSize(1080, 1350)).toEqual({ w: 512, h: 640 });
    expect(previewSize(320, 240)).toEqual({ w: 320, h: 240 });
  });
});

describe('frameContentAt', () => {
  it('gives every frame the content the renderer draws in order', () => {
    for (const fps of [24, 29.97, 30, 60]) {
      const layout = layoutFrames(draft({ fps }));
      const inOrder = [...frameContents(layout)];
      expect(inOrder.length).toBe(layout.frames);
      inOrder.forEach((c, f) => expect(frameContentAt(layout, f)).toEqual(c));
      expect(frameContentAt(layout, -1)).toEqual({ kind: 'item', item: -1 });
      expect(frameContentAt(layout, layout.frames)).toEqual({ kind: 'item', item: -1 });
    }
  });
});

describe('planFrame', () => {
  const d = draft();
  const tl = buildTimeline(d);

  it('lasts as many frames as the export, and maps ms to the frame whose interval holds it', () => {
    expect(tl.layout.frames).toBe(Math.round((5734 * 30) / 1000));
    expect(tl.durationMs).toBeCloseTo(frameToMs(tl.layout.frames, tl.fps));
    expect(frameAtMs(0, tl.fps, tl.layout.frames)).toBe(0);
    expect(frameAtMs(33.3, tl.fps, tl.layout.frames)).toBe(0);
    expect(frameAtMs(1000 / 30, tl.fps, tl.layout.frames)).toBe(1);
    expect(frameAtMs(1e9, tl.fps, tl.layout.frames)).toBe(tl.layout.frames - 1);
  });

  it('draws Ken Burns with the renderer warp map of the preview-size still', () => {
    const size = { w: 640, h: 360 };
    const motion = motionOf(d.t[0]!.sg[0] as never);
    const lay = tl.layout.items[0]!;
    for (const f of [0, 10, 40]) {
      const plan = planFrame(tl, f);
      expect(plan.layers).toEqual([
        {
          kind: 'still',
          item: 0,
          map: kenBurnsMap(motion, motionTime(f, lay.clipStart, lay.clipEnd), stillSize(size, motion), size),
        },
      ]);
    }
  });

  it('blends two items in a transition with the layout progress, and names the item past the cut', () => {
    const tr = tl.layout.items[0]!.out!;
    const f = tr.start + 2;
    const plan = planFrame(tl, f);
    expect(plan.layers.map((l) => (l.kind === 'still' ? l.item : -2))).toEqual([0, 1]);
    expect(plan.transition).toEqual({ type: 'wipeleft', progress: (f - tr.start + 1) / (tr.frames + 1) });
    expect(plan.item).toBe(f < 60 ? 0 : 1);
    expect(planFrame(tl, 60).item).toBe(1);
    // random resolves as the renderer resolves it (seeded by the draft).
    expect(tl.layout.items[1]!.out?.type).toBe(layoutFrames(d).items[1]!.out?.type);
  });

  it('shows texts with the renderer fades, and clips at their time from `from`', () => {
    const w = textWindow(500, 2000, tl.fps, tl.layout.frames)!;
    for (const f of [0, 15, 16, 20, 40, 74, 75]) {
      const a = fadeAt(w, f) / 256;
      expect(planFrame(tl, f).texts).toEqual(a > 0 ? [{ index: 0, alpha: a }] : []);
    }
    const clip = planFrame(tl, 70, (i) => i === 1);
    const lay = tl.layout.items[1]!;
    expect(clip.layers).toContainEqual({ kind: 'clip', item: 1, ms: frameToMs(70 - lay.clipStart, tl.fps) });
  });

  it('follows the draft aspect (vertical) and tolerates items without m', () => {
    const v = buildTimeline({
      v: 1,
      w: 1080,
      h: 1920,
      fps: 25,
      t: [{ tt: 0, sg: [{ src: 'a', d: 1000 }] }],
    } as never);
    expect(v.size).toEqual({ w: 360, h: 640 });
    expect(v.items[0]!.fit).toBe('cover');
    expect(planFrame(v, 3).layers[0]!.kind).toBe('still');
  });
});

describe('formatTime', () => {
  it('shows minutes, seconds and tenths', () => {
    expect(formatTime(0)).toBe('0:00.0');
    expect(formatTime(3250)).toBe('0:03.2');
    expect(formatTime(61_999)).toBe('1:01.9');
  });
});
