import { describe, expect, it } from 'vitest';
import {
  chunkBounds,
  escapeFilterValue,
  fpsFraction,
  layoutFrames,
  planRender,
  textMargins,
  transitionSeed,
  type PlanInput,
  type PlanVideoInput,
} from '../../src/render/plan.ts';
import { parseDraft, type DraftInput } from '../../src/timeline/draft.ts';
import { TRANSITIONS } from '../../src/timeline/transitions.ts';

const FONT = '/opt/photoreel/assets/fonts/wqy-microhei.ttc';

function still(i: number): PlanVideoInput {
  return { kind: 'image', path: `/cache/p${i}.png`, width: 320, height: 180 };
}

/** Golden drafts render in one run (chunking has its own test below). */
function plan(
  draft: DraftInput,
  video?: PlanVideoInput[],
  audio: PlanInput['audio'] = [],
  maxItemsPerRun = 100,
) {
  const d = parseDraft(draft);
  const items = d.t.find((t) => t.tt === 0)?.sg ?? [];
  return planRender({
    draft: d,
    video: video ?? items.map((_, i) => still(i)),
    audio,
    fontPath: FONT,
    output: '/out/video.mp4.partial',
    scratchDir: '/scratch',
    maxItemsPerRun,
  });
}

function photos(n: number, m: (i: number) => Record<string, unknown> = () => ({}), d = 1000): DraftInput {
  return {
    v: 1,
    w: 320,
    h: 180,
    fps: 10,
    t: [{ tt: 0, sg: Array.from({ length: n }, (_, i) => ({ src: `p${i}`, d, m: m(i) })) }],
    m: { seed: 'golden' },
  } as DraftInput;
}

/** Args as one readable block: a line per argument. */
function show(p: ReturnType<typeof plan>): string {
  return p.args.join('\n');
}

describe('planRender golden args', () => {
  it('cuts only', async () => {
    const p = plan(photos(3));
    expect(p.frames).toBe(30);
    expect(p.durationMs).toBe(3000);
    await expect(show(p)).toMatchFileSnapshot('golden/cuts.txt');
  });

  it('fades', async () => {
    const p = plan(photos(3, (i) => (i < 2 ? { tr: { type: 'fade', d: 400 } } : {})));
    expect(p.frames).toBe(30);
    expect(p.graph).toContain('xfade=transition=fade:duration=0.400000:offset=0.800000');
    expect(p.graph).toContain('xfade=transition=fade:duration=0.400000:offset=1.800000');
    await expect(show(p)).toMatchFileSnapshot('golden/fades.txt');
  });

  it('every transition type, cut and random', async () => {
    const types = [...TRANSITIONS, 'cut', 'random', 'random'];
    const p = plan(
      photos(types.length + 1, (i) => (i < types.length ? { tr: { type: types[i], d: 200 } } : {}), 400),
    );
    for (const name of TRANSITIONS) expect(p.graph).toContain(`xfade=transition=${name}:`);
    expect(p.graph).toContain('concat=n=2');
    expect(p.frames).toBe((types.length + 1) * 4);
    await expect(show(p)).toMatchFileSnapshot('golden/transitions.txt');
  });

  it('motion', async () => {
    const motions = ['zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'pan-up', 'pan-down', 'none'];
    const p = plan(
      photos(motions.length, (i) => ({ motion: { type: motions[i], amount: i === 1 ? 0.2 : undefined } })),
    );
    // Two lanes (A/B roll), one perspective each, however many photos move.
    expect(p.graph.match(/perspective=/g)).toHaveLength(2);
    expect(p.graph).not.toContain('zoompan');
    await expect(show(p)).toMatchFileSnapshot('golden/motion.txt');
  });

  it('text', async () => {
    const draft = photos(2);
    (draft.t as unknown[]).push({
      tt: 7,
      sg: [
        { text: 'Title', s: 0, d: 1500, m: { pos: 'center', size: 0.08, color: '#ffcc00' } },
        { text: "It's: 100%\n{a,b}", s: 1000, d: 1000, m: { pos: 'bottom-right' } },
      ],
    });
    const p = plan(draft);
    expect(p.files.filter((f) => f.path.endsWith('.txt'))).toEqual([
      { path: '/scratch/text-0-0-0.txt', content: 'Title' },
      { path: '/scratch/text-0-1-0.txt', content: "It's: 100%" },
      { path: '/scratch/text-0-1-1.txt', content: '{a,b}' },
    ]);
    expect(p.graph).not.toContain('100%');
    await expect(show(p)).toMatchFileSnapshot('golden/text.txt');
  });

  it('music and clip sound', async () => {
    const draft = photos(2, (i) =>
      i === 0 ? { tr: { type: 'fade', d: 500 } } : { from: 250, volume: 0.5, fit: 'blur' },
    );
    (draft.t as unknown[]).push({
      tt: 1,
      sg: [{ src: 'music', s: 500, d: 10000, m: { volume: 0.35, fadeIn: 200, fadeOut: 1000, loop: true } }],
    });
    const clip: PlanVideoInput = {
      kind: 'clip',
      path: '/media/c.mp4',
      width: 640,
      height: 480,
      durationMs: 5000,
      hasAudio: true,
    };
    const p = plan(draft, [still(0), clip], [{ path: '/media/music.m4a', durationMs: 800 }]);
    expect(p.args).toContain('-stream_loop');
    expect(p.graph).toContain('loudnorm=I=-14');
    expect(p.graph).toContain('amix=inputs=2');
    await expect(show(p)).toMatchFileSnapshot('golden/music.txt');
  });
});

describe('plan timing', () => {
  it('counts frames from the sum of durations, without drift', () => {
    const d = parseDraft(photos(7, () => ({}), 333));
    const layout = layoutFrames(d);
    expect(layout.frames).toBe(Math.round((7 * 333 * 10) / 1000));
    // Each item starts where the previous one ends.
    layout.items.forEach((it, i) => {
      if (i > 0) expect(it.start).toBe(layout.items[i - 1]!.end);
    });
    expect(layout.items.at(-1)!.end).toBe(layout.frames);
  });

  it('centres a transition on its cut and keeps the length', () => {
    const d = parseDraft(photos(2, (i) => (i === 0 ? { tr: { type: 'fade', d: 600 } } : {})));
    const [a, b] = layoutFrames(d).items;
    expect(a!.out).toEqual({ type: 'fade', frames: 6, start: 7 });
    expect(a!.clipEnd).toBe(13);
    expect(b!.clipStart).toBe(7);
    expect(b!.clipEnd).toBe(20);
  });

  it('resolves random transitions from the seed, or a hash of the sources', () => {
    const d = parseDraft(photos(6, (i) => (i < 5 ? { tr: { type: 'random', d: 300 } } : {})));
    const once = layoutFrames(d).items.map((i) => i.out?.type);
    expect(layoutFrames(d).items.map((i) => i.out?.type)).toEqual(once);
    const unseeded = parseDraft({ ...photos(2), m: {} });
    expect(transitionSeed(unseeded)).toBe(transitionSeed(parseDraft({ ...photos(2), m: {} })));
    expect(transitionSeed(unseeded)).not.toBe(transitionSeed(parseDraft({ ...photos(3), m: {} })));
  });

  it('cuts long drafts into runs only where no transition is playing', () => {
    const d = parseDraft(photos(20, (i) => (i < 19 ? { tr: { type: 'fade', d: 400 } } : {})));
    const layout = layoutFrames(d);
    const bounds = chunkBounds(
      layout,
      layout.items.map((i) => i.index),
      6,
    );
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(200);
    expect(bounds.length).toBeGreaterThan(3);
    for (const b of bounds) {
      for (const it of layout.items)
        if (it.out) expect(b <= it.out.start || b >= it.out.start + it.out.frames).toBe(true);
    }
    const p = plan(
      photos(20, (i) => (i < 19 ? { tr: { type: 'fade', d: 400 } } : {})),
      undefined,
      [],
      6,
    );
    expect(p.runs).toHaveLength(bounds.length);
    expect(p.args).toContain('copy');
  });

  it('reads frame rates exactly', () => {
    expect(fpsFraction(30)).toEqual({ num: 30, den: 1 });
    expect(fpsFraction(29.97)).toEqual({ num: 30000, den: 1001 });
    expect(fpsFraction(23.976)).toEqual({ num: 24000, den: 1001 });
    expect(fpsFraction(12.5)).toEqual({ num: 25, den: 2 });
  });

  it('keeps vertical text clear of the platform UI', () => {
    const m = textMargins(1080, 1920);
    expect(m.top).toBeGreaterThanOrEqual(0.12 * 1920);
    expect(m.bottom).toBeGreaterThanOrEqual(0.2 * 1920);
  });

  it('escapes filter values on both levels', () => {
    expect(escapeFilterValue("/a b/it's:[x],y;z\\")).toBe("/a b/it\\\\\\'s\\\\:\\[x\\]\\,y\\;z\\\\\\\\");
  });
});
