/** Checkers of lem-linear-linf-cover shared by its property file and bench/bounds-adversarial.ts (no vitest import). */
import { runMistakeBoundCover, mistakeBound } from '../linear-cover.js';
import { createRng } from '../../core/rng.js';
import { adversarialSearch } from './adversarial-search.js';

export function normalizeTo(v: Float64Array, r: number): Float64Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  return n > r ? v.map((x) => (x * r) / n) : v;
}

/** Decode an (index, sign) sequence into the centre, as the cover's decoder does. */
export function decode(points: readonly Float64Array[], updates: readonly { index: number; sign: 1 | -1 }[], eps: number, b: number): Float64Array {
  const w = new Float64Array(points[0].length);
  for (const u of updates) for (let j = 0; j < w.length; j++) w[j] -= (eps / (b * b)) * u.sign * points[u.index][j];
  return w;
}

/** Instance from a flat vector: n points of dimension d (projected to norm ≤ b) and w* (norm ≤ a). */
export function instance(x: Float64Array, n: number, d: number, a: number, b: number) {
  const pts = Array.from({ length: n }, (_, i) => normalizeTo(Float64Array.from(x.subarray(i * d, (i + 1) * d)), b));
  const w = normalizeTo(Float64Array.from(x.subarray(n * d, n * d + d)), a);
  return { pts, w };
}

/** Worst updates/M over adversarial instances; kappa < 1 is the mutant. */
export function linearCoverWorstRatio(kappa: number, seed: number, budget: number): number {
  const n = 6;
  const d = 6;
  const a = 1;
  const b = 1;
  const eps = 0.2;
  const M = mistakeBound(a, b, eps, kappa);
  const ratio = (x: Float64Array) => {
    const { pts, w } = instance(x, n, d, a, b);
    return runMistakeBoundCover(pts, w, eps, b, 10 * M + 10).updates.length / M;
  };
  // Structured start: orthogonal unit points, w* spread evenly (each coordinate needs many steps).
  const ortho = new Float64Array(n * d + d);
  for (let i = 0; i < n; i++) ortho[i * d + i] = 1;
  for (let j = 0; j < d; j++) ortho[n * d + j] = 1 / Math.sqrt(d);
  const rng = createRng(seed);
  const starts = [ortho, Float64Array.from(ortho, (v) => v + 0.05 * rng.normal())];
  return adversarialSearch(ratio, starts, seed, budget, 0.05).ratio;
}
