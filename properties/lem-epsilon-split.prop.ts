/**
 * lem-epsilon-split (proofs-notes/lem-epsilon-split.md): the numerical minimizer of Σ α_i/ε_i² under
 * Σ β_i ε_i = ε matches the closed form γ³/ε² (γ = Σ α_i^{1/3}β_i^{2/3}); no searched split beats the
 * closed form (adversarial search over shares), and the mutant γ³/2 is beaten.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { splitGamma, closedFormShares, numericShares, smoothSplitCost, EPSILON_SPLIT_ID } from '../src/bounds/epsilon-split.js';
import { adversarialSearch } from '../src/bounds/checks/adversarial-search.js';

const pos = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
const arbParts = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(pos, { minLength: n, maxLength: n }), fc.array(pos, { minLength: n, maxLength: n })));

function sharesFrom(x: Float64Array): Float64Array {
  const e = x.map((v) => Math.exp(v));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe(EPSILON_SPLIT_ID, () => {
  test.prop([arbParts, fc.double({ min: 1e-3, max: 10, noNaN: true })], { seed: 7501, numRuns: 100 })('closed form: cost at the closed-form shares is γ³/ε²', ([a, b], eps) => {
    const g = splitGamma(a, b);
    const rel = smoothSplitCost(a, b, closedFormShares(a, b), eps) / (g ** 3 / eps ** 2);
    expect(Math.abs(rel - 1)).toBeLessThan(1e-9);
  });

  test.prop([arbParts], { seed: 7502, numRuns: 60 })('numeric optimum matches the closed form to 1e-6', ([a, b]) => {
    const g3 = splitGamma(a, b) ** 3;
    const num = smoothSplitCost(a, b, numericShares(a, b), 1);
    expect(num).toBeGreaterThanOrEqual(g3 * (1 - 1e-9));
    expect(num).toBeLessThanOrEqual(g3 * (1 + 1e-6));
  });

  test.prop([arbParts, fc.integer({ min: 0, max: 1_000_000 })], { seed: 7503, numRuns: 4 })('adversarial shares (~1,000 evaluations) never beat γ³; the mutant γ³/2 is beaten', ([a, b], seed) => {
    const g3 = splitGamma(a, b) ** 3;
    const r = adversarialSearch((x) => g3 / smoothSplitCost(a, b, sharesFrom(x), 1), [new Float64Array(a.length)], seed, 250, 1);
    expect(r.ratio).toBeLessThanOrEqual(1 + 1e-9);
    // mutation: a halved constant claims cost γ³/2, but every split costs ≥ γ³ > γ³/2
    expect(smoothSplitCost(a, b, sharesFrom(r.x), 1)).toBeGreaterThan(g3 / 2);
  });
});
