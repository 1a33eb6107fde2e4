/**
 * An independent estimate of the spectral norm ‖A‖₂ by power iteration on AᵀA (no SVD, no ml-matrix),
 * used to cross-check spectralNorm (src/core/norms.ts) in properties/lem-norm-chain.prop.ts.
 */
import type { Matrix } from '../../src/core/matrix.js';
import { createRng } from '../../src/core/rng.js';

/**
 * √(largest eigenvalue of AᵀA) by power iteration from a seeded Gaussian start. A is first divided by
 * its largest |entry| so that tiny or huge entries neither underflow nor overflow in AᵀA. Stops when
 * the Rayleigh quotient changes by less than 1 part in 1e15, or after maxIterations.
 */
export function powerIterationSpectralNorm(a: Matrix, seed = 1, maxIterations = 20_000): number {
  const { rows, cols, data } = a;
  let amax = 0;
  for (const x of data) amax = Math.max(amax, Math.abs(x));
  if (amax === 0) return 0;
  const A = Array.from(data, (x) => x / amax);
  const rng = createRng(seed);
  let v = Array.from({ length: cols }, () => rng.normal());
  let lambda = 0;
  for (let it = 0; it < maxIterations; it++) {
    let nv = 0;
    for (const x of v) nv += x * x;
    nv = Math.sqrt(nv);
    v = v.map((x) => x / nv);
    const Av = new Array<number>(rows).fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) Av[i] += A[i * cols + j] * v[j];
    const w = new Array<number>(cols).fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j] += A[i * cols + j] * Av[i];
    let next = 0; // Rayleigh quotient vᵀAᵀAv = ‖Av‖²
    for (const x of Av) next += x * x;
    v = w;
    const settled = Math.abs(next - lambda) <= 1e-15 * next;
    lambda = next;
    if (settled && it > 20) break;
    if (v.every((x) => x === 0)) break;
  }
  return amax * Math.sqrt(lambda);
}
