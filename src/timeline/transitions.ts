import { seededRandom, hashSeed } from './random.ts';

/**
 * Named transitions, in the order docs/transitions.md documents them. The names are ffmpeg xfade's; what
 * each draws is defined in docs/transitions.md and drawn by src/render/transitions. A name dropped from this
 * list must stay accepted in drafts (TRANSITION_TYPES) and be mapped to a drawn one in resolveTransition.
 */
export const TRANSITIONS = [
  'fade',
  'fadeblack',
  'fadewhite',
  'dissolve',
  'wipeleft',
  'wiperight',
  'wipeup',
  'wipedown',
  'slideleft',
  'slideright',
  'slideup',
  'slidedown',
  'smoothleft',
  'smoothright',
  'smoothup',
  'smoothdown',
  'circleopen',
  'circleclose',
  'radial',
  'zoomin',
  'pixelize',
  'hblur',
  'distance',
] as const;

export type NamedTransition = (typeof TRANSITIONS)[number];
/** What a draft may say: a named transition, a hard `cut`, or a seeded `random` pick. */
export const TRANSITION_TYPES = [...TRANSITIONS, 'cut', 'random'] as const;
export type TransitionType = (typeof TRANSITION_TYPES)[number];

/**
 * The transition actually drawn at cut `index` (0 = between items 0 and 1): always one of TRANSITIONS
 * or `cut`. `random` picks from TRANSITIONS with a generator seeded by `seed` and the index, so the same
 * draft always gives the same choices.
 */
export function resolveTransition(
  type: TransitionType,
  index: number,
  seed: string,
): NamedTransition | 'cut' {
  if (type !== 'random') return type;
  const rand = seededRandom(hashSeed(`${seed}:${index}`));
  return TRANSITIONS[Math.floor(rand() * TRANSITIONS.length)] ?? 'fade';
}
