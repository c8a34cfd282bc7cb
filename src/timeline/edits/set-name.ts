import { z } from 'zod';
import { defineEdit, type EditFactory } from './define-edit.ts';

/** The project name as the draft keeps it (draft `m.name`, at most 200 characters). */
export const projectName = z.string().trim().min(1).max(200);
export const setNameArgs = z.object({ name: projectName.nullable() });

/** `set_name`: names the project (`m.name`); `null` removes the name. Undone by the previous name (or null). */
export const setName: EditFactory<z.infer<typeof setNameArgs>> = defineEdit({
  name: 'set_name',
  args: setNameArgs,
  run(draft, a) {
    if (a.name === null) delete draft.m.name;
    else draft.m.name = a.name;
    return draft;
  },
  inverse: (before) => setName({ name: before.m.name ?? null }),
});
