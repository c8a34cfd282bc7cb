import { describe, expect, it } from 'vitest';
import { drawTransition } from '../../../src/render/transitions/index.ts';
import {
  resolveTransition,
  TRANSITION_TYPES,
  TRANSITIONS,
  type NamedTransition,
} from '../../../src/timeline/transitions.ts';
import { emptyFrame, texturedFrame } from './frames.ts';

describe('the transition catalogue', () => {
  it('draws every name a draft may resolve to', () => {
    const from = texturedFrame(64, 36, 1);
    const to = texturedFrame(64, 36, 2);
    for (const type of TRANSITION_TYPES) {
      for (let index = 0; index < 40; index++) {
        const drawn = resolveTransition(type, index, 'seed');
        if (drawn === 'cut') continue;
        expect(TRANSITIONS).toContain(drawn);
        const out = emptyFrame(64, 36);
        expect(() => drawTransition(drawn, from, to, 0.5, out)).not.toThrow();
      }
    }
  });

  it('random picks only named transitions, the same ones for the same seed, and all of them over many cuts', () => {
    const picks = (seed: string) =>
      Array.from({ length: 400 }, (_, i) => resolveTransition('random', i, seed));
    const a = picks('draft-1');
    expect(picks('draft-1')).toEqual(a);
    expect(picks('draft-2')).not.toEqual(a);
    expect(new Set(a)).toEqual(new Set<NamedTransition>(TRANSITIONS));
  });

  it('passes named transitions and cut through unchanged', () => {
    for (const t of TRANSITIONS) expect(resolveTransition(t, 3, 's')).toBe(t);
    expect(resolveTransition('cut', 0, 's')).toBe('cut');
  });

  it('refuses a name outside the catalogue', () => {
    const f = texturedFrame(8, 8, 1);
    expect(() => drawTransition('sparkle' as NamedTransition, f, f, 0.5, emptyFrame(8, 8))).toThrow();
  });
});
