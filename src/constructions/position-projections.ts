/**
 * Streaming projections of the position embedding: π_w[t] = E_pos[t] · w for every position t and a
 * few vectors w, in O(T·d) time and O(T) memory, never materializing the T×d matrix. The sign-hash
 * block is hashed once per (t, j) and shared by all vectors. Part of alg-certify-position-keys.
 */
import { fmix32 } from '../model/position-codes.js';
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
 * Agrees with model/position-codes.ts `positionRow` (same signHash, same arithmetic per entry; the
 * summation order within a sign-hash block is by increasing coordinate).
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

/** Hash-once inner loop for a sign-hash block; adds scale·Σ_j signHash(seed,t,j)·w[column+j] into out. */
function projectSignHashInto(b: Extract<PositionBlock, { kind: 'sign-hash' }>, contextLength: number, vectors: readonly Float64Array[], out: Float64Array[]): void {
  const D = b.width;
  // Vectors with a zero slice on this block get nothing from it: hash only for the others.
  const live = vectors.map((_, v) => v).filter((v) => vectors[v].subarray(b.column, b.column + D).some((x) => x !== 0));
  if (live.length === 0) return;
  if (live.length < vectors.length) {
    projectSignHashInto(
      b,
      contextLength,
      live.map((v) => vectors[v]),
      live.map((v) => out[v]),
    );
    return;
  }
  const keys = new Int32Array(D);
  for (let j = 0; j < D; j++) keys[j] = Math.imul(j + 1, 0x9e3779b1);
  const nv = vectors.length;
  // ws[v] = the block's slice of vector v; totals[v] = Σ_j ws[v][j]; then Σ_j sign_j w_j = total − 2 Σ_{sign<0} w_j.
  const ws = vectors.map((w) => w.subarray(b.column, b.column + D));
  const totals = ws.map((w) => {
    let s = 0;
    for (let j = 0; j < D; j++) s += w[j];
    return s;
  });
  const seed = b.seed | 0;
  // One vector (the certifier's case at T = 2^20) gets its own loop: measured 1.15 s against 2.2 s through
  // the general loop (T = 2^20, D = 576). fmix32 is the position codes' own hash; V8 inlines the call.
  if (nv === 1) {
    const w0 = ws[0];
    const o0 = out[0];
    for (let t = 0; t < contextLength; t++) {
      const base = fmix32((t + 1) >>> 0) ^ seed;
      let neg = 0;
      for (let j = 0; j < D; j++) {
        neg += w0[j] * (fmix32(base ^ keys[j]) >>> 31); // branch-free: the sign bit selects w_j
      }
      o0[t] += b.scale * (totals[0] - 2 * neg);
    }
    return;
  }
  const negs = new Float64Array(nv);
  for (let t = 0; t < contextLength; t++) {
    const base = fmix32((t + 1) >>> 0) ^ seed;
    negs.fill(0);
    for (let j = 0; j < D; j++) {
      const bit = fmix32(base ^ keys[j]) >>> 31;
      for (let v = 0; v < nv; v++) negs[v] += ws[v][j] * bit;
    }
    for (let v = 0; v < nv; v++) out[v][t] += b.scale * (totals[v] - 2 * negs[v]);
  }
}

/**
 * ρ ≥ max_t |π_w[t] − E_pos[t]·w|: the float64 error of `projectPositions` for vector w against the exact
 * real projection, for every position at once (alg-certify-rounding, "Projections"). Per block, with
 * M_b ≥ max_t Σ_j |E_b[t]_j w_j|: sign-hash 4γ_{D+8} M_b (any summation order of the D products, the
 * total − 2·negative-part rewrite, ×scale), one-hot u·M_b, dense 2γ_{cols} M_b; the sum over the nb blocks adds
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
      e = up(up(4 * gamma(b.width + 8)) * M) + 2 ** -1070;
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
