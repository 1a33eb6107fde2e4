/** docs/model-format.schema.json is exactly what scripts/export-schema.ts exports now, and it accepts the example. */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelSchemaText, SCHEMA_PATH } from '../../scripts/export-schema.js';

test('the committed JSON Schema equals a fresh export (run `npx tsx scripts/export-schema.ts` to update)', () => {
  expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(modelSchemaText());
});

test('the schema names every top-level field of the format', () => {
  const schema = JSON.parse(modelSchemaText()) as { properties: Record<string, unknown>; required: string[] };
  for (const f of ['format', 'version', 'contextLength', 'width', 'embedding', 'layers', 'clsHeads', 'readout', 'target', 'meta']) expect(schema.properties).toHaveProperty(f);
  expect(schema.required).toEqual(expect.arrayContaining(['format', 'version', 'contextLength', 'width', 'embedding', 'layers', 'clsHeads', 'readout']));
});
