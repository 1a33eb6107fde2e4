/**
 * Streaming projections of the position embedding: π_w[t] = E_pos[t] · w for every position t and a
 * few vectors w, in O(T·d) time and O(T) memory, never materializing the T×d matrix. A sign-hash
 * block is hashed once per (t, j) and vector, 4 lanes at a time (certify-sign-hash-kernel.ts), and
 * projectionErrorBound bounds the float64 error of the result. Part of alg-certify-position-keys.
 */
import { signHashNegSums, signHashTables, signHashTotal } from './certify-sign-hash-kernel.js';
import type { PositionBlock } from '../model/types.js';
import { shapeError } from '../core/errors.js';
import { gamma, up, UNIT_ROUNDOFF } from './certify-rounding.js';

/**
 * Proof-note id: the projections are the O(T) pass of the exact certifier:
 * proofs-notes/alg-certify-position-keys.md.
 */
export const POSITION_PROJECTIONS_ID = 'alg-certify-position-keys';

/**
 * For each vector w (length d), the array (length T) of E_pos[t] · w, t = 0..T−1 (0-based position).
 * Agrees with model/position-codes.ts `positionRow`·w (same signHash) up to float64 rounding, which
 * projectionErrorBound bounds (a sign-hash block is summed by 8-coordinate tables, chunk by chunk).
 * Throws ShapeError when a vector does not have length d.
 */
export function projectPositions(blocks: readonly PositionBlock[], contextLength: number, width: number, vectors: readonly Float64Array[]): Float64Array[] {
  for (const w of vectors) if (w.length !== width) throw shapeError('projectPositions', `vectors must have length d = ${width}`, String(w.length));
  const out = vectors.map(() => new Float64Array(contextLength));
  for (const b of blocks) {
    if (b.kind === 'dense') {
      const m = b.matrix;
      for (let v = 0; v < vectors.length; v++) {
        const w = vectors[v];
        const o = out[v];
        for (let t = 0; t < contextLength; t++) {
          let acc = 0;
          const r = t * m.cols;
          for (let j = 0; j < m.cols; j++) acc += m.data[r + j] * w[j];
          o[t] += acc;
        }
      }
    } else if (b.kind === 'onehot') {
      for (let v = 0; v < vectors.length; v++) {
        const w = vectors[v];
        const o = out[v];
        for (let t = 0; t < contextLength; t++) o[t] += b.scale * w[b.column + t];
      }
    } else {
      projectSignHashInto(b, contextLength, vectors, out);
    }
  }
  return out;
}

/**
 * Adds scale·Σ_j signHash(seed,t,j)·w[column+j] into out for every vector, as scale·(total − 2·neg[t]) with
 * neg[t] = Σ_{sign < 0} w_j from the 8-coordinate subset-sum tables of certify-sign-hash-kernel.ts (SIMD
 * WebAssembly; measured 0.63 s against 3.3 s for the JavaScript loop at T = 2^20, D = 1281) and total the
 * same tables' full sums. Vectors with a zero slice on this block get nothing from it and are skipped.
 */
function projectSignHashInto(b: Extract<PositionBlock, { kind: 'sign-hash' }>, contextLength: number, vectors: readonly Float64Array[], out: Float64Array[]): void {
  const D = b.width;
  for (let v = 0; v < vectors.length; v++) {
    const slice = vectors[v].subarray(b.column, b.column + D);
    if (!slice.some((x) => x !== 0)) continue;
    const tables = signHashTables(slice);
    const total = signHashTotal(tables);
    const neg = signHashNegSums(b.seed, contextLength, tables);
    const o = out[v];
    for (let t = 0; t < contextLength; t++) o[t] += b.scale * (total - 2 * neg[t]);
  }
}

/**
 * ρ ≥ max_t |π_w[t] − E_pos[t]·w|: the float64 error of `projectPositions` for vector w against the exact
 * real projection, for every position at once (alg-certify-rounding, "Projections"). Per block, with
 * M_b ≥ max_t Σ_j |E_b[t]_j w_j|: sign-hash 4γ_{C+9} M_b, C = ⌈D/8⌉ (neg and total are sums of depth
 * ≤ 7 + C over the block's entries, then the total − 2·neg rewrite and ×scale), one-hot u·M_b, dense 2γ_{cols} M_b; the sum over the nb blocks adds
 * γ_{nb}·2 Σ_b M_b, and every product may underflow by 2^−1075.
 */
export function projectionErrorBound(blocks: readonly PositionBlock[], contextLength: number, width: number, w: Float64Array): number {
  if (w.length !== width) throw shapeError('projectionErrorBound', `w must have length d = ${width}`, String(w.length));
  let err = 0;
  let mags = 0;
  for (const b of blocks) {
    let M = 0;
    let e = 0;
    if (b.kind === 'sign-hash') {
      let A = 0;
      for (let j = 0; j < b.width; j++) A = up(A + Math.abs(w[b.column + j]));
      M = up(Math.abs(b.scale) * A);
      e = up(up(4 * gamma(Math.ceil(b.width / 8) + 9)) * M) + 2 ** -1070;
    } else if (b.kind === 'onehot') {
      let m = 0;
      for (let t = 0; t < contextLength; t++) m = Math.max(m, Math.abs(w[b.column + t]));
      M = up(Math.abs(b.scale) * m);
      e = up(UNIT_ROUNDOFF * M) + 2 ** -1074;
    } else {
      const m = b.matrix;
      for (let t = 0; t < contextLength; t++) {
        let s = 0;
        for (let j = 0; j < m.cols; j++) s = up(s + up(Math.abs(m.data[t * m.cols + j] * w[j])));
        if (s > M) M = s;
      }
      e = up(up(2 * gamma(m.cols)) * M) + m.cols * 2 ** -1074;
    }
    err = up(err + e);
    mags = up(mags + M);
  }
  return up(err + up(up(2 * gamma(blocks.length)) * mags));
}

/**
 * An upper bound on max_t Σ_j |E_pos[t]_j|·v_j for v ≥ 0 (entrywise), computed with upward rounding:
 * how far E_pos[t]·q can move when q is known only to within v (alg-certify-rounding).
 */
export function projectionMagnitudeBound(blocks: readonly PositionBlock[], contextLength: number, width: number, v: Float64Array): number {
  if (v.length !== width) throw shapeError('projectionMagnitudeBound', `v must have length d = ${width}`, String(v.length));
  let total = 0;
  for (const b of blocks) {
    let M = 0;
    if (b.kind === 'sign-hash') {
      let A = 0;
      for (let j = 0; j < b.width; j++) A = up(A + v[b.column + j]);
      M = up(Math.abs(b.scale) * A);
    } else if (b.kind === 'onehot') {
      let m = 0;
      for (let t = 0; t < contextLength; t++) m = Math.max(m, v[b.column + t]);
      M = up(Math.abs(b.scale) * m);
    } else {
      const m = b.matrix;
      for (let t = 0; t < contextLength; t++) {
        let s = 0;
        for (let j = 0; j < m.cols; j++) s = up(s + up(Math.abs(m.data[t * m.cols + j]) * v[j]));
        if (s > M) M = s;
      }
    }
    total = up(total + M);
  }
  return total;
}
