/**
 * Run kind 'adversarial': re-run one of the bounds' adversarial searches (local search maximizing
 * actual/bound, seeded) with a given budget, for the report's Checks section. The searches are the
 * bounds' own checkers from src/bounds/checks/ (the same code their property suites and
 * bench/bounds-adversarial.ts run), so the report shows live figures, not pasted ones. A worst ratio
 * above 1 would be a counterexample to the inequality.
 */
import { z } from 'zod';
import { contentHash } from '../../store/canonical.js';
import type { RunKind } from '../kind.js';
import { SOFTMAX_LINF_L1_CONSTANT } from '../../../bounds/softmax-step.js';
import { MISTAKE_BOUND_CONSTANT } from '../../../bounds/linear-cover.js';
import { softmaxWorstRatio } from '../../../bounds/checks/lem-softmax-linf-l1.js';
import { linearCoverWorstRatio } from '../../../bounds/checks/lem-linear-linf-cover.js';
import { headPerturbationWorstRatio } from '../../../bounds/checks/lem-head-perturbation.js';
import { layerWorstRatio } from '../../../bounds/checks/lem-layer-lipschitz.js';

/** The searches available, by the id of the inequality they attack, with what the ratio is. */
export const ADVERSARIAL_CHECKS = {
  'lem-softmax-linf-l1': {
    description: '‖softmax(u) − softmax(v)‖₁ / (c‖u − v‖∞) with the shipped c, n = 4',
    run: (seed: number, budget: number) => softmaxWorstRatio(SOFTMAX_LINF_L1_CONSTANT, 4, seed, budget),
  },
  'lem-linear-linf-cover': {
    description: 'mistake-bound updates used / the proven bound M (shipped constant)',
    run: (seed: number, budget: number) => linearCoverWorstRatio(MISTAKE_BOUND_CONSTANT, seed, budget),
  },
  'lem-head-perturbation': {
    description: 'head output change / its proven perturbation bound',
    run: (seed: number, budget: number) => headPerturbationWorstRatio(SOFTMAX_LINF_L1_CONSTANT, seed, budget),
  },
  'lem-layer-lipschitz': {
    description: 'layer output change / its proven Lipschitz bound',
    run: (seed: number, budget: number) => layerWorstRatio(seed, budget),
  },
} as const;

/** Ids of the available searches. */
export type AdversarialCheckId = keyof typeof ADVERSARIAL_CHECKS;

/** zod schema of one search cell. */
export const adversarialConfigSchema = z.strictObject({
  check: z.enum(Object.keys(ADVERSARIAL_CHECKS) as [AdversarialCheckId, ...AdversarialCheckId[]]),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** Ratio evaluations (why ≥ 100: fewer does not leave the starting points). */
  budget: z.int().min(100).max(10_000_000),
});

/** A normalized search cell. */
export type AdversarialConfig = z.output<typeof adversarialConfigSchema>;

/** What an adversarial run stores (read by the Checks section). */
export interface AdversarialRunResult {
  readonly id: AdversarialCheckId;
  readonly worstRatio: number;
  readonly evaluations: number;
  readonly seed: number;
  readonly description: string;
}

/** The 'adversarial' run kind. */
export function adversarialKind(): RunKind<AdversarialConfig, AdversarialRunResult> {
  return {
    name: 'adversarial',
    configSchema: adversarialConfigSchema,
    hash: (c) => contentHash('adversarial', c),
    async runAll(configs, opts) {
      for (const c of configs) {
        if (opts.signal?.aborted) return;
        const check = ADVERSARIAL_CHECKS[c.check];
        opts.onResult(c, { id: c.check, worstRatio: check.run(c.seed, c.budget), evaluations: c.budget, seed: c.seed, description: check.description });
        await new Promise((r) => setImmediate(r));
      }
    },
    row: (c, r) => ({ check: c.check, seed: c.seed, budget: c.budget, worstRatio: r.worstRatio }),
    volatileFields: [],
  };
}
