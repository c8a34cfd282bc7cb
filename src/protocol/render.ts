import { z } from 'zod';

export const RENDER_STATES = ['queued', 'rendering', 'completed', 'failed'] as const;
export type RenderState = (typeof RENDER_STATES)[number];

export const renderErrorSchema = z.object({ code: z.int(), message: z.string() });

/** An export's status: `output.url` is the signed download link once completed. */
export const renderStatusSchema = z.looseObject({
  id: z.string().describe('The render id the client chose.'),
  status: z.enum(RENDER_STATES),
  progress: z.number().min(0).max(1),
  output: z.looseObject({
    url: z.string().nullable().describe('Signed download link (no token needed) once completed, else null.'),
  }),
  error: renderErrorSchema
    .nullable()
    .describe('Why it failed (5001 with the log tail, 5002 cancelled), else null.'),
});
export type RenderStatus = z.infer<typeof renderStatusSchema>;

/** A render in the session state's `generated_media`. */
export const generatedMediaSchema = renderStatusSchema.extend({
  url: z.string().nullable().describe('The download link when completed (same as output.url).'),
  created_at: z.string().describe('When the export was posted (ISO 8601).'),
});
export type GeneratedMedia = z.infer<typeof generatedMediaSchema>;

/** The answer of posting an export. */
export const exportStartedSchema = z.looseObject({ id: z.string(), status: z.enum(RENDER_STATES) });
export type ExportStarted = z.infer<typeof exportStartedSchema>;
