import { z } from 'zod';
import { PhotoreelError } from '../../errors.ts';
import type { Draft } from '../draft.ts';
import type { Edit } from '../edit.ts';
import { checkDraft } from '../transform.ts';
import type { EditFactory } from './define-edit.ts';
import { group } from './group.ts';
import { moveItem } from './move-item.ts';
import { removeMusic, setMusic } from './music-edits.ts';
import { patch, type PatchOp } from './patch.ts';
import { insertItem, removeItem } from './remove-item.ts';
import { insertItems, removeItems } from './remove-items.ts';
import { replaceDraft } from './replace-draft.ts';
import { restoreMusic, restoreText } from './restore-tracks.ts';
import { setCanvas } from './set-canvas.ts';
import { setClipVolume } from './set-clip-volume.ts';
import { setFit } from './set-fit.ts';
import { setItemDuration } from './set-item-duration.ts';
import { setMotion } from './set-motion.ts';
import { setName } from './set-name.ts';
import { setOrder } from './set-order.ts';
import { setTransition } from './set-transition.ts';
import { addText, insertText, removeText, setText } from './text-edits.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const factories: EditFactory<any>[] = [
  setCanvas,
  setItemDuration,
  setTransition,
  setMotion,
  setFit,
  moveItem,
  removeItem,
  insertItem,
  removeItems,
  insertItems,
  setOrder,
  addText,
  setText,
  removeText,
  insertText,
  restoreText,
  setMusic,
  removeMusic,
  restoreMusic,
  setClipVolume,
  setName,
  replaceDraft,
];

/** Every edit name editFromJSON knows, `group` and `patch` included. */
export const EDIT_NAMES: readonly string[] = [...factories.map((f) => f.spec.name), 'group', 'patch'];

const groupArgs = z.object({ edits: z.array(z.unknown()) });

const editJsonSchema = z.object({ name: z.string(), args: z.record(z.string(), z.unknown()).default({}) });

/** Reads an edit from JSON (history, the protocol's functionCall): validates the name and the arguments. */
export function editFromJSON(json: unknown): Edit {
  const parsed = editJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new PhotoreelError('BAD_REQUEST', 'An edit must be {"name": "<edit>", "args": {…}}.');
  }
  const { name, args } = parsed.data;
  if (name === 'patch') return patch(args as { ops: PatchOp[] });
  if (name === 'group') {
    const g = groupArgs.safeParse(args);
    if (!g.success)
      throw new PhotoreelError('BAD_REQUEST', 'The edit group needs {"edits": [{"name", "args"}, …]}.');
    return group(g.data.edits.map(editFromJSON));
  }
  const factory = factories.find((f) => f.spec.name === name);
  if (!factory) {
    throw new PhotoreelError('BAD_REQUEST', `Unknown edit "${name}": use one of ${EDIT_NAMES.join(', ')}.`, {
      edit: name,
    });
  }
  return factory(args);
}

/** Applies edits in order, returning the final draft, validated once. */
export function applyEdits(draft: Draft, edits: readonly Edit[]): Draft {
  return checkDraft(
    edits.reduce((d, e) => e.apply(d), draft),
    edits.map((e) => e.name),
  );
}
