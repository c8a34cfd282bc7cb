import type { Draft } from './draft.ts';
import type { Edit, EditJSON } from './edit.ts';
import { editFromJSON } from './edits/registry.ts';
import { Transform } from './transform.ts';

/** Undo steps kept; older ones are forgotten. */
export const MAX_HISTORY_STEPS = 100;

/** Undo/redo stacks, kept with the draft so undo works across requests and restarts. */
export interface HistoryJSON {
  /** One group per undo step, oldest first: the edits that undo it, in the order to apply them. */
  done: EditJSON[][];
  /** One group per undone step, oldest first: the edits that redo it. */
  undone: EditJSON[][];
  /**
   * For each `done` group, the edits that made that step (what was asked), so redo replays them;
   * `[]` when not known (histories saved before this was kept). Absent: none known.
   */
  made?: EditJSON[][];
}

export interface HistoryStep {
  draft: Draft;
  history: History;
  /** The edits that were applied to get `draft`. */
  applied: EditJSON[];
}

interface DoneStep {
  inverse: EditJSON[];
  made: EditJSON[];
}

/**
 * Undo and redo for one draft. One request (what one message asks for) is one group of edits and one undo step;
 * undo applies the group's inverses, redo applies the group again. Pure and immutable: every
 * method returns a new History. Each group is validated once, when it is recorded.
 */
export class History {
  private constructor(
    private readonly done: readonly DoneStep[],
    private readonly undone: readonly EditJSON[][],
  ) {}

  static empty(): History {
    return new History([], []);
  }

  static fromJSON(json: HistoryJSON | undefined): History {
    if (!json) return History.empty();
    // `made` is kept step for step with `done`; one that does not line up is not trusted.
    const made = json.made?.length === json.done.length ? json.made : [];
    const done = json.done.map((inverse, i) => ({
      inverse: structuredClone(inverse),
      made: structuredClone(made[i] ?? []),
    }));
    return new History(done, structuredClone(json.undone));
  }

  toJSON(): HistoryJSON {
    return {
      done: this.done.map((s) => structuredClone(s.inverse)),
      undone: structuredClone([...this.undone]),
      made: this.done.map((s) => structuredClone(s.made)),
    };
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
    return this.commit(Transform.of(draft).step(edits));
  }

  /**
   * Records edits already applied with a Transform (one request) as one undo step, validating
   * the result once; clears what could be redone. A transform without steps changes nothing.
   */
  commit(tr: Transform): HistoryStep {
    if (tr.steps.length === 0) return { draft: tr.draft, history: this, applied: [] };
    const draft = tr.checked();
    const made = tr.steps.map((e) => e.toJSON());
    const step = { inverse: tr.inverses.map((e) => e.toJSON()), made };
    const done = [...this.done, step].slice(-MAX_HISTORY_STEPS);
    return { draft, history: new History(done, []), applied: made };
  }

  /** Undoes the newest step, or returns undefined when there is none. */
  undo(draft: Draft): HistoryStep | undefined {
    const step = this.done.at(-1);
    if (!step) return undefined;
    const tr = Transform.of(draft).step(step.inverse.map(editFromJSON));
    const redo = step.made.length > 0 ? step.made : tr.inverses.map((e) => e.toJSON());
    return {
      draft: tr.checked(),
      history: new History(this.done.slice(0, -1), [...this.undone, redo]),
      applied: tr.steps.map((e) => e.toJSON()),
    };
  }

  /** Redoes the newest undone step, or returns undefined when there is none. */
  redo(draft: Draft): HistoryStep | undefined {
    const group = this.undone.at(-1);
    if (!group) return undefined;
    const tr = Transform.of(draft).step(group.map(editFromJSON));
    const made = tr.steps.map((e) => e.toJSON());
    return {
      draft: tr.checked(),
      history: new History(
        [...this.done, { inverse: tr.inverses.map((e) => e.toJSON()), made }],
        this.undone.slice(0, -1),
      ),
      applied: made,
    };
  }

  clear(): History {
    return History.empty();
  }
}

export interface HistoryLimits {
  /** Most undo steps kept. */
  steps: number;
  /** Most bytes of the history's JSON. */
  bytes: number;
}

/**
 * The history within limits: the oldest undo steps are dropped first (then the oldest redo steps) until at most
 * `steps` undo steps are left and the JSON is at most `bytes` long. `dropped` counts the steps that went.
 */
export function limitHistory(
  json: HistoryJSON,
  limits: HistoryLimits,
): { history: HistoryJSON; dropped: number } {
  const made = json.made?.length === json.done.length ? json.made : undefined;
  const stepBytes = (i: number) =>
    JSON.stringify(json.done[i]).length + (made ? JSON.stringify(made[i]).length : 0) + 2;
  const redoBytes = json.undone.map((g) => JSON.stringify(g).length + 1);
  let from = Math.max(0, json.done.length - Math.max(0, limits.steps));
  let redoFrom = 0;
  const sizes = json.done.map((_, i) => stepBytes(i));
  let total = 40 + sizes.slice(from).reduce((a, b) => a + b, 0) + redoBytes.reduce((a, b) => a + b, 0);
  while (total > limits.bytes && from < json.done.length) total -= sizes[from++] ?? 0;
  while (total > limits.bytes && redoFrom < json.undone.length) total -= redoBytes[redoFrom++] ?? 0;
  const dropped = from + redoFrom;
  if (dropped === 0) return { history: json, dropped };
  return {
    history: {
      done: json.done.slice(from),
      undone: json.undone.slice(redoFrom),
      ...(made ? { made: made.slice(from) } : {}),
    },
    dropped,
  };
}
