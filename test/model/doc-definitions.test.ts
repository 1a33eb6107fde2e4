/**
 * docs/model-format.md defines the named target functions, the norms `norms` prints and B_X (the
 * [CLS] row included); this test holds the code to those definitions: every named function's table
 * against its defining rule for s = 1..6 (majority's tie gives −1, threshold:0 and threshold:s+1 are
 * constant), each matrix norm against its formula on a fixed matrix, and B_X on a model whose largest
 * row is the [CLS] row (a B_X that skipped it would be 1, not 5). Each rule is also quoted in the doc.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { makeTarget } from '../../src/constructions/targets.js';
import { matrixNorms, measureNorms } from '../../src/model/norms-report.js';
import { fromData } from '../../src/core/matrix.js';
import { modelFromJson } from '../../src/model/format.js';
import { exampleJson } from '../cli/fixtures.js';

const DOC = readFileSync(fileURLToPath(new URL('../../docs/model-format.md', import.meta.url)), 'utf8');
const popcount = (k: number) =>
  k
    .toString(2)
    .split('')
    .filter((c) => c === '1').length;

describe('docs/model-format.md definitions hold in the code', () => {
  test('named target functions: the documented rule, bit for bit, s = 1..6', () => {
    for (let s = 1; s <= 6; s++) {
      const rules: [string, (n: number) => boolean][] = [
        ['parity', (n) => n % 2 === 1],
        ['and', (n) => n === s],
        ['or', (n) => n >= 1],
        ['majority', (n) => 2 * n > s],
        ...Array.from({ length: s + 2 }, (_, K) => [`threshold:${K}`, (n: number) => n >= K] as [string, (n: number) => boolean]),
      ];
      for (const [fn, rule] of rules) {
        const t = makeTarget({ fn: fn as 'parity', contextLength: 8, sparsity: s });
        const want = Array.from({ length: 2 ** s }, (_, k) => (rule(popcount(k)) ? '1' : '0')).join('');
        expect(t.table, `${fn}, s = ${s}`).toBe(want);
      }
      if (s % 2 === 0) expect(makeTarget({ fn: 'majority', contextLength: 8, sparsity: s }).table[2 ** (s / 2) - 1]).toBe('0'); // a tie: −1
    }
    for (const row of ['| `parity` | n is odd', '| `majority` | 2n > s |', 'a **tie** (even s, n = s/2) gives **−1**', '| `threshold:K` | n ≥ K |']) expect(DOC).toContain(row);
  });

  test('matrix norms: the documented formulas', () => {
    const W = fromData(2, 3, Float64Array.of(3, 0, 4, 0, 5, 12)); // rows (3,0,4), (0,5,12)
    const n = matrixNorms(W);
    const col = [3, 5, 4 * 4 + 12 * 12].map((x, j) => (j === 2 ? Math.sqrt(x) : x)); // column norms 3, 5, √160
    expect(n.group21Columns).toBeCloseTo(col[0] + col[1] + col[2], 12);
    expect(n.group21Rows).toBeCloseTo(5 + 13, 12);
    expect(n.frobenius).toBeCloseTo(Math.sqrt(9 + 16 + 25 + 144), 12);
    expect(n.maxRowNorm).toBeCloseTo(13, 12);
    expect(n.maxColumnNorm).toBeCloseTo(Math.sqrt(160), 12);
    // Spectral: sqrt of the largest eigenvalue of W Wᵀ = [[25, 48], [48, 169]].
    const tr = 25 + 169;
    const det = 25 * 169 - 48 * 48;
    expect(n.spectral).toBeCloseTo(Math.sqrt((tr + Math.sqrt(tr * tr - 4 * det)) / 2), 10);
    for (const name of ['group21Columns', 'group21Rows', 'frobenius', 'maxRowNorm', 'maxColumnNorm', 'spectral']) expect(DOC).toContain(`\`${name}\``);
  });

  test('B_X includes the [CLS] row', () => {
    const j = exampleJson();
    j.embedding.cls = [0, 0, 0, 0, 0, 0, 0, 0, 0, 5]; // ‖x_0‖ = 5; every token row has norm ≤ √2
    expect(measureNorms(modelFromJson(j)).inputRowNormBound).toBe(5);
    expect(measureNorms(modelFromJson(exampleJson())).inputRowNormBound).toBeCloseTo(Math.SQRT2, 12);
    expect(DOC).toContain('**the [CLS] row included**');
  });
});
