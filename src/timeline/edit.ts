import type { Draft } from './draft.ts';

/** An edit as JSON: what the protocol's functionCall events carry. */
export interface EditJSON {
  name: string;
  args: Record<string, unknown>;
}

/**
 * An invertible step (in the manner of ProseMirror's Step): `apply` gives the new draft,
 * `invert(before)` gives the edit that undoes it, `toJSON` round-trips through `editFromJSON`.
 * Edits are pure: they never mutate their input.
 */
export interface Edit {
  readonly name: string;
  apply(draft: Draft): Draft;
  invert(before: Draft): Edit;
  toJSON(): EditJSON;
}
