/**
 * Norm budgets for generated models (attn-theory/testing): each weight matrix of a Model is scaled down,
 * never up, until it meets every budget given, with the norm conventions of the bound requests
 * (proofs-notes/notation.md: spectral ‖W‖₂, group ‖W‖_{2,1} = Σ_j ‖W_{:,j}‖₂ over columns). Scaling
 * a matrix by c > 0 scales all its norms by c, so one factor min(1, budget/norm) per matrix suffices.
 */
import { fromData, type Matrix } from '../core/matrix.js';
import { groupNormColumns, frobeniusNorm, spectralNorm } from '../core/norms.js';
import { maxEmbeddedRowNorm } from '../model/embed.js';
import type { AttentionHead, DenseLayer, Embedding, LayerHead, Model, PositionBlock } from '../model/types.js';

/** Upper bounds (each optional, finite and > 0) that every matrix of its kind must meet. */
export interface ModelNormBudgets {
  /** B_X: max over all 2^T inputs of every embedded row norm ‖x_t‖₂ (the whole embedding is scaled). */
  readonly inputNorm?: number;
  /** Spectral norm of every W_QK ([CLS] heads and layer heads). */
  readonly qkSpectral?: number;
  /** Group (2,1) norm (columns) of every W_QK. */
  readonly qkGroup21?: number;
  /** B_V: spectral norm of every W_V. */
  readonly valueSpectral?: number;
  /** B_V^{2,1}: group (2,1) norm (columns) of every W_V. */
  readonly valueGroup21?: number;
  /** Spectral norm of every layer head's W_C. */
  readonly outputSpectral?: number;
  /** Group (2,1) norm (columns) of every layer head's W_C. */
  readonly outputGroup21?: number;
  /** Frobenius norm of every readout weight matrix (‖w‖₂ for a linear readout; biases are not scaled). */
  readonly readout?: number;
}

/** Factor < 1 kept strictly below budget/norm, so that rounding never leaves a norm above its budget. */
const SAFETY = 1 - 2 ** -40;

/** The factor c ∈ (0, 1] with c·norm_i ≤ budget_i for every (norm, budget) pair whose budget is set. */
export function budgetFactor(pairs: readonly (readonly [norm: number, budget: number | undefined])[]): number {
  let c = 1;
  for (const [norm, budget] of pairs) if (budget !== undefined && norm > budget) c = Math.min(c, (budget / norm) * SAFETY);
  return c;
}

/** The matrix scaled by c (the same object when c = 1). */
export function scaleMatrix(m: Matrix, c: number): Matrix {
  return c === 1
    ? m
    : fromData(
        m.rows,
        m.cols,
        m.data.map((x) => x * c),
      );
}

function fitPair(m: Matrix, spectral: number | undefined, group21: number | undefined): Matrix {
  if (spectral === undefined && group21 === undefined) return m;
  return scaleMatrix(
    m,
    budgetFactor([
      [spectral === undefined ? 0 : spectralNorm(m), spectral],
      [group21 === undefined ? 0 : groupNormColumns(m), group21],
    ]),
  );
}

function fitHead<H extends AttentionHead>(h: H, b: ModelNormBudgets): H {
  const out = { ...h, wQK: fitPair(h.wQK, b.qkSpectral, b.qkGroup21), wV: fitPair(h.wV, b.valueSpectral, b.valueGroup21) };
  if ('wC' in h) (out as unknown as { wC: Matrix }).wC = fitPair((h as unknown as LayerHead).wC, b.outputSpectral, b.outputGroup21);
  return out;
}

function scaleEmbedding(e: Embedding, c: number): Embedding {
  if (c === 1) return e;
  const position = e.position.map((p): PositionBlock => (p.kind === 'dense' ? { kind: 'dense', matrix: scaleMatrix(p.matrix, c) } : { ...p, scale: p.scale * c }));
  return { token: scaleMatrix(e.token, c), position, cls: e.cls.map((x) => x * c) };
}

function fitReadout(l: DenseLayer, budget: number | undefined): DenseLayer {
  return budget === undefined ? l : { ...l, weight: scaleMatrix(l.weight, budgetFactor([[frobeniusNorm(l.weight), budget]])) };
}

/**
 * The model with every matrix scaled down to meet the budgets (a new object; the input is not mutated).
 * Trusts its input: the budgets are validated by the callers' schemas (arbModel's options).
 * @param model - a checked model.
 * @param budgets - the budgets; an absent one is not enforced.
 */
export function applyNormBudgets(model: Model, budgets: ModelNormBudgets): Model {
  const inputFactor = budgets.inputNorm === undefined ? 1 : budgetFactor([[maxEmbeddedRowNorm(model.embedding, model.contextLength), budgets.inputNorm]]);
  return {
    ...model,
    embedding: scaleEmbedding(model.embedding, inputFactor),
    layers: model.layers.map((l) => ({ ...l, heads: l.heads.map((h) => fitHead(h, budgets)) })),
    clsHeads: model.clsHeads.map((h) => fitHead(h, budgets)),
    readout: model.readout.map((l) => fitReadout(l, budgets.readout)),
  };
}
