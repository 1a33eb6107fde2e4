/**
 * Worst ratios actual/bound per lemma with a large search budget (the CI properties use ~1,000
 * evaluations). Run: npx tsx bench/bounds-adversarial.ts [budget]. The figures are pasted into the
 * lemmas' notes (proofs-notes/<id>.md, "Worst ratio seen").
 */
import { softmaxWorstRatio } from '../properties/support/checkers/lem-softmax-linf-l1.js';
import { linearCoverWorstRatio } from '../properties/support/checkers/lem-linear-linf-cover.js';
import { headPerturbationWorstRatio } from '../properties/support/checkers/lem-head-perturbation.js';
import { layerWorstRatio } from '../properties/support/checkers/lem-layer-lipschitz.js';

const budget = Number(process.argv[2] ?? 20000);
const seeds = [1, 2, 3];
const rows: [string, () => number][] = [
  ['lem-softmax-linf-l1 (c = 1)', () => Math.max(...seeds.map((s) => softmaxWorstRatio(1, 4, s, budget)))],
  ['lem-linear-linf-cover (updates / M)', () => Math.max(...seeds.map((s) => linearCoverWorstRatio(1, s, budget)))],
  ['lem-head-perturbation', () => Math.max(...seeds.map((s) => headPerturbationWorstRatio(1, s, budget)))],
  ['lem-layer-lipschitz', () => Math.max(...seeds.map((s) => layerWorstRatio(s, budget)))],
];
for (const [name, f] of rows) {
  const t0 = performance.now();
  const r = f();
  console.log(`${name.padEnd(40)} worst ratio ${r.toFixed(6)}  (${seeds.length} seeds × ${budget} evaluations, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
