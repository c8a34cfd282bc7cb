// Writes schema/draft.schema.json from the zod draft schema: the published JSON Schema.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { draftJsonSchemaText } from '../src/timeline/json-schema.ts';

const target = fileURLToPath(new URL('../schema/draft.schema.json', import.meta.url));
writeFileSync(target, draftJsonSchemaText());
console.log(`wrote ${target}`);
