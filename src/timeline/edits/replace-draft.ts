import { z } from 'zod';
import { parseDraft, type Draft } from '../draft.ts';
import { defineEdit, type EditFactory } from './define-edit.ts';

export const replaceDraftArgs = z.object({ draft: z.unknown().transform((d) => parseDraft(d)) });

/** `replace_draft`: a whole new draft ("create", "start over"); undone by replacing it with the one before. */
export const replaceDraft: EditFactory<{ draft: Draft }> = defineEdit<{ draft: Draft }>({
  name: 'replace_draft',
  args: replaceDraftArgs as unknown as z.ZodType<{ draft: Draft }>,
  run: (_draft, a) => structuredClone(a.draft),
  inverse: (before) => replaceDraft({ draft: before }),
});
