/**
 * Every norm the bounds use, measured on a model: for each weight its spectral norm, both group
 * (2,1) norms (by columns, the paper's convention; by rows), Frobenius norm and max row/column norms;
 * and B_X = max row norm of the embedded input over all 2^T inputs (exact, streamed), the [CLS] row x_0
 * included: it is a key, a value and the [CLS] query, so the bounds need ‖x_0‖₂ ≤ B_X too. Every
 * quantity is defined in docs/model-format.md, section "Norms".
 */
import { spectralNorm, frobeniusNorm, groupNormColumns, groupNormRows, maxRowNorm, maxColumnNorm } from '../core/norms.js';
import type { Matrix } from '../core/matrix.js';
import { maxEmbeddedRowNorm } from './embed.js';
import { ACTIVATION_LIPSCHITZ } from './activations.js';
import type { Model, AttentionHead } from './types.js';

/** The norms of one weight matrix (conventions of lem-norm-chain and notation.md). */
export interface MatrixNorms {
  /** [rows, cols] of the matrix. */
  readonly shape: readonly [number, number];
  /** ‖W‖₂, the largest singular value. */
  readonly spectral: number;
  /** ‖W‖_F. */
  readonly frobenius: number;
  /** Σ_j ‖W_{:,j}‖₂ (paper's ‖W‖_{2,1}). */
  readonly group21Columns: number;
  /** Σ_i ‖W_{i,:}‖₂ = ‖Wᵀ‖_{2,1}. */
  readonly group21Rows: number;
  /** max_i ‖W_{i,:}‖₂. */
  readonly maxRowNorm: number;
  /** max_j ‖W_{:,j}‖₂. */
  readonly maxColumnNorm: number;
}

/** Norms of a head's weights (lem-norm-chain). */
export interface HeadNorms {
  /** Norms of W_QK (d×d). */
  readonly wQK: MatrixNorms;
  /** Norms of W_V (d×k). */
  readonly wV: MatrixNorms;
  /** Norms of W_C (k×d); present for layer heads only. */
  readonly wC?: MatrixNorms;
  /** L_σ. */
  readonly activationLipschitz: number;
}

/** Every norm of a model that the bounds read (lem-norm-chain conventions, proofs-notes/notation.md). */
export interface ModelNorms {
  /** T. */
  readonly contextLength: number;
  /** d. */
  readonly width: number;
  /** B_X: sup over all inputs of max_t ‖x_t‖₂ over t = 0..T, the [CLS] row t = 0 included. */
  readonly inputRowNormBound: number;
  /** One entry per self-attention layer, in order. */
  readonly layers: readonly {
    /** Norms of each head of the layer. */
    readonly heads: readonly HeadNorms[];
    /** R of the layer's projection Π_R, or null. */
    readonly projectionRadius: number | null;
    /** Whether the layer has the residual connection. */
    readonly residual: boolean;
  }[];
  /** Norms of each [CLS] head. */
  readonly clsHeads: readonly HeadNorms[];
  /** Norms of each readout weight W_l, with its activation's L_σ. */
  readonly readout: readonly (MatrixNorms & {
    /** L_σ of the layer's activation. */
    readonly activationLipschitz: number;
  })[];
}

/** All the norms of one matrix (spectral by SVD; lem-norm-chain). */
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

/**
 * Measure every norm the bounds use on `model`, with B_X exact over all 2^T inputs (streamed in O(T·d),
 * not enumerated) (lem-norm-chain, def-reference-model). Trusts a checked model (readModelFile,
 * modelFromJson and the builders check shapes).
 */
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
