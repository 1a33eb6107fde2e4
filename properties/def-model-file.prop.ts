/**
 * def-model-file (proofs-notes/def-model-file.md, docs/model-format.md): model files round-trip
 * exactly in both matrix encodings (nested rows and base64 float64le); writes are atomic (no temp file
 * is ever left behind, a failed write leaves the old file intact); generated position blocks (onehot,
 * sign-hash) equal their dense materialization from the written spec, so a model using them computes
 * exactly what the same model with a dense position matrix computes.
 */
import { describe, expect, afterAll } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { mkdtempSync, readdirSync, rmSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arbModel, arbModelAndBits } from './arbitraries/index.js';
import { naivePositionRow, naiveSignHash } from './support/naive-model.js';
import { modelToJson, modelFromJson, writeModelFile, readModelFile, MODEL_FILE_FORMAT_ID, DENSE_JSON_MAX_ENTRIES } from '../src/model/format.js';
import { fmix32, signHash, positionRow } from '../src/model/position-codes.js';
import { forward } from '../src/model/forward.js';
import { fromData } from '../src/core/matrix.js';
import type { Model, PositionBlock } from '../src/model/types.js';

const DIR = mkdtempSync(join(tmpdir(), 'attn-model-file-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** Every nested-rows matrix in a model JSON replaced by its packed {shape, float64le} form. */
function packAll(json: unknown): unknown {
  const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'));
  const walk = (v: unknown, key: string): unknown => {
    if (isMatrix(v) && key !== 'cls' && key !== 'bias' && key !== 'support') {
      const rows = v.length;
      const cols = v[0].length;
      const buf = Buffer.alloc(rows * cols * 8);
      v.flat().forEach((x, i) => buf.writeDoubleLE(x, i * 8));
      return { shape: [rows, cols], float64le: buf.toString('base64') };
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(json, '');
}

/** Canonical text of a model (its JSON form): two models are equal iff their texts are. */
function canonical(model: Model): string {
  return JSON.stringify(modelToJson(model));
}

describe(`${MODEL_FILE_FORMAT_ID}: round trips`, () => {
  test.prop([arbModel()], { seed: 4101, numRuns: 150 })('modelToJson → JSON text → modelFromJson is the identity (nested rows)', (model) => {
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(canonical(back)).toBe(canonical(model));
  });

  test.prop([arbModelAndBits()], { seed: 4102, numRuns: 150 })('the packed float64le encoding decodes to the same model, bit for bit', ({ model, bits }) => {
    const packed = packAll(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(JSON.stringify(packed)).toContain('float64le');
    const back = modelFromJson(JSON.parse(JSON.stringify(packed)));
    expect(canonical(back)).toBe(canonical(model));
    expect(forward(back, bits)).toBe(forward(model, bits));
  });

  test.prop([arbModel({ contextLength: { min: 700, max: 1100 }, width: { min: 5, max: 8 }, layers: 0, positionKinds: ['dense'], positionBlocks: 1 })], { seed: 4103, numRuns: 4 })(
    'large matrices are written packed and read back exactly through a file',
    (model) => {
      const path = join(DIR, 'large.json');
      writeModelFile(path, model);
      const text = readFileSync(path, 'utf8');
      const block = (JSON.parse(text) as { embedding: { position: { matrix: unknown }[] } }).embedding.position[0];
      expect(model.contextLength * model.width).toBeGreaterThan(DENSE_JSON_MAX_ENTRIES);
      expect(block.matrix).toHaveProperty('float64le');
      expect(canonical(readModelFile(path))).toBe(canonical(model));
    },
  );
});

describe(`${MODEL_FILE_FORMAT_ID}: atomic writes`, () => {
  test.prop([fc.array(arbModel({ contextLength: { min: 1, max: 3 } }), { minLength: 1, maxLength: 4 })], { seed: 4201, numRuns: 20 })(
    'repeated writes leave exactly the target file, holding the last model',
    (models) => {
      const dir = mkdtempSync(join(DIR, 'w-'));
      const path = join(dir, 'model.json');
      for (const m of models) writeModelFile(path, m);
      expect(readdirSync(dir)).toEqual(['model.json']);
      expect(canonical(readModelFile(path))).toBe(canonical(models[models.length - 1]));
    },
  );

  test.prop([arbModel({ contextLength: { min: 1, max: 3 } })], { seed: 4202, numRuns: 10 })('a failed write leaves no temp file and the old content intact', (model) => {
    const dir = mkdtempSync(join(DIR, 'f-'));
    // 1) Invalid model: rejected before anything is written.
    const path = join(dir, 'model.json');
    writeFileSync(path, 'old');
    const broken: Model = { ...model, width: model.width + 1 };
    expect(() => writeModelFile(path, broken)).toThrow(/width|must be/);
    expect(readFileSync(path, 'utf8')).toBe('old');
    // 2) The rename fails (target is a directory): the temp file is removed.
    const target = join(dir, 'is-a-dir');
    mkdirSync(target);
    expect(() => writeModelFile(target, model)).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['is-a-dir', 'model.json']);
  });
});

/** uint32 arbitrary. */
const U32 = fc.integer({ min: 0, max: 0xffffffff });

describe(`${MODEL_FILE_FORMAT_ID}: generated position codes`, () => {
  test.prop([U32], { seed: 4301, numRuns: 300 })('fmix32 equals the murmur3 finalizer computed with BigInt', (h) => {
    const M = 0x100000000n;
    let x = BigInt(h);
    x ^= x >> 16n;
    x = (x * 0x85ebca6bn) % M;
    x ^= x >> 13n;
    x = (x * 0xc2b2ae35n) % M;
    x ^= x >> 16n;
    expect(fmix32(h)).toBe(Number(x));
  });

  test.prop([U32, fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 0, max: 4096 })], { seed: 4302, numRuns: 300 })('signHash equals the spec in BigInt arithmetic', (seed, t, j) => {
    expect(signHash(seed, t, j)).toBe(naiveSignHash(seed, t, j));
  });

  test.prop([arbModelAndBits({ contextLength: { min: 1, max: 6 }, width: { min: 6, max: 8 }, positionKinds: ['onehot', 'sign-hash'], positionBlocks: { min: 1, max: 3 } })], {
    seed: 4303,
    numRuns: 150,
  })('onehot and sign-hash blocks equal their dense materialization (rows and model outputs, exactly)', ({ model, bits }) => {
    const T = model.contextLength;
    const d = model.width;
    const dense: PositionBlock[] = model.embedding.position.map((b) => {
      const data = new Float64Array(T * d);
      for (let t = 0; t < T; t++) data.set(naivePositionRow(b, t, d), t * d);
      return { kind: 'dense', matrix: fromData(T, d, data) };
    });
    for (let t = 0; t < T; t++) expect(Array.from(positionRow(model.embedding.position, t, d))).toEqual(Array.from(positionRow(dense, t, d)));
    const materialized: Model = { ...model, embedding: { ...model.embedding, position: dense } };
    expect(forward(materialized, bits)).toBe(forward(model, bits));
  });

  test('sign-hash codes are balanced and nearly orthogonal across positions (sanity of the hash)', () => {
    const width = 256;
    const rows = Array.from({ length: 64 }, (_, t) => Array.from({ length: width }, (_, j) => signHash(12345, t, j)));
    for (const r of rows) expect(Math.abs(r.reduce((s: number, x) => s + x, 0))).toBeLessThan(80);
    for (let a = 0; a < rows.length; a++) for (let b = a + 1; b < rows.length; b++) expect(Math.abs(rows[a].reduce((s: number, x, j) => s + x * rows[b][j], 0))).toBeLessThan(80);
  });
});
