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
