/** Sweep spec validation and merge input checks, in process (the CLI tests cover the process contract). */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweepSpec, readSweepSpec } from '../../src/experiments/sweep/spec.js';
import { expandGrid, parseShard } from '../../src/experiments/sweep/grid.js';
import { mergeStores } from '../../src/experiments/sweep/merge.js';
import { openRunStore } from '../../src/experiments/store/sqlite-store.js';
import { squareKind, squareKinds } from './fixtures/square-kind.js';
import { runKinds } from '../../src/experiments/sweep/kinds.js';
import { boundRequestSchema } from '../../src/bounds/request-schema.js';
import { constructSpecShape } from '../../src/constructions/spec-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-spec-'));
const ok = { name: 'sq', kind: 'square', grid: { x: [1, 2, 3] }, fixed: { seed: 7 } };

describe('sweep spec', () => {
  test('valid spec expands over sorted axes (first key slowest, last fastest)', () => {
    const spec = parseSweepSpec({ ...ok, grid: { x: [1, 2], seed: [5, 6] }, fixed: undefined }, squareKinds);
    expect(expandGrid(spec, squareKind).map((c) => c.config)).toEqual([
      { seed: 5, x: 1 },
      { seed: 5, x: 2 },
      { seed: 6, x: 1 },
      { seed: 6, x: 2 },
    ]);
    expect(spec.workers).toBeUndefined();
  });

  test.each([
    [{ ...ok, extra: 1 }, /^parseSweepSpec: spec: unknown field extra \(known: name\|kind\|description\|grid\|fixed\|workers\)$/],
    [{ ...ok, grid: { y: [1] } }, /^parseSweepSpec: spec: unknown field grid\.y for kind square \(did you mean grid\.x\?\)$/],
    [{ ...ok, fixed: { seed: 7, z: 0 } }, /spec: unknown field fixed\.z/],
    [{ ...ok, grid: { x: [1, -2] } }, /spec grid\.x\[1\] must be >= 0 \(got -2\)$/],
    [{ ...ok, grid: { x: [] } }, /spec grid\.x must be a non-empty array \(got \[\]\)$/],
    [{ ...ok, grid: { x: [1, 1] } }, /grid\.x must have distinct values/],
    [{ ...ok, kind: 'dream' }, /spec kind must be one of square \(got "dream"\)/],
    [{ ...ok, name: 'has space' }, /spec name must be a name of letters, digits/],
    [{ ...ok, fixed: { seed: 7, x: 1 } }, /fixed\.x must not also be a grid axis/],
    [{ ...ok, fixed: {} }, /^expandGrid: spec cell 0 seed must be given/],
    [{ ...ok, workers: 0 }, /spec workers must be >= 1 \(got 0\)$/],
  ])('rejects %j', (input, re) => {
    expect(() => expandGrid(parseSweepSpec(input, squareKinds), squareKind)).toThrow(re);
  });

  test("kinds 'bound' and 'construct' use the library's request schemas: enum values, unknown budgets and cross-field rules named", () => {
    const kinds = runKinds();
    expect(kinds.get('bound')!.configSchema).toBe(boundRequestSchema);
    expect(kinds.get('construct')!.configSchema.shape.fn).toBe(constructSpecShape.fn);
    const fixed = { width: 8, sampleSize: 1000, inputNorm: 1, normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 }, activationLipschitz: 1, margin: 0.5, delta: 0.05 };
    const bound =
      (grid: object, f: object = fixed) =>
      () =>
        expandGrid(parseSweepSpec({ name: 'b', kind: 'bound', grid, fixed: f }, kinds), kinds.get('bound')!);
    expect(bound({ model: ['scalar', 'rnn'], contextLength: [8] })).toThrow('parseSweepSpec: spec grid.model[1] must be one of head|scalar|multihead|transformer (got "rnn")');
    expect(bound({ model: ['scalar'], contextLength: [8] }, { ...fixed, normBounds: { ...fixed.normBounds, outputSpectrl: 2 } })).toThrow(
      'parseSweepSpec: spec: unknown field fixed.normBounds.outputSpectrl (did you mean fixed.normBounds.outputSpectral?)',
    );
    const { activationLipschitz: _l, ...noL } = fixed;
    expect(bound({ model: ['scalar'], contextLength: [8], activationLipschitz: [1, 2] }, { ...noL, valueActivation: 'identity' })).toThrow(
      'expandGrid: spec cell 1 activationLipschitz must be 1 when valueActivation is identity (got 2)',
    );
    expect(bound({ model: ['scalar'], contextLength: [8] }).call(null)).toHaveLength(1);
    const cons = (grid: object) => () => expandGrid(parseSweepSpec({ name: 'c', kind: 'construct', grid, fixed: { sparsity: 3 } }, kinds), kinds.get('construct')!);
    expect(cons({ fn: ['parity'], contextLength: [2] })).toThrow('expandGrid: spec cell 0 sparsity must be at most T = 2 (got 3)');
    expect(cons({ fn: ['parity'], contextLength: [8], codes: ['dense'] })).toThrow('parseSweepSpec: spec grid.codes[0] must be one of onehot|compact (got "dense")');
  });

  test('files: missing, not JSON', () => {
    expect(() => readSweepSpec(join(dir, 'none.json'), squareKinds)).toThrow(/SPEC must be a readable file/);
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(() => readSweepSpec(join(dir, 'bad.json'), squareKinds)).toThrow(/must be valid JSON/);
  });

  test.each(['3/2', '0/2', '1/0', 'a/b', '1/2/3', '-1/2', ''])('shard %j is rejected', (raw) => {
    expect(() => parseShard(raw)).toThrow(/--shard must be i\/N with integers 1 <= i <= N/);
  });

  test('a kind whose hash collides is rejected (mutation: broken hash)', () => {
    const broken = { ...squareKind, hash: () => 'same' };
    expect(() => expandGrid(parseSweepSpec(ok, squareKinds), broken)).toThrow(/cells must have distinct configurations/);
  });

  test('merge checks every input before creating the output', () => {
    const a = join(dir, 'a.db');
    openRunStore(a).close();
    const out = join(dir, 'out.db');
    expect(() => mergeStores([a, join(dir, 'missing.db')], out)).toThrow(/must be an existing run store/);
    expect(existsSync(out)).toBe(false);
    expect(() => mergeStores([a], a)).toThrow(/--out must differ from every input/);
    expect(() => mergeStores([], out)).toThrow(/at least one store/);
  });
});
