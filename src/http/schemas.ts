import { z } from 'zod';
import { PhotoreelError } from '../errors.ts';
import { describeIssues } from '../timeline/draft.ts';
import { draftJsonSchema } from '../timeline/json-schema.ts';

export {
  editsBody,
  editsBodyDoc,
  exportBody,
  runSseBody,
  sessionBody,
  setDraftBody,
  urlUploadBody,
} from '../protocol/requests.ts';

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
