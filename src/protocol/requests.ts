import { z } from 'zod';
import { draftSchema } from '../timeline/draft.ts';

/** `POST /api/tasks/<user>/with-session/<app>`. */
export const sessionBody = z.looseObject({
  task_name: z.string().max(200).optional().describe('The project’s name (default "project").'),
  language: z
    .string()
    .max(35)
    .optional()
    .describe('Language code of the project, e.g. en or zh (default en).'),
});

/** `POST /api/upload-video/…` as JSON: files for the server to fetch. */
export const urlUploadBody = z.looseObject({
  urls: z.array(z.string().max(4096)).min(1).max(20).describe('http(s) URLs of photos, clips or music.'),
  source_type: z.literal('url').optional(),
});

/** `POST /run_sse`: one instruction in plain words. */
export const runSseBody = z.looseObject({
  app_name: z.string().max(100).optional(),
  user_id: z.string().max(200).optional(),
  session_id: z.string().min(1).max(100),
  new_message: z.looseObject({
    role: z.string().max(20).optional(),
    parts: z
      .array(z.looseObject({ text: z.string().max(4000).optional() }))
      .min(1)
      .max(20),
  }),
});

/** `POST /api/render/proxy/lambda`: an export. */
export const exportBody = z.looseObject({
  id: z
    .string()
    .min(1)
    .max(128)
    .describe('A render id the client chooses (idempotent), e.g. render_1700000000.'),
  sessionId: z.string().min(1).max(100),
  draft: z.unknown().describe('The draft to render (see the Draft schema).'),
  output: z
    .looseObject({
      /** mp4 | webm | mov | gif | webp (checked by the export, case ignored; default mp4). */
      format: z.string().max(20).optional().describe('mp4 (default), webm, mov, gif or webp.'),
      /** draft | standard | high (checked by the export, case ignored; default standard). */
      quality: z.string().max(20).optional().describe('draft, standard (default) or high.'),
    })
    .optional(),
});

/** `PUT …/draft`: `{"draft": <draft>}`; the draft itself is checked by parseDraft (4100/4101), its absence is a 400. */
export const setDraftBody = z.looseObject({
  draft: z.custom<unknown>((d) => d !== undefined && d !== null, 'is required: send {"draft": <draft JSON>}'),
});

/** Most edits in one `POST …/edits` request (one undo step). */
export const MAX_EDITS_PER_REQUEST = 100;

/** One timeline edit as JSON (src/timeline/edits): its arguments are checked by the edit's own schema. */
export const editJsonSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .describe('The edit, e.g. set_item_duration, move_item, set_fit, set_music.'),
  args: z.record(z.string(), z.unknown()).optional().describe('The edit’s arguments (docs/api.md).'),
});
export type EditJson = z.infer<typeof editJsonSchema>;

/** `POST …/edits`: the edits of one undo step (each validated by the timeline's own schemas when applied). */
export const editsBody = z.object({
  edits: z.array(z.unknown()).min(1).max(MAX_EDITS_PER_REQUEST),
});

/** The documented shape of `POST …/edits` (what editsBody accepts once each edit is read). */
export const editsBodyDoc = z.object({
  edits: z.array(editJsonSchema).min(1).max(MAX_EDITS_PER_REQUEST),
});

/** The documented shape of `PUT …/draft`. */
export const setDraftBodyDoc = z.object({ draft: draftSchema });
