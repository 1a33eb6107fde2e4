/**
 * The whole model, float64 reference semantics (the spec every other implementation must match):
 *   X⁰ = embed(b); X^l = layer_l(X^{l−1}), l = 1..L;
 *   h = Σ_j f_head^j(X^L, x_0^L) if there are [CLS] heads, else h = x_0^L;
 *   f(b) = readout(h) ∈ R.
 */
import { row, type Matrix } from '../core/matrix.js';
import { shapeError } from '../core/errors.js';
import { embed } from './embed.js';
import { layerForward } from './layer.js';
import { headForwardTrace, type HeadTrace } from './head.js';
import { readoutForward } from './readout.js';
import type { Model } from './types.js';

/** Everything the reference semantics computes on one input (def-reference-model). */
export interface ForwardTrace {
  /** X^0, X^1, …, X^L. */
  readonly hidden: readonly Matrix[];
  /** One trace per [CLS] head (query x_0^L). */
  readonly clsHeads: readonly HeadTrace[];
  /** h, the input of the readout: Σ_j of the [CLS] head outputs (k), or x_0^L (d) when there are none. */
  readonly pooled: Float64Array;
  /** f(b). */
  readonly output: number;
}

/**
 * Run the float64 reference semantics on bits b ∈ {0,1}^T, keeping every intermediate (def-reference-model).
 * @param model - a checked model (readModelFile, modelFromJson and the builders check it).
 * @param bits - b, length T, entries 0 or 1; bits[t−1] is b_t.
 * @throws ShapeError when bits does not have length T; DomainError when an entry is not 0 or 1.
 */
export function forwardTrace(model: Model, bits: ArrayLike<number>): ForwardTrace {
  const hidden: Matrix[] = [embed(model.embedding, model.contextLength, bits)];
  for (const layer of model.layers) hidden.push(layerForward(layer, hidden[hidden.length - 1]));
  const XL = hidden[hidden.length - 1];
  const x0 = row(XL, 0);
  const clsHeads = model.clsHeads.map((h) => headForwardTrace(h, XL, x0));
  let pooled: Float64Array;
  if (clsHeads.length === 0) pooled = Float64Array.from(x0);
  else {
    pooled = new Float64Array(clsHeads[0].output.length);
    for (const t of clsHeads) {
      if (t.output.length !== pooled.length) throw shapeError('forward', '[CLS] heads must share the output dimension k', `${t.output.length} vs ${pooled.length}`);
      for (let j = 0; j < pooled.length; j++) pooled[j] += t.output[j];
    }
  }
  const output = readoutForward(model.readout, pooled);
  return { hidden, clsHeads, pooled, output };
}

/**
 * The model output f(b) ∈ R of the float64 reference semantics (def-reference-model).
 * @param model - a checked model.
 * @param bits - b, length T, entries 0 or 1; bits[t−1] is b_t.
 * @throws ShapeError when bits does not have length T; DomainError when an entry is not 0 or 1.
 */
export function forward(model: Model, bits: ArrayLike<number>): number {
  return forwardTrace(model, bits).output;
}

/** Id of the reference semantics' definition note: proofs-notes/def-reference-model.md. */
export const REFERENCE_MODEL_ID = 'def-reference-model';
