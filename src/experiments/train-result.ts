/**
 * What one training run reports (contract with src/report, src/experiments/sweep and the pool), as types
 * only, in a module that imports no TensorFlow.js: the published .d.ts of the experiments entry then
 * never pulls in tfjs-core's types (a strict consumer would otherwise type-check them). train.ts,
 * diagnostics.ts and fast/fused-train.ts re-export these names.
 */
import type { TrainConfig } from './config.js';
import type { MatrixNorms, ModelNorms } from '../model/norms-report.js';
import type { BooleanTarget } from '../model/types.js';

/* The diagnostics' fixed settings, here (not in diagnostics.ts) so the experiments entry's .d.ts stays free of tfjs types. */
/**
 * γ at which the margin bound of a run is evaluated: fixed before training (1 is the scale where the
 * logistic loss log(1+e^{−z}) turns from linear to flat). The budgets are read off the trained weights, so
 * the bound is the grid union of thm-budget-grid-union (which also covers a γ chosen later).
 */
export const BOUND_MARGIN = 1;
/** δ of the reported bound (thm-margin-bound). */
export const BOUND_DELTA = 0.05;
/** Test inputs whose [CLS] attention is averaged for the support mass (alg-sample-complexity diagnostics). */
export const ATTENTION_PROBE_INPUTS = 512;

/** The trainer a run used: a fused step (one-layer [CLS] Transformer, MLP) or tfjs autodiff. */
export type TrainerKind = 'fused-cls' | 'fused-mlp' | 'tfjs';

/** What runDiagnostics returns: the diagnostics of a trained run, computed on the exported float64 model (def-tfjs-export). */
export interface Diagnostics {
  /** Mean over probe inputs and [CLS] heads of Σ_{t∈I} a_t, or null for the MLP. */
  readonly supportAttentionMass: number | null;
  /** measureNorms of the exported model (Transformer) or the MLP's per-layer matrix norms. */
  readonly norms:
    | ModelNorms
    | {
        /** Norms of each dense layer's weight of the MLP baseline, input layer first. */
        readonly mlpLayers: readonly MatrixNorms[];
      };
  /** Fraction of training points with y f(b) < γ = BOUND_MARGIN (f of the exported reference model for the Transformer). */
  readonly empiricalMarginLoss: number;
  /** boundFromModel's report (src/bounds/api.ts), or null (MLP, or the bound threw: see notes). */
  readonly bound: unknown | null;
  /** certify's verdict, or null. */
  readonly certificate: {
    /** The verdict (Certificate.certified). */
    certified: boolean;
    /** Certified lower bound on the exact real min_b y(b)·f(b) over all 2^T inputs (Certificate.certifiedLowerBound, rounding included). */
    minMargin: number;
    /** Which certifier ran (Certificate.method). */
    method: string;
    /** Which inputs the bound covers, in words. */
    inputsCovered: string;
  } | null;
  /**
   * The sparse-compression certificate (thm-sparse-compression-certificate) against the s-sparse function
   * read off the trained model's [CLS] attention and the training labels (class 'adaptive', δ = BOUND_DELTA);
   * null for the MLP or when it could not be computed (see notes); absent in runs stored before it existed.
   */
  readonly compression?: CompressionDiagnostics | null;
  /** Why a diagnostic is missing, one line each. */
  readonly notes: readonly string[];
}

/** The compression certificate of a trained run (Diagnostics.compression; thm-sparse-compression-certificate). */
export interface CompressionDiagnostics {
  /** The read-off support (top-s [CLS] attention positions over the training inputs, sorted). */
  readonly support: readonly number[];
  /** The read-off truth table (majority vote of the training labels per pattern). */
  readonly table: string;
  /** Whether the read-off support is the task's support (as a set). */
  readonly supportIsTaskSupport: boolean;
  /** Mean [CLS] attention mass on each read-off position. */
  readonly supportMass: readonly number[];
  /** K: training points with y ≠ g(x). */
  readonly trainErrors: number;
  /** 'realizable' (K = 0) or 'agnostic'. */
  readonly form: 'realizable' | 'agnostic';
  /** Whether the certifier proved y_g(b) f(b) > 0 on all 2^T inputs. */
  readonly signAgrees: boolean;
  /** The certifier's proven lower bound on the exact real min_b y_g(b) f(b) (Certificate.certifiedLowerBound). */
  readonly minMargin: number;
  /** Which certifier ran. */
  readonly method: string;
  /** ln(1/π(g)) of the class prior. */
  readonly logInversePrior: number;
  /** The certified bound on P[y f(x) ≤ 0] (exact binomial tail inversion), or null when the sign does not certify. */
  readonly bound: number | null;
  /** The looser forms at the same confidence (kl, Hoeffding). */
  readonly kl: number;
  /** Hoeffding form (may exceed 1). */
  readonly hoeffding: number;
  /** The event the bound holds on. */
  readonly statement: string;
}

/** Everything one run reports (contract with src/report and src/experiments/sweep). */
export interface TrainResult {
  /** The normalized config that ran. */
  readonly config: TrainConfig;
  /** tfjs backend that ran ('node' | 'wasm' | 'cpu'). */
  readonly backend: string;
  /** Which training step ran: a fused step (one-layer [CLS] Transformer, MLP) or tfjs autodiff (fast/fused-train.ts). */
  readonly trainer: TrainerKind;
  /** Accuracy on the (possibly noisy) training labels. */
  readonly trainAccuracy: number;
  /** Accuracy on the clean held-out set. */
  readonly testAccuracy: number;
  /** Optimizer steps taken (≤ config.steps). */
  readonly steps: number;
  /** Wall time of the run (data, training, evaluation, diagnostics), seconds. */
  readonly wallSeconds: number;
  /** CPU time (user + system) of this process during the run, seconds: the load-independent cost. */
  readonly cpuSeconds: number;
  /** Mean over test inputs and [CLS] heads of Σ_{t∈I} a_t (Transformer only). */
  readonly supportAttentionMass: number | null;
  /** Every norm the bounds use, measured on the trained weights. */
  readonly norms: unknown;
  /** The bound issue's generalization bound on the trained weights, or null (MLP, or bounds absent). */
  readonly bound: unknown | null;
  /** The certifier's minimum margin when it certifies the trained model, else null. */
  readonly certifiedMargin: number | null;
  /** Exported reference model file (Transformer only, when asked for). */
  readonly modelJson?: unknown;
  /** Mean training loss (the configured loss) of the trained model on the training set. */
  readonly finalTrainLoss: number;
  /** Whether the stop criterion was met before the budget in force ran out (steps < budgetSteps). */
  readonly stoppedEarly: boolean;
  /** The task's Boolean target (support I and truth table) the run learned. */
  readonly target: BooleanTarget;
  /** Whether the test set is all 2^T inputs (true) or testSize fresh ones (false). */
  readonly testExhaustive: boolean;
  /** Attention mass, norms, bound and certificate of the trained model, with notes on anything missing. */
  readonly diagnostics: Diagnostics;
  /**
   * Whether the run met its fit criterion at some check: 100% training accuracy (or mean training loss
   * ≤ targetLoss > 0) in fixed mode; in fresh mode, which has no training set, it is solved
   * (fitTrainSet ⇔ solveStep ≠ null).
   */
  readonly fitTrainSet: boolean;
  /** The step of the first check at which the fit criterion held (fresh mode: solveStep), else null. */
  readonly fitStep: number | null;
  /** The step budget finally used: steps · 2^escalations, capped at budgetCap. */
  readonly budgetSteps: number;
  /** How many times the budget was doubled because the stop criterion was not met. */
  readonly escalations: number;
  /**
   * stopAt 'solve' only (always so in fresh mode): the step of the first check at which accuracy on the
   * held-out solve set (solveSize inputs, stream 'solve', never the test set) was ≥ 0.99, else null.
   * null whenever stopAt is 'fit' (no solve check is made).
   */
  readonly solveStep: number | null;
  /**
   * Attempts made (1 + restarts taken; config restarts, alg-sample-complexity §12): every field above
   * but totalSteps describes the last attempt, whose model is the one returned. Absent in records stored before restarts existed.
   */
  readonly attempts?: number;
  /** Optimizer steps over all attempts (= steps when attempts = 1). Absent in records stored before restarts existed. */
  readonly totalSteps?: number;
  /** Mean loss (the configured one) on the held-out test set, for the loss generalization gap. */
  readonly testLoss: number;
  /**
   * Entrywise ℓ1 norm Σ|w_ij| of every trainable variable of the trained model (model order, with its
   * shape; biases included) and their sum: Trauger & Tewari's reported weight norm.
   */
  readonly weightL1: {
    /** Σ over the variables of their ℓ1 norms. */
    readonly total: number;
    /** Each variable in model order. */
    readonly variables: readonly {
      /** The variable's shape. */
      readonly shape: readonly number[];
      /** Σ|w_ij| of the variable. */
      readonly l1: number;
    }[];
  };
}

/** Options of trainRun beyond the config. */
export interface TrainRunOptions {
  /** Include the exported model file in the result (Transformer only). */
  readonly keepModel?: boolean;
  /** Abort between steps. */
  readonly signal?: AbortSignal;
}
