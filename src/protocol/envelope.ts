import { z } from 'zod';

/** The `{code, message, data}` envelope of every JSON answer (spec/api.md): `code` 0 is success. */
export interface Envelope<T> {
  code: number;
  message: string;
  data: T | null;
}

/** A failure's envelope: a catalog code (src/errors.ts, docs/errors.md), its sentence, and details or null. */
export const errorEnvelopeSchema = z.object({
  code: z.int().min(1).describe('The catalog code (docs/errors.md); the HTTP status is kept in step.'),
  message: z.string().describe('What happened and what to do, for a person.'),
  data: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Details (the fields that were wrong, a limit, Retry-After seconds), or null.'),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The envelope of a success whose `data` is `data`. */
export function okEnvelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({ code: z.literal(0), message: z.string(), data });
}

/** What an answer's body said: its data (validated), or the failure it carried. */
export type EnvelopeResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: number; message: string; details: Record<string, unknown> | null };

/**
 * Reads an answer body (already parsed JSON) against the data schema it should carry. A body that is not an
 * envelope, or a success whose data does not fit, comes back as a failure with `code` 0 and a sentence saying so.
 */
export function readEnvelope<T extends z.ZodType>(
  body: unknown,
  data: T,
  status: number,
): EnvelopeResult<z.output<T>> {
  const failure = errorEnvelopeSchema.safeParse(body);
  if (failure.success) {
    const e = failure.data;
    return { ok: false, code: e.code, message: e.message, details: e.data };
  }
  const b = body as { code?: unknown; data?: unknown } | null;
  if (!b || typeof b !== 'object' || b.code !== 0) {
    return {
      ok: false,
      code: 0,
      message: `The server answered HTTP ${status} without the protocol's {code, message, data} envelope.`,
      details: null,
    };
  }
  const parsed = data.safeParse(b.data);
  if (parsed.success) return { ok: true, data: parsed.data };
  const where = parsed.error.issues[0];
  return {
    ok: false,
    code: 0,
    message: `The server's answer does not have the expected shape (${where ? `${where.path.join('.') || 'data'}: ${where.message}` : 'data'}): the client and server versions may differ.`,
    details: null,
  };
}
