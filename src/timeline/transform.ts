import { PhotoreelError } from '../errors.ts';
import { describeIssues, draftSchema, type Draft } from './draft.ts';
import type { Edit } from './edit.ts';
import { flatten } from './edits/group.ts';
import { jsonEqual } from './edits/json.ts';

/**
 * Edits applied one after another to a draft (in the manner of prosemirror-transform's Transform):
 * each edit's inverse is read from the draft just before it, so undoing never has to replay anything.
 * Immutable: `step` returns a new Transform. Groups are opened into their parts.
 */
export class Transform {
  private constructor(
    /** The draft the transform started from. */
    readonly before: Draft,
    /** The draft after every step. */
    readonly draft: Draft,
    /** The edits applied, in order. */
    readonly steps: readonly Edit[],
    /** The edits that undo them, in the order to apply them (newest step's inverse first). */
    readonly inverses: readonly Edit[],
  ) {}

  static of(draft: Draft): Transform {
    return new Transform(draft, draft, [], []);
  }

  /**
   * Applies `edits` in order (all or nothing: an edit that does not fit throws EDIT_INVALID and this
   * transform stays as it was). Does not validate the whole draft: see `checked`.
   */
  step(edits: readonly Edit[]): Transform {
    let draft = this.draft;
    const steps = [...this.steps];
    const inverses = [...this.inverses];
    for (const edit of flatten(edits)) {
      inverses.unshift(edit.invert(draft));
      draft = edit.apply(draft);
      steps.push(edit);
    }
    return new Transform(this.before, draft, steps, inverses);
  }

  /** True when the draft differs from where the transform started. */
  get changed(): boolean {
    return !jsonEqual(this.before, this.draft);
  }

  /** The resulting draft, validated once for the whole group of steps (the boundary where it is recorded). */
  checked(): Draft {
    if (this.steps.length === 0) return this.draft;
    return checkDraft(
      this.draft,
      this.steps.map((s) => s.name),
    );
  }
}

/**
 * The one validation of a draft that edits produced. Edits keep drafts valid on their own, so a failure
 * here is a defect in an edit: EDIT_INVALID naming the edits, and the caller keeps the draft it had.
 */
export function checkDraft(draft: Draft, editNames: readonly string[]): Draft {
  const check = draftSchema.safeParse(draft);
  if (check.success) return draft;
  const names = [...new Set(editNames)].join(', ');
  throw new PhotoreelError(
    'EDIT_INVALID',
    `The edits ${names} would make the draft invalid (${describeIssues(check.error.issues)}): nothing was changed.`,
    { edit: names },
  );
}
