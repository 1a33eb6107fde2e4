/**
 * C += A·B on Float64Array views with arbitrary strides, blocked 4×4 in registers (the fused step's only
 * O(B·T·d) and O(B·d²) kernels; proofs-notes/alg-fused-cls-step.md §Cost). A[i, k] = a[ao + i·ars + k·acs],
 * B[k, j] = b[bo + k·brs + j·bcs], C[i, j] = c[co + i·ldc + j]. Each C entry is one k-ordered sum (k = 0..K−1)
 * added to its old value, so the result does not depend on the blocking.
 */
import type { WasmGemm } from './wasm-gemm.js';

/**
 * gemmAcc through a wasm SIMD kernel (wasm-gemm.ts) for the 4×4 blocks when B's rows are contiguous
 * (bcs = 1) and A, B, C are views of the kernel's memory; the JS kernel otherwise and for the edges.
 * Bit-identical to gemmAcc.
 */
export function gemmAccWith(
  kernel: WasmGemm | null,
  M: number,
  N: number,
  K: number,
  a: Float64Array,
  ao: number,
  ars: number,
  acs: number,
  b: Float64Array,
  bo: number,
  brs: number,
  bcs: number,
  c: Float64Array,
  co: number,
  ldc: number,
): void {
  const buf = kernel?.memory.buffer;
  if (!kernel || bcs !== 1 || a.buffer !== buf || b.buffer !== buf || c.buffer !== buf || M < 4 || N < 4) {
    gemmAcc(M, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
    return;
  }
  const M4 = M >> 2;
  const N4 = N >> 2;
  kernel.gemm4(M4, N4, K, a.byteOffset + 8 * ao, 8 * ars, 8 * acs, b.byteOffset + 8 * bo, 8 * brs, c.byteOffset + 8 * co, 8 * ldc);
  if (4 * N4 < N) edge(0, 4 * M4, 4 * N4, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
  if (4 * M4 < M) edge(4 * M4, M, 0, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
}

/** C (M×N) += A (M×K) · B (K×N); see the module comment for the strides. */
export function gemmAcc(
  M: number,
  N: number,
  K: number,
  a: Float64Array,
  ao: number,
  ars: number,
  acs: number,
  b: Float64Array,
  bo: number,
  brs: number,
  bcs: number,
  c: Float64Array,
  co: number,
  ldc: number,
): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0; // prettier-ignore
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0; // prettier-ignore
      let p0 = ao + i * ars;
      let p1 = p0 + ars;
      let p2 = p1 + ars;
      let p3 = p2 + ars;
      let q0 = bo + j * bcs;
      let q1 = q0 + bcs;
      let q2 = q1 + bcs;
      let q3 = q2 + bcs;
      for (let k = 0; k < K; k++) {
        const a0 = a[p0],
          a1 = a[p1],
          a2 = a[p2],
          a3 = a[p3]; // prettier-ignore
        const b0 = b[q0],
          b1 = b[q1],
          b2 = b[q2],
          b3 = b[q3]; // prettier-ignore
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3; // prettier-ignore
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3; // prettier-ignore
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3; // prettier-ignore
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3; // prettier-ignore
        p0 += acs;
        p1 += acs;
        p2 += acs;
        p3 += acs; // prettier-ignore
        q0 += brs;
        q1 += brs;
        q2 += brs;
        q3 += brs; // prettier-ignore
      }
      let p = co + i * ldc + j;
      c[p] += c00;
      c[p + 1] += c01;
      c[p + 2] += c02;
      c[p + 3] += c03;
      p += ldc; // prettier-ignore
      c[p] += c10;
      c[p + 1] += c11;
      c[p + 2] += c12;
      c[p + 3] += c13;
      p += ldc; // prettier-ignore
      c[p] += c20;
      c[p + 1] += c21;
      c[p + 2] += c22;
      c[p + 3] += c23;
      p += ldc; // prettier-ignore
      c[p] += c30;
      c[p + 1] += c31;
      c[p + 2] += c32;
      c[p + 3] += c33; // prettier-ignore
    }
    if (j < N) edge(i, i + 4, j, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
  }
  if (i < M) edge(i, M, 0, N, K, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
}

function edge(
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  K: number,
  a: Float64Array,
  ao: number,
  ars: number,
  acs: number,
  b: Float64Array,
  bo: number,
  brs: number,
  bcs: number,
  c: Float64Array,
  co: number,
  ldc: number,
): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s = 0;
      let p = ao + i * ars;
      let q = bo + j * bcs;
      for (let k = 0; k < K; k++) {
        s += a[p] * b[q];
        p += acs;
        q += brs;
      }
      c[co + i * ldc + j] += s;
    }
  }
}
