import { z } from 'zod';
import { PhotoreelError } from '../../errors.ts';
import { describeIssues, type Draft } from '../draft.ts';
import type { Edit, EditJSON } from '../edit.ts';
import { clone } from './json.ts';

/** What makes one kind of edit: its name, argument schema, pure apply, and its readable inverse. */
export interface EditSpec<A> {
  name: string;
  args: z.ZodType<A>;
  /**
   * Gets a private copy of the draft it may change (and the original, read-only, as `before`);
   * returns the new draft. Given a valid draft and valid arguments it returns a valid draft (it checks
   * its own preconditions and clamps what follows), or throws EDIT_INVALID when it does not fit.
   */
  run(draft: Draft, args: A, before: Draft): Draft;
  /**
   * The edit that undoes this one, read from the draft BEFORE it (never by applying it): move 3→0 is
   * undone by move 0→3, set_fit by set_fit with the previous fits. It must give `before` back exactly.
   */
  inverse(before: Draft, args: A): Edit;
}

export type EditFactory<A> = ((args: A) => Edit) & { readonly spec: EditSpec<A> };

/** The edit's arguments did not validate: BAD_REQUEST naming the field. */
export function badArgs(name: string, issues: readonly z.core.$ZodIssue[]): PhotoreelError {
  return new PhotoreelError(
    'BAD_REQUEST',
    `The edit ${name} has invalid arguments: ${describeIssues(issues)}.`,
    {
      edit: name,
    },
  );
}

/** An edit that does not fit the draft it is applied to (photo 9 of 5, …). */
export function editInvalid(name: string, sentence: string): PhotoreelError {
  return new PhotoreelError('EDIT_INVALID', sentence, { edit: name });
}

/**
 * Builds the factory of one edit kind. Arguments are validated once, when the edit is made (from
 * code or from JSON); the draft is not re-validated after each step: edits keep a valid draft valid,
 * and a group of edits is checked once where it is recorded (see Transform and History).
 */
export function defineEdit<A>(spec: EditSpec<A>): EditFactory<A> {
  const make = (input: A): Edit => {
    const parsed = spec.args.safeParse(input);
    if (!parsed.success) throw badArgs(spec.name, parsed.error.issues);
    const args = parsed.data;
    return {
      name: spec.name,
      apply: (draft: Draft): Draft => spec.run(clone(draft), args, draft),
      invert: (before: Draft): Edit => spec.inverse(before, args),
      toJSON: (): EditJSON => ({ name: spec.name, args: clone(args) as Record<string, unknown> }),
    };
  };
  return Object.assign(make, { spec });
}
