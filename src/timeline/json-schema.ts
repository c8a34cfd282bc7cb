import { z } from 'zod';
import { draftSchema } from './draft.ts';

/** The draft's JSON Schema, generated from the same zod schema that validates drafts. */
export function draftJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(draftSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://photoreel.dev/schema/draft.schema.json',
    title: 'photoreel draft, version 1',
    description: 'The timeline of one session: what the video will be (spec/draft.md).',
  };
}

export function draftJsonSchemaText(): string {
  return `${JSON.stringify(draftJsonSchema(), null, 2)}\n`;
}
