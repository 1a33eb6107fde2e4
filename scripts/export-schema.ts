/**
 * Export the JSON Schema (draft 2020-12) of the model file, generated from the zod schema in
 * src/model/format.ts (`modelJsonSchema()`), to docs/model-format.schema.json (written atomically).
 * test/docs/schema.test.ts checks the committed file equals a fresh export.
 * Run: npx tsx scripts/export-schema.ts
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { modelJsonSchema } from '../src/model/format.js';
import { writeFileAtomic } from '../src/core/files.js';

/** Where the schema is committed. */
export const SCHEMA_PATH = fileURLToPath(new URL('../docs/model-format.schema.json', import.meta.url));

/** The exact text of the schema file (2-space JSON, trailing newline, with a title and description). */
export function modelSchemaText(): string {
  const schema = {
    title: 'attn-theory model file, format version 1',
    description: 'See docs/model-format.md for the meaning of every field and the forward semantics.',
    ...(modelJsonSchema() as Record<string, unknown>),
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileAtomic(SCHEMA_PATH, modelSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
