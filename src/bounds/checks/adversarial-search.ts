/**
 * Adversarial local search for the bounds' property suites: maximize actual/bound over a real
 * parameter vector, seeded (createRng), so every run replays. Used by every lemma's property file;
 * bench/bounds-adversarial.ts runs the same searches with a larger budget.
 */
import { createRng, type Rng } from '../../core/rng.js';

/** Result of a search: the best ratio and the point reaching it. */
export interface SearchResult {
  readonly ratio: number;
  readonly x: Float64Array;
  readonly evaluations: number;
}

/**
 * Hill climbing with shrinking Gaussian steps and random restarts from `starts`: ratio(x) must return
 * actual/bound (NaN or non-finite values are ignored). `budget` ratio evaluations in total.
 */
export function adversarialSearch(ratio: (x: Float64Array) => number, starts: readonly Float64Array[], seed: number, budget: number, step0 = 0.5): SearchResult {
  const rng: Rng = createRng(seed);
  let best = -Infinity;
  let bestX = Float64Array.from(starts[0]);
  let evals = 0;
  const perStart = Math.max(1, Math.floor(budget / starts.length));
  for (const s of starts) {
    let x = Float64Array.from(s);
    let fx = ratio(x);
    evals++;
    if (!Number.isFinite(fx)) fx = -Infinity;
    let step = step0;
    for (let i = 1; i < perStart; i++) {
      const y = Float64Array.from(x, (v) => v + step * rng.normal() * (rng.float() < 0.5 ? 1 : 0.1));
      const fy = ratio(y);
      evals++;
      if (Number.isFinite(fy) && fy >= fx) {
        x = y;
        fx = fy;
        step *= 1.2;
      } else step = Math.max(step * 0.95, 1e-6);
    }
    if (fx > best) {
      best = fx;
      bestX = x;
    }
  }
  return { ratio: best, x: bestX, evaluations: evals };
}

/** Random starting points in [−scale, scale]^dim from a seed. */
export function randomStarts(seed: number, count: number, dim: number, scale: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length: dim }, () => (2 * rng.float() - 1) * scale));
}
