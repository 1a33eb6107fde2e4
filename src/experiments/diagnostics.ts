/**
 * Diagnostics of a trained run (issue 5, item 5): attention mass on the true support, every norm the
 * bounds use, the generalization bound on the trained weights, and the certifier's margin.
 * All of them are computed on the exported float64 reference model, never on tfjs internals, so they
 * describe exactly the object the bounds and the certifier talk about.
 */
import { forward, forwardTrace } from '../model/forward.js';
import { measureNorms, type MatrixNorms, type ModelNorms } from '../model/norms-report.js';
import type { Model, BooleanTarget } from '../model/types.js';
import type { TrainConfig } from './config.js';
import type { Dataset } from './tasks.js';
import type { TfModel } from './tf-init.js';
import { boundFromModel } from '../bounds/api.js';
import { certify } from '../constructions/api.js';
import { shortError } from './backend-names.js';

/** γ at which the margin bound is evaluated: fixed before training (no data-dependent choice, so no union bound is needed); 1 is the scale where the logistic loss log(1+e^{−z}) turns from linear to flat (thm-margin-bound). */
export const BOUND_MARGIN = 1;
/** δ of the reported bound (thm-margin-bound). */
export const BOUND_DELTA = 0.05;
/** Test inputs whose [CLS] attention is averaged for the support mass (alg-sample-complexity diagnostics). */
export const ATTENTION_PROBE_INPUTS = 512;

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
    /** Certified lower bound on min_b y(b)·f(b) over all 2^T inputs. */
    minMargin: number;
    /** Which certifier ran (Certificate.method). */
    method: string;
    /** Which inputs the bound covers, in words. */
    inputsCovered: string;
  } | null;
  /** Why a diagnostic is missing, one line each. */
  readonly notes: readonly string[];
}

/** Mean [CLS] attention mass on the support over the first probe inputs of a dataset (reference model). */
export function supportAttentionMass(model: Model, target: BooleanTarget, data: Dataset, probes = ATTENTION_PROBE_INPUTS): number {
  const T = data.contextLength;
  const n = Math.min(probes, data.size);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const tr = forwardTrace(model, data.bits.subarray(i * T, (i + 1) * T));
    for (const h of tr.clsHeads) for (const p of target.support) total += h.attention[p]; // row p = position p
  }
  return total / (n * Math.max(1, model.clsHeads.length));
}

/** Compute every diagnostic of a finished run; a bound or certificate that throws becomes a one-line note. */
export async function runDiagnostics(a: {
  config: TrainConfig;
  net: TfModel;
  exported: Model | null;
  target: BooleanTarget;
  test: Dataset;
  trainEval: { outputs: Float32Array };
  trainLabels: Float32Array;
  trainBits: Uint8Array;
}): Promise<Diagnostics> {
  const notes: string[] = [];
  // The bound speaks of the exported float64 model, so its margin loss is measured with the reference
  // forward on the training inputs (the MLP, which has no reference form, uses its tfjs outputs).
  const T = a.config.contextLength;
  let below = 0;
  for (let i = 0; i < a.trainLabels.length; i++) {
    const f = a.exported ? forward(a.exported, a.trainBits.subarray(i * T, (i + 1) * T)) : a.trainEval.outputs[i];
    if (a.trainLabels[i] * f < BOUND_MARGIN) below++;
  }
  const empiricalMarginLoss = below / a.trainLabels.length;
  if (!a.exported) {
    const mlp = a.net as TfModel & { norms(): MatrixNorms[] };
    notes.push('bound and certificate: the MLP baseline is not an attention model');
    return { supportAttentionMass: null, norms: { mlpLayers: mlp.norms() }, empiricalMarginLoss, bound: null, certificate: null, notes };
  }
  const model = a.exported;
  const norms = measureNorms(model);
  const mass = supportAttentionMass(model, a.target, a.test);
  let bound: unknown | null = null;
  try {
    bound = boundFromModel(model, { sampleSize: a.config.sampleSize, margin: BOUND_MARGIN, delta: BOUND_DELTA, empiricalMarginLoss });
  } catch (err) {
    notes.push(`bound: ${shortError(err)}`);
  }
  let certificate: Diagnostics['certificate'] = null;
  try {
    const r = certify(model, a.target);
    certificate = { certified: r.certified, minMargin: r.minMargin, method: r.method, inputsCovered: r.inputsCovered };
  } catch (err) {
    notes.push(`certificate: ${shortError(err)}`);
  }
  return { supportAttentionMass: mass, norms, empiricalMarginLoss, bound, certificate, notes };
}
