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

/** A path key: a field name (never one that reaches an object's prototype) or an array index. */
const key = z.union([
  z.string().refine((k) => !['__proto__', 'constructor', 'prototype'].includes(k), {
    message: 'must be a draft field',
  }),
  z.int().min(0),
]);
const opSchema = z.object({ p: z.array(key), v: z.unknown().optional() });
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

/** Sets or deletes each op's value in `out` (mutated), in order. */
function runOps(out: Record<string, unknown>, ops: readonly PatchOp[]): void {
  for (const op of ops) {
    const { holder, last } = locate(out, op.p);
    if (op.v === undefined) delete holder[last];
    else holder[last] = clone(op.v);
  }
}

function locate(
  root: unknown,
  p: readonly (string | number)[],
): {
  holder: Record<string | number, unknown>;
  last: string | number;
} {
  let node: unknown = root;
  for (const key of p.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[key];
    if (typeof node !== 'object' || node === null) {
      throw new PhotoreelError(
        'EDIT_INVALID',
        `The patch path ${p.join('.')} does not exist in this draft.`,
        {
          edit: 'patch',
        },
      );
    }
  }
  const last = p[p.length - 1];
  if (last === undefined) throw new PhotoreelError('EDIT_INVALID', 'A patch op needs a non-empty path.');
  return { holder: node as Record<string | number, unknown>, last };
}

/** Arbitrary values can break anything, so a patch (unlike the built-in edits) validates what it makes. */
function applyOps(draft: Draft, ops: readonly PatchOp[]): Draft {
  const out = clone(draft) as unknown as Record<string, unknown>;
  runOps(out, ops);
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

/** The ops that undo `ops` on `before`: each path's earlier value (or its absence), newest first. */
function inverseOps(before: Draft, ops: readonly PatchOp[]): PatchOp[] {
  const work = clone(before) as unknown as Record<string, unknown>;
  const undo: PatchOp[] = [];
  for (const op of ops) {
    const { holder, last } = locate(work, op.p);
    const was = holder[last];
    undo.unshift(was === undefined ? { p: [...op.p] } : { p: [...op.p], v: clone(was) });
    runOps(work, [op]);
  }
  return undo;
}

/**
 * `patch`: sets exactly the listed values: the escape hatch for callers that change raw draft fields.
 * No built-in edit inverts to it; its own inverse sets each path back to the value it had before.
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
    invert: (before) => patchFromOps(inverseOps(before, own)),
    toJSON: (): EditJSON => ({ name: 'patch', args: { ops: clone(own) } }),
  };
  return edit;
}

export const patch = (args: { ops: PatchOp[] }): Edit => patchFromOps(args.ops);
