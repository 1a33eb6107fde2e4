/** Checkers of lem-softmax-linf-l1 shared by its property file and bench/bounds-adversarial.ts (no vitest import). */
import { softmaxStep } from '../softmax-step.js';
import { adversarialSearch, randomStarts } from './adversarial-search.js';

/** Worst ratio actual/(c‖Δ‖∞) found by the search over pairs (u, v) of length n. */
export function softmaxWorstRatio(c: number, n: number, seed: number, budget: number): number {
  const ratio = (x: Float64Array) => {
    const u = x.subarray(0, n);
    const v = x.subarray(n);
    const { actual, bound } = softmaxStep(u, v, c);
    return bound > 0 ? actual / bound : NaN;
  };
  const starts = randomStarts(seed, 4, 2 * n, 3);
  // A structured start: u = 0, v = t·(1, −1, 1, −1, ...) (the tight direction at mass 1/2).
  starts.push(Float64Array.from({ length: 2 * n }, (_, i) => (i < n ? 0 : i % 2 === 0 ? 0.01 : -0.01)));
  return adversarialSearch(ratio, starts, seed, budget, 0.3).ratio;
}
