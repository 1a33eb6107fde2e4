/**
 * An independent estimate of the spectral norm ‖A‖₂ by the power method on M = AᵀA (no SVD, no
 * ml-matrix), used to cross-check spectralNorm (src/core/norms.ts) in properties/lem-norm-chain.prop.ts.
 * Plain power iteration converges like (σ₂/σ₁)^{2k}, hopeless when σ₂ ≈ σ₁; so the iteration is run on
 * the matrix powers M^{2^j} by repeated squaring (each squaring doubles the number of power steps),
 * and the estimate is the Rayleigh quotient ‖A v‖²/‖v‖² of v = M^{2^J} x for a seeded Gaussian x.
 */
import type { Matrix } from '../../src/core/matrix.js';
import { createRng } from '../../src/core/rng.js';

function square(M: number[], n: number): number[] {
  const out = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] += M[i * n + k] * M[k * n + j];
  let mx = 0;
  for (const x of out) mx = Math.max(mx, Math.abs(x));
  return mx === 0 ? out : out.map((x) => x / mx); // rescale: only the direction of M^p matters
}

/**
 * ‖A‖₂ = √λ_max(AᵀA) by the power method with `squarings` repeated squarings (2^squarings power
 * steps). A is first divided by its largest |entry| so tiny or huge entries neither underflow nor
 * overflow.
 */
export function powerIterationSpectralNorm(a: Matrix, seed = 1, squarings = 40): number {
  const { rows, cols, data } = a;
  let amax = 0;
  for (const x of data) amax = Math.max(amax, Math.abs(x));
  if (amax === 0) return 0;
  const A = Array.from(data, (x) => x / amax);
  let M = new Array<number>(cols * cols).fill(0); // AᵀA
  for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) for (let r = 0; r < rows; r++) M[i * cols + j] += A[r * cols + i] * A[r * cols + j];
  for (let s = 0; s < squarings; s++) M = square(M, cols);
  const rng = createRng(seed);
  const x = Array.from({ length: cols }, () => rng.normal());
  const v = new Array<number>(cols).fill(0);
  for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) v[i] += M[i * cols + j] * x[j];
  let vv = 0;
  for (const t of v) vv += t * t;
  if (vv === 0) return 0;
  let avav = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += A[r * cols + j] * v[j];
    avav += s * s;
  }
  return amax * Math.sqrt(avav / vv);
}
