/**
 * Differential checks of src/model against the naive loop implementation (naive-model.ts). Each
 * check is parameterised by the implementation under test, so the same check runs on the real code
 * (must pass) and on deliberate mutants (mutants.ts; must be caught). A check throws
 * DifferentialMismatch naming the quantity and the entries that disagree.
 */
import { embed } from '../../src/model/embed.js';
import { headForward } from '../../src/model/head.js';
import { layerForward } from '../../src/model/layer.js';
import { forward } from '../../src/model/forward.js';
import { readoutForwardVector } from '../../src/model/readout.js';
import { toRows, row, type Matrix } from '../../src/core/matrix.js';
import type { Model, AttentionHead, SelfAttentionLayer, DenseLayer } from '../../src/model/types.js';
import { naiveEmbed, naiveHead, naiveLayer, naiveForward, naiveReadout } from './naive-model.js';

/** Relative agreement required between the two implementations (different summation orders). */
export const DIFFERENTIAL_REL_TOL = 1e-9;

/** A disagreement between an implementation and the naive oracle. */
export class DifferentialMismatch extends Error {}

/** Signature of a head implementation: f_head(X, z). */
export type HeadImpl = (head: AttentionHead, X: Matrix, z: ArrayLike<number>) => ArrayLike<number>;
/** Signature of a layer implementation. */
export type LayerImpl = (layer: SelfAttentionLayer, X: Matrix) => Matrix;
/** Signature of a whole-model implementation. */
export type ForwardImpl = (model: Model, bits: ArrayLike<number>) => number;
/** Signature of a readout implementation (vector output). */
export type ReadoutImpl = (layers: readonly DenseLayer[], v: ArrayLike<number>) => ArrayLike<number>;

/** The real implementations (src/model). */
export const REAL: { head: HeadImpl; layer: LayerImpl; forward: ForwardImpl; readout: ReadoutImpl } = {
  head: headForward,
  layer: layerForward,
  forward,
  readout: readoutForwardVector,
};

/** Throw unless |a_i − e_i| ≤ relTol · max(1, max|e|, max|a|) for every i. */
export function assertVectorsClose(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>, relTol = DIFFERENTIAL_REL_TOL): void {
  if (actual.length !== expected.length) throw new DifferentialMismatch(`${what}: length ${actual.length} vs ${expected.length}`);
  let mag = 1;
  for (let i = 0; i < actual.length; i++) mag = Math.max(mag, Math.abs(actual[i]), Math.abs(expected[i]));
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= relTol * mag)) throw new DifferentialMismatch(`${what}[${i}]: implementation ${actual[i]} vs naive ${expected[i]} (|diff| ${diff} > ${relTol * mag})`);
  }
}

function flat(rows: number[][]): number[] {
  return rows.flat();
}

/** Embedding agrees with the naive one. */
export function checkEmbed(model: Model, bits: ArrayLike<number>): void {
  assertVectorsClose('embed', embed(model.embedding, model.contextLength, bits).data, flat(naiveEmbed(model, bits)));
}

/**
 * Every head of the model ([CLS] heads and layer-1 heads) agrees with the naive head on the embedded
 * input, for the [CLS] query x_0 and for every token query x_t.
 */
export function checkHeads(impl: HeadImpl, model: Model, bits: ArrayLike<number>): void {
  const X = embed(model.embedding, model.contextLength, bits);
  const Xn = toRows(X);
  const heads: AttentionHead[] = [...model.clsHeads, ...(model.layers[0]?.heads ?? [])];
  heads.forEach((h, hi) => {
    for (let q = 0; q < X.rows; q++) assertVectorsClose(`head ${hi} query ${q}`, impl(h, X, row(X, q)), naiveHead(h, Xn, Xn[q]));
  });
}

/** Every layer agrees with the naive layer on the reference input to that layer. */
export function checkLayers(impl: LayerImpl, model: Model, bits: ArrayLike<number>): void {
  let X = embed(model.embedding, model.contextLength, bits);
  model.layers.forEach((layer, li) => {
    const Y = impl(layer, X);
    assertVectorsClose(`layer ${li}`, Y.data, flat(naiveLayer(layer, toRows(X))));
    X = layerForward(layer, X);
  });
}

/** The whole model agrees with the naive forward pass. */
export function checkForward(impl: ForwardImpl, model: Model, bits: ArrayLike<number>): void {
  assertVectorsClose('forward', [impl(model, bits)], [naiveForward(model, bits)]);
}

/** The readout agrees with the naive readout on input v. */
export function checkReadout(impl: ReadoutImpl, layers: readonly DenseLayer[], v: ArrayLike<number>): void {
  assertVectorsClose('readout', impl(layers, v), naiveReadout(layers, v));
}
