/**
 * The report's small default configuration (`npm start`): the sweeps behind sections 1 and 2, and the
 * learning experiment of section 3. Each setting has its one-line why. Protocol and choices are ours
 * (proofs-notes/alg-sample-complexity.md), not the paper's.
 */
import { createRng } from '../core/rng.js';
import { symmetricLevels } from '../constructions/targets.js';
import { ADVERSARIAL_CHECKS } from '../experiments/sweep/kinds/adversarial.js';

/** Sweep name of section 1's bound runs. */
export const CAPACITY_SWEEP = 'report-capacity';
/** Sweep name of section 2's construction runs against T. */
export const REPRESENTATION_T_SWEEP = 'report-representation-T';
/** Sweep name of section 2's construction runs against s. */
export const REPRESENTATION_S_SWEEP = 'report-representation-s';

/** Context lengths of section 1: T = 2^4..2^20, every power of two (so every T and T² pair up to 2^10 → 2^20). */
export const CAPACITY_CONTEXT_LENGTHS: readonly number[] = Array.from({ length: 17 }, (_, i) => 2 ** (i + 4));

/**
 * Section 1's fixed setting (a scalar [CLS] head). Why these numbers:
 * - width 32: the width of the default experiment's Transformer;
 * - inputNorm 1, unit budgets for W_V and w, qkGroup21 2: a head that can sharpen attention a little;
 * - sampleSize 10^10: the smallest power of ten at which the bound is below 1 over the whole T range at
 *   these norms (at 10^6 it is vacuous, so the plot would show only the cap);
 * - margin 0.5, delta 0.05: a moderate margin and the usual 95% confidence.
 */
export const CAPACITY_SETTING = {
  model: 'scalar',
  width: 32,
  sampleSize: 10_000_000_000,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 2, readout: 1 },
  activationLipschitz: 1,
  margin: 0.5,
  delta: 0.05,
} as const;

/** Section 1's sweep spec (kind 'bound'). */
export function capacitySpec(): unknown {
  return { name: CAPACITY_SWEEP, kind: 'bound', grid: { contextLength: [...CAPACITY_CONTEXT_LENGTHS] }, fixed: CAPACITY_SETTING };
}

/**
 * A truth table on s variables that is not symmetric (so the construction must use the general family),
 * drawn from the seed: the first draw that is not a function of the number of ones.
 */
export function randomAsymmetricTable(sparsity: number, seed: number): string {
  const rng = createRng(seed);
  for (;;) {
    let t = '';
    for (let k = 0; k < 2 ** sparsity; k++) t += rng.bit();
    if (symmetricLevels(t, sparsity) === null) return t;
  }
}

/** Sweep name of section 2's compact-code construction runs against T. */
export const REPRESENTATION_T_COMPACT_SWEEP = 'report-representation-T-compact';

/** Section 2's targets at s = 3: parity and majority (symmetric) and a random truth table (general). */
function representationTargets(): string[] {
  return ['parity', 'majority', `table:${randomAsymmetricTable(3, 3)}`];
}

/**
 * Section 2, norms against T with one-hot position codes: s = 3 (the default experiment's sparsity),
 * T from 16 to 1024 by factors of 4 (one-hot W_QK is dense (T+2)×(T+2), so larger T is the compact
 * sweep's job).
 */
export function representationTSpec(): unknown {
  return { name: REPRESENTATION_T_SWEEP, kind: 'construct', grid: { fn: representationTargets(), contextLength: [16, 64, 256, 1024] }, fixed: { sparsity: 3, codes: 'onehot' } };
}

/**
 * Section 2, norms against T with compact position codes (d = O(s polylog T)): the same targets for
 * T = 16, 256, 4096, 65536 (factors of 16; 65536 costs about 2 s per target here).
 */
export function representationTCompactSpec(): unknown {
  return { name: REPRESENTATION_T_COMPACT_SWEEP, kind: 'construct', grid: { fn: representationTargets(), contextLength: [16, 256, 4096, 65536] }, fixed: { sparsity: 3, codes: 'compact' } };
}

/**
 * Section 2, norms against s: parity built by both families (so the family, not the function, is the
 * only difference) for s = 1..8 at T = 64.
 */
export function representationSSpec(): unknown {
  return {
    name: REPRESENTATION_S_SWEEP,
    kind: 'construct',
    grid: { family: ['symmetric', 'general'], sparsity: [1, 2, 3, 4, 5, 6, 7, 8] },
    fixed: { fn: 'parity', contextLength: 64 },
  };
}

/**
 * Sweep name under which section 3's training runs are stored. The experiment itself is the
 * experiments' DEFAULT_EXPERIMENT_OPTIONS (src/experiments/default-experiment.ts).
 */
export const LEARNING_SWEEP = 'report-learning';

/** Sweep name of section 4's live adversarial searches. */
export const ADVERSARIAL_SWEEP = 'report-adversarial';

/**
 * Section 4: every adversarial search of the bounds, 2 seeds, 2,000 evaluations each (why: the
 * property suites use about 1,000; twice that costs about a second per search here, and the bench
 * bench/bounds-adversarial.ts runs 20,000).
 */
export function adversarialSpec(): unknown {
  return { name: ADVERSARIAL_SWEEP, kind: 'adversarial', grid: { check: Object.keys(ADVERSARIAL_CHECKS), seed: [1, 2] }, fixed: { budget: 2000 } };
}
