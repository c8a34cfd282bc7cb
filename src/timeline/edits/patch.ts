import { z } from 'zod';
import { PhotoreelError } from '../../errors.ts';
import { describeIssues, draftSchema, type Draft } from '../draft.ts';
import type { Edit, EditJSON } from '../edit.ts';
import { clone, jsonEqual } from './json.ts';

/** One change: set the value at `p` (a path of keys and indexes), or delete that key when `v` is absent. */
export interface PatchOp {
  p: (string | number)[];
  v?: unknown;
}

const opSchema = z.object({ p: z.array(z.union([z.string(), z.int().min(0)])), v: z.unknown().optional() });
export const patchArgs = z.object({ ops: z.array(opSchema) });

/** The smallest set of ops that turns `from` into `to` (arrays that change length are replaced whole). */
export function diffDrafts(from: unknown, to: unknown): PatchOp[] {
  const ops: PatchOp[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]): void => {
    if (jsonEqual(a, b)) return;
    const bothObjects = typeof a === 'object' && a !== null && typeof b === 'object' && b !== null;
    if (bothObjects && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((x, i) => walk(x, b[i], [...path, i]));
      return;
    }
    if (bothObjects && !Array.isArray(a) && !Array.isArray(b)) {
      const ao = a as Record<string, unknown>;
      const bo = b as Record<string, unknown>;
      for (const k of Object.keys(ao))
        if (ao[k] !== undefined && bo[k] === undefined) ops.push({ p: [...path, k] });
      for (const k of Object.keys(bo)) if (bo[k] !== undefined) walk(ao[k], bo[k], [...path, k]);
      return;
    }
    ops.push({ p: path, v: clone(b) });
  };
  walk(from, to, []);
  return ops;
}

function applyOps(draft: Draft, ops: readonly PatchOp[]): Draft {
  const out = clone(draft) as unknown as Record<string, unknown>;
  for (const op of ops) {
    let node: unknown = out;
    for (const key of op.p.slice(0, -1)) {
      node = (node as Record<string | number, unknown> | undefined)?.[key];
      if (typeof node !== 'object' || node === null) {
        throw new PhotoreelError(
          'EDIT_INVALID',
          `The patch path ${op.p.join('.')} does not exist in this draft.`,
          {
            edit: 'patch',
          },
        );
      }
    }
    const last = op.p[op.p.length - 1];
    if (last === undefined) throw new PhotoreelError('EDIT_INVALID', 'A patch op needs a non-empty path.');
    const holder = node as Record<string | number, unknown>;
    if (op.v === undefined) delete holder[last];
    else holder[last] = clone(op.v);
  }
  const check = draftSchema.safeParse(out);
  if (!check.success) {
    throw new PhotoreelError(
      'EDIT_INVALID',
      `The patch would make the draft invalid (${describeIssues(check.error.issues)}): nothing was changed.`,
      { edit: 'patch' },
    );
  }
  return out as unknown as Draft;
}

/**
 * `patch`: sets exactly the listed values. It is what the other edits invert to when their
 * readable inverse would not give back the draft exactly (a clamped transition, a shortened caption…).
 */
export function patchFromOps(ops: PatchOp[]): Edit {
  const parsed = patchArgs.safeParse({ ops });
  if (!parsed.success) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The edit patch has invalid arguments: ${describeIssues(parsed.error.issues)}.`,
    );
  }
  const own = clone(parsed.data.ops) as PatchOp[];
  const edit: Edit = {
    name: 'patch',
    apply: (draft) => applyOps(draft, own),
    invert: (before) => patchFromOps(diffDrafts(applyOps(before, own), before)),
    toJSON: (): EditJSON => ({ name: 'patch', args: { ops: clone(own) } }),
  };
  return edit;
}

export const patch = (args: { ops: PatchOp[] }): Edit => patchFromOps(args.ops);
