/**
 * The in-memory model: the reference semantics' data. Shapes (d = width, T = context length,
 * k = head output dimension) are checked when a model is built or read (model/validate-model.ts).
 * Paper symbols: proofs-notes/notation.md.
 */
import type { Matrix } from '../core/matrix.js';
import type { Activation } from './activations.js';

/**
 * One block of position embedding; the position embedding E_pos is the sum of its blocks.
 * Row t (0-based, position t+1) of each kind:
 * - dense: the given T×d matrix's row t;
 * - onehot: scale · e_{column + t} (needs column + T ≤ d);
 * - sign-hash: scale · signHash(seed, t, j − column) on columns column..column+width−1, 0 elsewhere
 *   (model/position-codes.ts defines signHash with 32-bit integer arithmetic, portable to any language).
 * (def-reference-model, con-compact-position-codes for sign-hash)
 */
export type PositionBlock =
  | {
      /** Block kind: an explicit matrix. */
      readonly kind: 'dense';
      /** The T×d block itself; row t is added to position t+1. */
      readonly matrix: Matrix;
    }
  | {
      /** Block kind: scaled standard basis vectors. */
      readonly kind: 'onehot';
      /** Value of the single non-zero entry of each row. */
      readonly scale: number;
      /** 0-based column of position 1's entry; position t+1 uses column + t. */
      readonly column: number;
    }
  | {
      /** Block kind: seeded ±scale codes (compact position codes, con-compact-position-codes). */
      readonly kind: 'sign-hash';
      /** Magnitude of every entry of the block (±scale). */
      readonly scale: number;
      /** 32-bit unsigned seed of signHash. */
      readonly seed: number;
      /** 0-based first column of the block. */
      readonly column: number;
      /** Number of columns the block spans (the code dimension D). */
      readonly width: number;
    };

/** Token + position embedding and the [CLS] row x_0 (def-reference-model). */
export interface Embedding {
  /** E_tok: 2×d, row b is the embedding of bit b. */
  readonly token: Matrix;
  /** E_pos as a sum of blocks (T×d in total). */
  readonly position: readonly PositionBlock[];
  /** x_0, the [CLS] row, length d. */
  readonly cls: Float64Array;
}

/** One attention head: scores s_u = x_uᵀ W_QK z, output σ(W_Vᵀ Xᵀ softmax(s)) (def-reference-model). */
export interface AttentionHead {
  /** W_QK = W_K W_Qᵀ, d×d. */
  readonly wQK: Matrix;
  /** W_V, d×k. */
  readonly wV: Matrix;
  /** σ, with σ(0) = 0. */
  readonly activation: Activation;
}

/** A head inside a self-attention layer, with its output map W_C (k×d) (def-reference-model). */
export interface LayerHead extends AttentionHead {
  /** W_C, k×d: maps the head output back to the residual stream. */
  readonly wC: Matrix;
}

/**
 * A self-attention block: every row x_t is a query;
 * y_t = Π_R( [x_t if residual] + Σ_h σ(W_V^hᵀ Xᵀ softmax(X W_QK^h x_t))ᵀ W_C^h ),
 * Π_R the projection onto the ℓ2 ball of radius R (identity when projectionRadius is null) (def-reference-model).
 */
export interface SelfAttentionLayer {
  /** The H heads of the layer (H ≥ 0), summed into each row. */
  readonly heads: readonly LayerHead[];
  /** Whether x_t is added before the projection (the residual connection). */
  readonly residual: boolean;
  /** R of Π_R, > 0; null for no projection. */
  readonly projectionRadius: number | null;
}

/** A dense layer of the readout: v ↦ σ(vᵀ W + b), W in×out (def-reference-model). */
export interface DenseLayer {
  /** W, in×out. */
  readonly weight: Matrix;
  /** b, length out; null for no bias. */
  readonly bias: Float64Array | null;
  /** σ of this layer (any activation; the last layer's output is f(b)). */
  readonly activation: Activation;
}

/**
 * A Boolean target on a support I ⊂ {1..T}, |I| = s: label(b) = +1 if table[k] = '1' else −1, with
 * k = Σ_{j=0}^{s−1} b_{I[j]} · 2^{s−1−j} (the first support position is the most significant bit)
 * (def-sparse-boolean-targets).
 */
export interface BooleanTarget {
  /** 1-based positions, distinct, in 1..T. */
  readonly support: readonly number[];
  /** 2^s characters '0'/'1'. */
  readonly table: string;
  /** Optional human name (e.g. "parity"). */
  readonly name?: string;
}

/**
 * A whole model: embed → L self-attention layers → [CLS] heads (summed; none = read the [CLS] row)
 * → readout MLP with scalar output f(b) ∈ R (def-reference-model; file form def-model-file).
 */
export interface Model {
  /** T. */
  readonly contextLength: number;
  /** d. */
  readonly width: number;
  /** E_tok, E_pos and x_0. */
  readonly embedding: Embedding;
  /** The L self-attention layers, applied in order (may be empty). */
  readonly layers: readonly SelfAttentionLayer[];
  /** The [CLS] heads, queried with x_0^L and summed; none = the readout reads x_0^L itself. */
  readonly clsHeads: readonly AttentionHead[];
  /** The readout MLP φ_out (at least one layer, last output dimension 1). */
  readonly readout: readonly DenseLayer[];
  /** The Boolean target the model is meant to compute, when known. */
  readonly target?: BooleanTarget;
  /** Free-form metadata carried by the model file (e.g. a construction's temperature and leak). */
  readonly meta?: Readonly<Record<string, unknown>>;
}
