import { z } from 'zod';
import { PhotoreelError } from '../errors.ts';
import { describeIssues } from '../timeline/draft.ts';
import { draftJsonSchema } from '../timeline/json-schema.ts';

export const sessionBody = z.looseObject({
  task_name: z.string().max(200).optional(),
  language: z.string().max(35).optional(),
});

export const urlUploadBody = z.looseObject({
  urls: z.array(z.string().max(4096)).min(1).max(20),
  source_type: z.literal('url').optional(),
});

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

export const exportBody = z.looseObject({
  id: z.string().min(1).max(128),
  sessionId: z.string().min(1).max(100),
  draft: z.unknown(),
  output: z
    .looseObject({
      /** mp4 | webm | mov | gif | webp (checked by the export, case ignored; default mp4). */
      format: z.string().max(20).optional(),
      /** draft | standard | high (checked by the export, case ignored; default standard). */
      quality: z.string().max(20).optional(),
    })
    .optional(),
});

/** `PUT …/draft`: `{"draft": <draft>}`; the draft itself is checked by parseDraft (4100/4101), its absence is a 400. */
export const setDraftBody = z.looseObject({
  draft: z.custom<unknown>((d) => d !== undefined && d !== null, 'is required: send {"draft": <draft JSON>}'),
});

/** The OpenAPI body of `PUT …/draft`, with the published draft JSON Schema. */
export function setDraftBodyJsonSchema(): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...draft } = draftJsonSchema();
  return { type: 'object', required: ['draft'], properties: { draft } };
}

/** Validates a body with zod; BAD_REQUEST naming the fields when it does not fit. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The request body is not valid: ${describeIssues(r.error.issues)}.`,
      {
        issues: r.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message })),
      },
    );
  }
  return r.data;
}

/** JSON Schema of a body, for the OpenAPI document. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}
