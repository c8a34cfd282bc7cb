import type { HistoryJSON } from '../instruct/types.ts';
import type { Draft } from './draft.ts';
import type { Edit, EditJSON } from './edit.ts';
import { editFromJSON } from './edits/registry.ts';

/** Undo steps kept; older ones are forgotten. */
export const MAX_HISTORY_STEPS = 100;

export interface HistoryStep {
  draft: Draft;
  history: History;
  /** The edits that were applied to get `draft`. */
  applied: EditJSON[];
}

/** Applies edits in order; returns the new draft and the inverse group (in the order that undoes them). */
function applyGroup(
  draft: Draft,
  edits: readonly Edit[],
): { draft: Draft; inverse: EditJSON[]; applied: EditJSON[] } {
  let d = draft;
  const inverse: EditJSON[] = [];
  for (const edit of edits) {
    inverse.unshift(edit.invert(d).toJSON());
    d = edit.apply(d);
  }
  return { draft: d, inverse, applied: edits.map((e) => e.toJSON()) };
}

/**
 * Undo and redo for one draft. One instruction is one group of edits and one undo step;
 * undo applies the group's inverses (newest first), redo applies the group again. Pure and
 * immutable: every method returns a new History. `done` holds the inverse groups, `undone` the redo groups.
 */
export class History {
  private constructor(
    private readonly done: readonly EditJSON[][],
    private readonly undone: readonly EditJSON[][],
  ) {}

  static empty(): History {
    return new History([], []);
  }

  static fromJSON(json: HistoryJSON | undefined): History {
    if (!json) return History.empty();
    return new History(structuredClone(json.done), structuredClone(json.undone));
  }

  toJSON(): HistoryJSON {
    return { done: structuredClone([...this.done]), undone: structuredClone([...this.undone]) };
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Applies one group of edits as one undo step; clears what could be redone. An empty group changes nothing. */
  push(draft: Draft, edits: readonly Edit[]): HistoryStep {
    if (edits.length === 0) return { draft, history: this, applied: [] };
    const g = applyGroup(draft, edits);
    const done = [...this.done, g.inverse].slice(-MAX_HISTORY_STEPS);
    return { draft: g.draft, history: new History(done, []), applied: g.applied };
  }

  /** Undoes the newest step, or returns undefined when there is none. */
  undo(draft: Draft): HistoryStep | undefined {
    const group = this.done.at(-1);
    if (!group) return undefined;
    const g = applyGroup(draft, group.map(editFromJSON));
    return {
      draft: g.draft,
      history: new History(this.done.slice(0, -1), [...this.undone, g.inverse]),
      applied: g.applied,
    };
  }

  /** Redoes the newest undone step, or returns undefined when there is none. */
  redo(draft: Draft): HistoryStep | undefined {
    const group = this.undone.at(-1);
    if (!group) return undefined;
    const g = applyGroup(draft, group.map(editFromJSON));
    return {
      draft: g.draft,
      history: new History([...this.done, g.inverse], this.undone.slice(0, -1)),
      applied: g.applied,
    };
  }

  clear(): History {
    return History.empty();
  }
}
