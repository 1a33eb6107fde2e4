/**
 * Every norm the bounds use, measured on a model: for each weight its spectral norm, both group
 * (2,1) norms (by columns, the paper's convention; by rows), Frobenius norm and max row/column norms;
 * and B_X = max row norm of the embedded input over all 2^T inputs (exact, streamed).
 */
import { spectralNorm, frobeniusNorm, groupNormColumns, groupNormRows, maxRowNorm, maxColumnNorm } from '../core/norms.js';
import type { Matrix } from '../core/matrix.js';
import { maxEmbeddedRowNorm } from './embed.js';
import { ACTIVATION_LIPSCHITZ } from './activations.js';
import type { Model, AttentionHead } from './types.js';

/** The norms of one weight matrix. */
export interface MatrixNorms {
  readonly shape: readonly [number, number];
  readonly spectral: number;
  readonly frobenius: number;
  /** Σ_j ‖W_{:,j}‖₂ (paper's ‖W‖_{2,1}). */
  readonly group21Columns: number;
  /** Σ_i ‖W_{i,:}‖₂ = ‖Wᵀ‖_{2,1}. */
  readonly group21Rows: number;
  readonly maxRowNorm: number;
  readonly maxColumnNorm: number;
}

/** Norms of a head's weights. */
export interface HeadNorms {
  readonly wQK: MatrixNorms;
  readonly wV: MatrixNorms;
  readonly wC?: MatrixNorms;
  /** L_σ. */
  readonly activationLipschitz: number;
}

/** The full report. */
export interface ModelNorms {
  readonly contextLength: number;
  readonly width: number;
  /** B_X: sup over all inputs of max_t ‖x_t‖₂ (t = 0..T). */
  readonly inputRowNormBound: number;
  readonly layers: readonly { readonly heads: readonly HeadNorms[]; readonly projectionRadius: number | null; readonly residual: boolean }[];
  readonly clsHeads: readonly HeadNorms[];
  readonly readout: readonly (MatrixNorms & { readonly activationLipschitz: number })[];
}

/** Norms of one matrix. */
export function matrixNorms(m: Matrix): MatrixNorms {
  return {
    shape: [m.rows, m.cols],
    spectral: spectralNorm(m),
    frobenius: frobeniusNorm(m),
    group21Columns: groupNormColumns(m),
    group21Rows: groupNormRows(m),
    maxRowNorm: maxRowNorm(m),
    maxColumnNorm: maxColumnNorm(m),
  };
}

function headNorms(h: AttentionHead & { wC?: Matrix }): HeadNorms {
  return {
    wQK: matrixNorms(h.wQK),
    wV: matrixNorms(h.wV),
    ...(h.wC ? { wC: matrixNorms(h.wC) } : {}),
    activationLipschitz: ACTIVATION_LIPSCHITZ[h.activation],
  };
}

/** Measure every norm the bounds use. */
export function measureNorms(model: Model): ModelNorms {
  return {
    contextLength: model.contextLength,
    width: model.width,
    inputRowNormBound: maxEmbeddedRowNorm(model.embedding, model.contextLength),
    layers: model.layers.map((l) => ({ heads: l.heads.map(headNorms), projectionRadius: l.projectionRadius, residual: l.residual })),
    clsHeads: model.clsHeads.map(headNorms),
    readout: model.readout.map((l) => ({ ...matrixNorms(l.weight), activationLipschitz: ACTIVATION_LIPSCHITZ[l.activation] })),
  };
}
