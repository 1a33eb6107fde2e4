/**
 * thm-budget-grid-union's grid arithmetic at its edges: the indices at and beside the grid's own powers
 * (where Math.log's rounding is corrected), a zero norm (budget 1, k = 0), a readout's row (2,1) budget
 * rounded like the others, and the statement's count of norm budgets.
 */
import { describe, expect, test } from 'vitest';
import { BUDGET_GRID_RATIO, gridCell, gridIndexDown, gridIndexUp, gridStatement } from '../../src/bounds/budget-grid.js';
import type { Architecture } from '../../src/bounds/architecture.js';

const rho = BUDGET_GRID_RATIO;

// (+ 0 folds Math.ceil's −0 into 0.)
describe('budget grid edges', () => {
  test('at ρ^k the indices are k, just above ρ^k up is k + 1, just below down is k − 1 (k = −80..80, three ratios)', () => {
    for (const ratio of [rho, 2, 1.5]) {
      for (let k = -80; k <= 80; k++) {
        const p = ratio ** k;
        expect(gridIndexUp(p, ratio) + 0).toBe(k);
        expect(gridIndexDown(p, ratio) + 0).toBe(k);
        expect(gridIndexUp(p * (1 + 1e-12), ratio) + 0).toBe(k + 1);
        expect(gridIndexDown(p * (1 - 1e-12), ratio) + 0).toBe(k - 1);
        const mid = p * Math.sqrt(ratio);
        expect(gridIndexUp(mid, ratio) + 0).toBe(k + 1);
        expect(gridIndexDown(mid, ratio) + 0).toBe(k);
      }
    }
  });

  test('by definition at the ulp neighbours of every grid point (ρ^up ≥ x > ρ^(up−1), ρ^down ≤ x < ρ^(down+1)), where Math.log rounds the wrong way', () => {
    const buf = new DataView(new ArrayBuffer(8));
    const step = (x: number, d: 1 | -1) => {
      buf.setFloat64(0, x);
      buf.setBigUint64(0, buf.getBigUint64(0) + BigInt(d));
      return buf.getFloat64(0);
    };
    let checked = 0;
    for (const ratio of [rho, 2, 1.5, 1.1, 3, 10, 1.01]) {
      for (let k = -300; k <= 300; k++) {
        const p = ratio ** k;
        if (!(p > 0 && Number.isFinite(p))) continue;
        for (const x of [p, step(p, 1), step(p, -1), step(step(p, 1), 1), step(step(p, -1), -1)]) {
          const up = gridIndexUp(x, ratio);
          const down = gridIndexDown(x, ratio);
          expect(ratio ** up >= x && ratio ** (up - 1) < x, `up ${ratio} ${x}`).toBe(true);
          expect(ratio ** down <= x && ratio ** (down + 1) > x, `down ${ratio} ${x}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(15_000);
  });

  const head = {
    qkFrobenius: 0,
    qkSpectral: 0,
    valueFrobenius: 1.3,
    valueGroup21: 1.3,
    valueSpectral: 1.1,
    valueDim: 2,
    activationLipschitz: 1,
    identity: true,
    outputFrobenius: 1,
    outputSpectral: 1,
    count: 1,
  };
  const arch: Architecture = {
    kind: 'scalar',
    contextLength: 8,
    width: 2,
    inputRowNorm: 1,
    layers: [],
    clsHeads: [head],
    readout: [{ frobenius: 0.7, spectral: 0.6, inputDim: 2, outputDim: 1, lipschitz: 1, bias: false, identity: true, rowGroup21: 0.9 }],
  };

  test('a zero norm takes budget 1 (k = 0); every budget is rounded up within a factor ρ, the margin down', () => {
    const cell = gridCell(arch, 0.37);
    const qk = cell.slots.find((s) => s.slot === 'clsHeads[0].qkFrobenius');
    expect(qk).toMatchObject({ measured: 0, index: 0, gridValue: 1 });
    expect(cell.architecture.clsHeads[0].qkFrobenius).toBe(1);
    for (const s of cell.slots.filter((x) => x.slot !== 'margin' && x.measured > 0)) {
      expect(s.gridValue).toBeGreaterThanOrEqual(s.measured);
      expect(s.gridValue).toBeLessThan(s.measured * rho);
    }
    expect(cell.margin).toBeLessThanOrEqual(0.37);
    expect(cell.margin).toBeGreaterThan(0.37 / rho);
    expect(cell.logInverseWeight).toBeCloseTo(
      cell.slots.reduce((a, s) => a + s.logInverseWeight, 0),
      12,
    );
  });

  test("the readout's row (2,1) budget is a slot of its own and is rounded up; absent, there is no such slot", () => {
    const cell = gridCell(arch, 1);
    const row = cell.slots.find((s) => s.slot === 'readout[0].rowGroup21');
    expect(row?.measured).toBe(0.9);
    expect(cell.architecture.readout[0].rowGroup21).toBe(row?.gridValue);
    expect(cell.architecture.readout[0].rowGroup21).toBeGreaterThanOrEqual(0.9);
    const { rowGroup21: _, ...plain } = arch.readout[0];
    const without = gridCell({ ...arch, readout: [plain] }, 1);
    expect(without.slots.some((s) => s.slot === 'readout[0].rowGroup21')).toBe(false);
    expect('rowGroup21' in without.architecture.readout[0]).toBe(false);
  });

  test('the statement counts the norm budgets (every slot but the margin)', () => {
    const cell = gridCell(arch, 1);
    expect(gridStatement(cell, 0.05)).toContain(`of all ${cell.slots.length - 1} norm budgets`);
    expect(cell.slots.at(-1)?.slot).toBe('margin');
  });
});
