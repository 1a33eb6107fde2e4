/**
 * The full experiment's training protocol (issue 10; proofs-notes/alg-sample-complexity.md §5,
 * §Pilot-2): tasks, grid, budgets and, per model and optimizer, the learning rate the pilot chose
 * (scripts/pilot.ts at T = 24, outside every grid; its data in proofs-notes/data/pilot-*.csv; a test
 * checks that the rates below are the ones its rule picked). Fixed once; never retuned per T or model.
 */
import type { TrainConfigInput } from './config.js';

/** The optimizer protocols the full experiment runs. */
export type FullExperimentOptimizer = 'adam' | 'sgd-momentum' | 'sgd';

/** Settings of one optimizer protocol, beyond the pilot-chosen learning rate. */
export interface OptimizerProtocol {
  /** TrainConfig fields the protocol fixes (optimizer, loss, batch size, and its own parameters). */
  readonly settings: Partial<TrainConfigInput>;
  /** Settings that depend on the learning rate (the sgd-momentum floor lr / 10). */
  readonly perRate?: (lr: number) => Partial<TrainConfigInput>;
}

/** The full experiment's fixed design. */
export interface FullExperimentConfig {
  /** Tasks with a first-order signal, where m* should measure statistics rather than search. */
  readonly primaryTasks: readonly ('majority' | 'and')[];
  /** The hardness case (no first-order signal), run with budgets growing with T. */
  readonly hardnessTask: 'parity';
  /** s, the support size. */
  readonly sparsity: number;
  /** The T grid. */
  readonly contextLengths: readonly number[];
  /** Architectures run. */
  readonly models: readonly ('transformer' | 'mlp')[];
  /** Settings of each optimizer protocol. */
  readonly protocols: Readonly<Record<FullExperimentOptimizer, OptimizerProtocol>>;
  /** η per model and optimizer, as the pilot's rule chose it (§Pilot-2). */
  readonly learningRates: Readonly<Record<'transformer' | 'mlp', Readonly<Record<FullExperimentOptimizer, number>>>>;
  /** Initial budget of every run (steps); doubled while the run has not fit, up to the cap. */
  readonly steps: number;
  /** Cap of the primary tasks. */
  readonly budgetCap: number;
  /** Cap of the parity (hardness) task at context length T. */
  readonly parityBudgetCap: (contextLength: number) => number;
  /** Random restarts of a primary-task run that has not fit at its cap (TrainConfig restarts); parity gets none. */
  readonly primaryRestarts: number;
}

/**
 * The full experiment. Each setting's why:
 * - primaryTasks majority, and: first-order signal (each support bit correlates with the label), so
 *   gradient methods find the support quickly and m* measures statistics, not search (issue 10).
 * - hardnessTask parity: no first-order signal; kept as the hardness case with budgets growing with T.
 * - sparsity 3, contextLengths 8..64: the default experiment's grid, so results compare directly.
 * - protocols: Adam as before (batch 64, logistic); Trauger & Tewari's SGD-momentum (0.9, × 0.999 per
 *   epoch, floor lr / 10, batch 64, logistic); Barak et al.'s SGD (batch 32, weight decay 0.01, hinge).
 * - learningRates: the pilot's rule (scripts/pilot.ts header), proofs-notes/data/pilot-choice.csv.
 * - steps 2000: the default experiment's budget; every pilot run that fit did so within 1,875 steps.
 * - budgetCap 128000: six doublings. First set to 16000 (three doublings); the first full run (2026-12-01,
 *   proofs-notes/alg-sample-complexity.md §10) left one primary cell optimization-censored, so the cap was
 *   raised for every primary cell before the second run. A run's trajectory does not depend on its budget
 *   (§5), so this changes only runs that had not fit by 16000 steps; it is a compute budget, not a
 *   hyperparameter of the statistics.
 * - primaryRestarts 3 (added 2026-12-01 11:10 UTC, before run 4; alg-sample-complexity §12): run 2 showed
 *   the AND Transformer's never-fit runs stuck at 89–94% training accuracy from 16,000 to 128,000 steps,
 *   so no budget resolves them; a restart from new initial weights is the optimization device that can.
 *   It acts only after a run has spent its whole cap unfit, so every run that fit under run 2's protocol
 *   is unchanged. 3 = the fewest that make the chance that all attempts of a run stick small, if about 1
 *   run in 20 sticks (run 2: 6 of ~700 AND Transformer runs), ≤ (1/20)^4; chosen from that count, not
 *   from any outcome of the statistics. Parity gets none: it is the hardness case, whose censoring is
 *   the finding, and its caps make restarts expensive.
 * - parityBudgetCap 2000·(T/8)²: grows polynomially in T as SGD's iteration count does for sparse
 *   parities (Barak et al. 2022: n^{O(k)}); the exponent 2 is OUR choice, not theirs.
 */
export const FULL_EXPERIMENT: FullExperimentConfig = {
  primaryTasks: ['majority', 'and'],
  hardnessTask: 'parity',
  sparsity: 3,
  contextLengths: [8, 16, 32, 64],
  models: ['transformer', 'mlp'],
  protocols: {
    adam: { settings: { optimizer: 'adam', loss: 'logistic', batchSize: 64 } },
    'sgd-momentum': { settings: { optimizer: 'sgd-momentum', momentum: 0.9, lrDecay: 0.999, loss: 'logistic', batchSize: 64 }, perRate: (lr) => ({ lrFloor: lr / 10 }) },
    sgd: { settings: { optimizer: 'sgd', loss: 'hinge', batchSize: 32, weightDecay: 0.01 } },
  },
  learningRates: {
    transformer: { adam: 0.001, 'sgd-momentum': 0.03, sgd: 0.1 },
    mlp: { adam: 0.01, 'sgd-momentum': 0.03, sgd: 0.3 },
  },
  steps: 2000,
  budgetCap: 128000,
  parityBudgetCap: (T) => Math.max(2000, Math.round(2000 * (T / 8) ** 2)),
  primaryRestarts: 3,
};

/**
 * The training settings of one full-experiment run (everything but task, T, s, m, seed; §Pilot-2):
 * the protocol's settings, the pilot-chosen η, steps, the budget cap (parityBudgetCap(T) for parity) and,
 * for the primary tasks, the restarts.
 * @param model - the architecture.
 * @param optimizer - the optimizer protocol.
 * @param task - the task; parity gets the T-dependent cap.
 * @param contextLength - T (used only for the parity cap).
 * Throws nothing; the result is validated by normalizeConfig when it runs.
 */
export function fullExperimentSettings(model: 'transformer' | 'mlp', optimizer: FullExperimentOptimizer, task: 'majority' | 'and' | 'parity', contextLength: number): Partial<TrainConfigInput> {
  const p = FULL_EXPERIMENT.protocols[optimizer];
  const lr = FULL_EXPERIMENT.learningRates[model][optimizer];
  return {
    model,
    ...p.settings,
    learningRate: lr,
    ...(p.perRate ? p.perRate(lr) : {}),
    steps: FULL_EXPERIMENT.steps,
    budgetCap: task === 'parity' ? FULL_EXPERIMENT.parityBudgetCap(contextLength) : FULL_EXPERIMENT.budgetCap,
    ...(task === 'parity' ? {} : { restarts: FULL_EXPERIMENT.primaryRestarts }),
  };
}
