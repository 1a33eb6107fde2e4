/**
 * Diagnostics of a trained run (issue 5, item 5): attention mass on the true support, every norm the
 * bounds use, the generalization bound on the trained weights, and the certifier's margin.
 * All of them are computed on the exported float64 reference model, never on tfjs internals, so they
 * describe exactly the object the bounds and the certifier talk about.
 */
import { forward, forwardTrace } from '../model/forward.js';
import { measureNorms, type MatrixNorms } from '../model/norms-report.js';
import type { Model, BooleanTarget } from '../model/types.js';
import type { TrainConfig } from './config.js';
import type { Dataset } from './tasks.js';
import type { TfModel } from './tf-init.js';
import { boundFromModel } from '../bounds/api.js';
import { certify } from '../constructions/api.js';
import { shortError } from './backend-names.js';
import type { CompressionDiagnostics, Diagnostics } from './train-result.js';
import { readSparseFunction, sameFunction } from '../bounds/compression-readoff.js';
import type { Certificate } from '../constructions/certify-exact.js';
import { certifiedCompression, sampleErrors } from '../bounds/compression-certificate.js';

export type { Diagnostics } from './train-result.js';
export { BOUND_MARGIN, BOUND_DELTA, ATTENTION_PROBE_INPUTS } from './train-result.js';
import { BOUND_MARGIN, BOUND_DELTA, ATTENTION_PROBE_INPUTS } from './train-result.js';

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
    return { supportAttentionMass: null, norms: { mlpLayers: mlp.norms() }, empiricalMarginLoss, bound: null, certificate: null, compression: null, notes };
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
  let full: Certificate | undefined;
  try {
    const r = certify(model, a.target);
    full = r;
    certificate = { certified: r.certified, minMargin: r.certifiedLowerBound, method: r.method, inputsCovered: r.inputsCovered };
  } catch (err) {
    notes.push(`certificate: ${shortError(err)}`);
  }
  let compression: CompressionDiagnostics | null = null;
  try {
    compression = compressionDiagnostics(model, a.target, a.trainBits, a.trainLabels, a.config.sparsity, full);
    if (!compression.signAgrees) notes.push(`compression: the model does not certify against the read-off function (certified min margin ${compression.minMargin})`);
  } catch (err) {
    notes.push(`compression: ${shortError(err)}`);
  }
  return { supportAttentionMass: mass, norms, empiricalMarginLoss, bound, certificate, compression, notes };
}

/**
 * The sparse-compression certificate of a trained model (thm-sparse-compression-certificate): the s-sparse
 * function read off its [CLS] attention and the training labels, certified against the model on all 2^T
 * inputs, bounded over the 'adaptive' class at δ = BOUND_DELTA with its K training errors.
 * @param model - the exported reference model (with [CLS] heads).
 * @param task - the task's target (only to report whether the read-off support is the task's).
 * @param bits - the m training inputs, m·T bits. @param labels - their ±1 labels. @param sparsity - s of the config.
 * @param taskCertificate - the certifier's certificate against `task`, reused when the read-off function is the task's.
 * @throws DomainError when the read-off or the certifier rejects its input.
 */
export function compressionDiagnostics(model: Model, task: BooleanTarget, bits: Uint8Array, labels: ArrayLike<number>, sparsity: number, taskCertificate?: Certificate): CompressionDiagnostics {
  const read = readSparseFunction(model, bits, labels, sparsity);
  const g = read.target;
  const K = sampleErrors(g, bits, labels, model.contextLength);
  const known = taskCertificate && sameFunction(g, task, model.contextLength) ? taskCertificate : undefined;
  const c = certifiedCompression(model, g, { sampleSize: labels.length, trainErrors: K, delta: BOUND_DELTA, functionClass: 'adaptive' }, known);
  const taskSet = new Set(task.support);
  return {
    support: g.support,
    table: g.table,
    supportIsTaskSupport: g.support.length === taskSet.size && g.support.every((p) => taskSet.has(p)),
    supportMass: read.supportMass,
    trainErrors: K,
    form: c.form,
    signAgrees: c.signAgrees,
    minMargin: c.certificate.certifiedLowerBound,
    method: c.certificate.method,
    logInversePrior: c.logInversePrior,
    bound: c.bound,
    kl: c.forms.kl,
    hoeffding: c.forms.hoeffding,
    statement: c.statement,
  };
}
