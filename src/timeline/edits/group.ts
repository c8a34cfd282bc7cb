import type { Draft } from '../draft.ts';
import type { Edit, EditJSON } from '../edit.ts';

/** A group edit, with its parts (Transform and History step through them one by one). */
export interface GroupEdit extends Edit {
  readonly name: 'group';
  readonly edits: readonly Edit[];
}

export function isGroup(edit: Edit): edit is GroupEdit {
  return edit.name === 'group' && Array.isArray((edit as Partial<GroupEdit>).edits);
}

/** The edits a group is made of, nested groups opened; any other edit is itself. */
export function flatten(edits: readonly Edit[]): Edit[] {
  return edits.flatMap((e) => (isGroup(e) ? flatten(e.edits) : [e]));
}

/**
 * `group`: several edits applied in order as one, {edits: [{name, args}, …]}. Inverses use it when
 * undoing takes more than one step (put photo 3 back, then its caption). Its own inverse needs the
 * drafts in between, so it steps through its parts; Transform opens groups instead of inverting them whole.
 */
export function group(edits: readonly Edit[]): GroupEdit {
  const parts = flatten(edits);
  const self: GroupEdit = {
    name: 'group',
    edits: parts,
    apply: (draft: Draft) => parts.reduce((d, e) => e.apply(d), draft),
    invert(before: Draft): Edit {
      const inverses: Edit[] = [];
      let d = before;
      for (const e of parts) {
        inverses.unshift(e.invert(d));
        d = e.apply(d);
      }
      return groupOf(inverses);
    },
    toJSON: (): EditJSON => ({ name: 'group', args: { edits: parts.map((e) => e.toJSON()) } }),
  };
  return self;
}

/** One edit as itself, several as a group. */
export function groupOf(edits: readonly Edit[]): Edit {
  const parts = flatten(edits);
  const only = parts[0];
  if (parts.length === 1 && only) return only;
  return group(parts);
}
