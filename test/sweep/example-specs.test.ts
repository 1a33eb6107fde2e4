/** The sweep specs shipped in examples/sweeps/ are valid and expand to the documented number of cells. */
import { expect, test } from 'vitest';
import { join } from 'node:path';
import { readSweepSpec } from '../../src/experiments/sweep/spec.js';
import { expandGrid, shardCells, parseShard } from '../../src/experiments/sweep/grid.js';
import { runKinds } from '../../src/experiments/sweep/kinds.js';
import { REPO_ROOT } from '../helpers/cli.js';

test.each([
  ['bounds-vs-T.json', 18],
  ['constructions.json', 48],
  ['parity-train.json', 120],
])('examples/sweeps/%s expands to %i cells, split evenly by 4 shards', (file, cells) => {
  const kinds = runKinds();
  const spec = readSweepSpec(join(REPO_ROOT, 'examples/sweeps', file), kinds);
  const all = expandGrid(spec, kinds.get(spec.kind)!);
  expect(all).toHaveLength(cells);
  const sizes = [1, 2, 3, 4].map((i) => shardCells(all, parseShard(`${i}/4`)).length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
});
