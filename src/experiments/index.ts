/**
 * `attn-theory/experiments`: learning experiments on sparse Boolean tasks with TensorFlow.js (configs
 * and their hash, one run, a pool of worker processes, the sample-complexity search that keeps
 * optimization apart from statistics, the statistics and verdicts of m*(T), and the full experiment's
 * plan). Importing it does not load tfjs: a run loads it on first use.
 * @packageDocumentation
 */
export * from './api.js';
export { OPTIMIZERS, LOSSES, DATA_MODES, STOP_CRITERIA, SOLVE_ACCURACY, TRAINERS } from './config.js';
export { type RunExecutor, type SampleComplexityProbe, summarizeProbe } from './sample-complexity.js';
export type { ProbeDecision, BracketProbe } from './bracket-search.js';
// Outcomes of a seed: success, statistical failure, or optimization-censored (never fit).
export { OUTCOME_PROTOCOL_ID, runFitTrainSet, runFitStep, seedOutcome, countOutcomes, decideProbe, type SeedOutcome, type RunReading, type OutcomeCounts } from './stats/outcome.js';
// Statistics of m*(T) and the verdict rule, each fixed in code before the data (proofs-notes/alg-*).
export {
  BOOTSTRAP_MSTAR_ID,
  BOOTSTRAP_REPLICATES,
  BOOTSTRAP_SEED,
  bootstrapMstar,
  type BootstrapInterval,
  type SeedOutcomeTable,
  type MstarBounds,
  type BootstrapOptions,
} from './stats/bootstrap-mstar.js';
export { MSTAR_MODEL_SELECTION_ID, SELECTION_AIC_MARGIN, MSTAR_LAWS, lawValue, fitMstarLaws, selectMstarModel, type MstarLaw, type MstarSelection, type LawFit } from './stats/model-selection.js';
export { LEARNING_VERDICT_ID, VERDICT_EXPONENT_BOUND, VERDICT_ALPHA, exponentRange, learningVerdict, type VerdictPoint, type LearningVerdict } from './stats/verdict.js';
export { CURVE_VERDICTS_ID, curveVerdicts, type CurveVerdict, type CurvePoint, type SearchReading } from './stats/curve-verdicts.js';
// The full experiment: its pilot-chosen protocol, plan, shards and summary.
export { FULL_EXPERIMENT, fullExperimentSettings, type FullExperimentConfig, type FullExperimentOptimizer, type OptimizerProtocol } from './full-experiment-config.js';
export {
  FULL_EXPERIMENT_ID,
  FULL_EXPERIMENT_DEFAULTS,
  fullExperimentPlan,
  shardUnits,
  unitCost,
  runFullExperimentUnits,
  summarizeFullExperiment,
  fullExperimentSettingsSchema,
  type FullExperimentSettings,
  type FullExperimentUnit,
  type FullExperimentSummary,
  type FreshPoint,
} from './full-experiment.js';
export { FULL_EXPERIMENT_SUMMARY_FILE, writeFullExperimentFiles } from './full-experiment-files.js';
