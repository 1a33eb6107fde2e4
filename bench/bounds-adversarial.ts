/**
 * Worst ratios actual/bound per lemma with a large search budget (the CI properties use ~1,000
 * evaluations). Run: npx tsx bench/bounds-adversarial.ts [budget]. The figures are pasted into the
 * lemmas' notes (proofs-notes/<id>.md, "Worst ratio seen").
 */
import { softmaxWorstRatio } from '../src/bounds/checks/lem-softmax-linf-l1.js';
import { linearCoverWorstRatio } from '../src/bounds/checks/lem-linear-linf-cover.js';
import { headPerturbationWorstRatio } from '../src/bounds/checks/lem-head-perturbation.js';
import { layerWorstRatio } from '../src/bounds/checks/lem-layer-lipschitz.js';
import { accountingRatio, accountingRatioLinf, unpackHead } from '../src/bounds/checks/thm-head-covering.js';
import { layerAccountingRatio, layerAccountingDim } from '../src/bounds/checks/thm-transformer-covering.js';
import { rowsInBall } from '../src/bounds/checks/rows-in-ball.js';
import { adversarialSearch } from '../src/bounds/checks/adversarial-search.js';
import { createRng } from '../src/core/rng.js';

/** Worst cover-accounting ratio of the [CLS] head (route l2 or linf), T = 1, d = 2, m = 2. */
function headAccounting(route: 'l2' | 'linf', seed: number): number {
  const T = 1,
    d = 2,
    m = 2,
    B = 1,
    k = route === 'l2' ? 1 : 2;
  const rng = createRng(seed);
  const n = 2 * (k + d * k + d * d) + m * (T + 1) * d;
  return adversarialSearch(
    (x) => {
      const { t, c, rest } = unpackHead(x, d, k);
      const Xs = Array.from({ length: m }, (_, i) => rowsInBall(Float64Array.from(rest.subarray(i * (T + 1) * d, (i + 1) * (T + 1) * d)), T + 1, d, B));
      return route === 'l2' ? accountingRatio(Xs, 'identity', B, t, c) : accountingRatioLinf(Xs, 'relu', B, t, c);
    },
    [Float64Array.from({ length: n }, () => rng.normal())],
    seed,
    budget,
    0.2,
  ).ratio;
}

const budget = Number(process.argv[2] ?? 20000);

const seeds = [1, 2, 3];
const rows: [string, () => number][] = [
  ['lem-softmax-linf-l1 (c = 1)', () => Math.max(...seeds.map((s) => softmaxWorstRatio(1, 4, s, budget)))],
  ['lem-linear-linf-cover (updates / M)', () => Math.max(...seeds.map((s) => linearCoverWorstRatio(1, s, budget)))],
  ['lem-head-perturbation', () => Math.max(...seeds.map((s) => headPerturbationWorstRatio(1, s, budget)))],
  ['lem-layer-lipschitz', () => Math.max(...seeds.map((s) => layerWorstRatio(s, budget)))],
  ['thm-head-covering accounting (l2 route)', () => Math.max(...seeds.map((s) => headAccounting('l2', s)))],
  ['thm-head-covering accounting (per-coordinate)', () => Math.max(...seeds.map((s) => headAccounting('linf', s)))],
  [
    'thm-transformer-covering layer accounting',
    () =>
      Math.max(
        ...seeds.map(
          (s) =>
            adversarialSearch(
              (x) => layerAccountingRatio(x, 2, 2, 1, 1, 'identity', true),
              [Float64Array.from({ length: layerAccountingDim(2, 2, 1, 1) }, () => createRng(s).normal())],
              s,
              budget,
              0.2,
            ).ratio,
        ),
      ),
  ],
];
for (const [name, f] of rows) {
  const t0 = performance.now();
  const r = f();
  console.log(`${name.padEnd(40)} worst ratio ${r.toFixed(9)}  (${seeds.length} seeds × ${budget} evaluations, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
