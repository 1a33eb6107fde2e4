/**
 * The norms the bounds use. Conventions (proofs-notes/notation.md):
 * - spectral ‖A‖₂: largest singular value (ml-matrix SVD);
 * - group norm by columns ‖A‖_{2,1} = Σ_j ‖A_{:,j}‖₂ (the paper's and BFT's convention);
 * - group norm by rows ‖A‖_{2,1}^{rows} = Σ_i ‖A_{i,:}‖₂ = ‖Aᵀ‖_{2,1};
 * - Frobenius ‖A‖_F; max row norm (B_X for an embedded input X).
 */
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import type { Matrix } from './matrix.js';

/** Euclidean norm of a vector. */
export function l2(v: ArrayLike<number>): number {
  // Scaled accumulation so huge or tiny entries neither overflow nor underflow.
  let scaleMax = 0;
  for (let i = 0; i < v.length; i++) scaleMax = Math.max(scaleMax, Math.abs(v[i]));
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const r = v[i] / scaleMax;
    s += r * r;
  }
  return scaleMax * Math.sqrt(s);
}

/** ℓ1 norm of a vector. */
export function l1(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]);
  return s;
}

/** ℓ∞ norm of a vector. */
export function lInf(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]));
  return s;
}

/** Convert to an ml-matrix Matrix (copy). */
export function toMlMatrix(a: Matrix): MlMatrix {
  const m = new MlMatrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i * a.cols + j]);
  return m;
}

/** Singular values of A in decreasing order (ml-matrix SVD). */
export function singularValues(a: Matrix): number[] {
  if (a.rows === 0 || a.cols === 0) return [];
  // Singular values are homogeneous: run the SVD on A / max|A_ij| and scale back. ml-matrix's SVD is
  // wrong by ~12% on matrices with entries near 1e-300 (found by lem-norm-chain's power-iteration
  // property); the rescaling keeps its input at unit scale.
  const amax = lInf(a.data);
  if (amax === 0 || !Number.isFinite(amax)) return new Array<number>(Math.min(a.rows, a.cols)).fill(amax);
  const m = toMlMatrix(a).div(amax);
  const svd = new SingularValueDecomposition(m, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true });
  return [...svd.diagonal].map((x) => x * amax).sort((x, y) => y - x);
}

/** Spectral norm ‖A‖₂ = largest singular value (ml-matrix SVD; lem-norm-chain). */
export function spectralNorm(a: Matrix): number {
  const s = singularValues(a);
  return s.length === 0 ? 0 : s[0];
}

/** Frobenius norm ‖A‖_F (lem-norm-chain). */
export function frobeniusNorm(a: Matrix): number {
  return l2(a.data);
}

/** Group norm by columns ‖A‖_{2,1} = Σ_j ‖A_{:,j}‖₂ (paper/BFT convention; lem-norm-chain). */
export function groupNormColumns(a: Matrix): number {
  let total = 0;
  const col = new Float64Array(a.rows);
  for (let j = 0; j < a.cols; j++) {
    for (let i = 0; i < a.rows; i++) col[i] = a.data[i * a.cols + j];
    total += l2(col);
  }
  return total;
}

/** Group norm by rows Σ_i ‖A_{i,:}‖₂ = ‖Aᵀ‖_{2,1} (lem-norm-chain). */
export function groupNormRows(a: Matrix): number {
  let total = 0;
  for (let i = 0; i < a.rows; i++) total += l2(a.data.subarray(i * a.cols, (i + 1) * a.cols));
  return total;
}

/** Largest row 2-norm max_i ‖A_{i,:}‖₂ (B_X when A is an embedded input X; notation.md). */
export function maxRowNorm(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) m = Math.max(m, l2(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return m;
}

/** Largest column 2-norm max_j ‖A_{:,j}‖₂. */
export function maxColumnNorm(a: Matrix): number {
  let m = 0;
  const col = new Float64Array(a.rows);
  for (let j = 0; j < a.cols; j++) {
    for (let i = 0; i < a.rows; i++) col[i] = a.data[i * a.cols + j];
    m = Math.max(m, l2(col));
  }
  return m;
}

/** Entrywise ℓ1 norm ‖A‖_{1,1} = Σ |A_ij| (notation.md). */
export function entrywiseL1(a: Matrix): number {
  return l1(a.data);
}

/** Id of the norm-chain lemma ‖A‖₂ ≤ ‖A‖_F ≤ ‖A‖_{2,1} (both conventions): proofs-notes/lem-norm-chain.md. */
export const NORM_CHAIN_ID = 'lem-norm-chain';
