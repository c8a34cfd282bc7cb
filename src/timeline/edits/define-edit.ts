import { z } from 'zod';
import { PhotoreelError } from '../../errors.ts';
import { describeIssues, draftSchema, type Draft } from '../draft.ts';
import type { Edit, EditJSON } from '../edit.ts';
import { clone, jsonEqual } from './json.ts';
import { diffDrafts, patchFromOps } from './patch.ts';

/** What makes one kind of edit: its name, argument schema, pure apply, and (optionally) a semantic inverse. */
export interface EditSpec<A> {
  name: string;
  args: z.ZodType<A>;
  /**
   * Gets a private copy of the draft it may change (and the original, read-only, as `before`);
   * returns the new draft. Throws EDIT_INVALID when it does not fit.
   */
  run(draft: Draft, args: A, before: Draft): Draft;
  /**
   * The readable inverse (move 3→0 undone by move 0→3). Used when it gives back `before` exactly;
   * otherwise the inverse is a `patch` of exactly what changed.
   */
  inverse?(before: Draft, args: A, after: Draft): Edit | undefined;
}

export type EditFactory<A> = ((args: A) => Edit) & { readonly spec: EditSpec<A> };

/** The edit's arguments did not validate: BAD_REQUEST naming the field. */
function badArgs(name: string, issues: readonly z.core.$ZodIssue[]): PhotoreelError {
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

/** Builds the factory of one edit kind. Every edit validates its arguments and the draft it produces. */
export function defineEdit<A>(spec: EditSpec<A>): EditFactory<A> {
  const make = (input: A): Edit => {
    const parsed = spec.args.safeParse(input);
    if (!parsed.success) throw badArgs(spec.name, parsed.error.issues);
    const args = parsed.data;
    const edit: Edit = {
      name: spec.name,
      apply(draft: Draft): Draft {
        const out = spec.run(clone(draft), args, draft);
        const check = draftSchema.safeParse(out);
        if (!check.success) {
          throw editInvalid(
            spec.name,
            `The edit ${spec.name} would make the draft invalid (${describeIssues(check.error.issues)}): nothing was changed.`,
          );
        }
        return out;
      },
      invert(before: Draft): Edit {
        const after = edit.apply(before);
        const semantic = spec.inverse?.(before, args, after);
        if (semantic && jsonEqual(semantic.apply(after), before)) return semantic;
        return patchFromOps(diffDrafts(after, before));
      },
      toJSON(): EditJSON {
        return { name: spec.name, args: clone(args) as Record<string, unknown> };
      },
    };
    return edit;
  };
  return Object.assign(make, { spec });
}
