/** Types the player shares with the timeline (type-only: nothing of the schema is bundled). */
export type { Draft, Fit, TextPosition } from '../../../src/timeline/draft.ts';
export type { NamedTransition as NamedTransitionName } from '../../../src/timeline/transitions.ts';
