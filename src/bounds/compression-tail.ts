/**
 * Binomial tail and its inversions, the per-function step of the sparse-compression certificate
 * (proofs-notes/thm-sparse-compression-certificate.md §2–§3):
 * - binomialLogCdf: ln P[Bin(m, p) ≤ k], terms by Loader's saddle-point form (stirlerr + bd0), summed
 *   downward from the largest term with a geometric bound on the truncated rest (an over-estimate);
 * - binomialTailInversion: ε̄(k, m, δ') = sup{p : P[Bin(m, p) ≤ k] ≥ δ'}, by bisection that moves its
 *   upper end only where the computed tail is below δ'(1 − BINOMIAL_TAIL_REL_TOL), so the returned
 *   value is ≥ the true ε̄ (for k = 0 the exact closed form 1 − δ'^{1/m});
 * - klInversion (Chernoff), hoeffdingBound and occamRealizable: the looser closed forms, each ≥ ε̄.
 * All trust their typed input (the certificate's schema checks it).
 */

/** Proof-note id: proofs-notes/thm-sparse-compression-certificate.md. */
export const COMPRESSION_TAIL_ID = 'thm-sparse-compression-certificate';

/** Relative error allowed for the computed binomial tail (its true error is ~1e−13): the inversion decides with δ'(1 − this). */
export const BINOMIAL_TAIL_REL_TOL = 1e-9;

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln n! for small n by direct summation (exact to rounding). */
function logFactorialSmall(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** stirlerr(n) = ln n! − (n + ½) ln n + n − ½ ln(2π) (Stirling's remainder), n ≥ 1 an integer. */
export function stirlingError(n: number): number {
  if (n < 16) return logFactorialSmall(n) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const n2 = 1 / (n * n);
  // Alternating series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹); the first omitted term, 691/(360360·n¹¹), is < 1.1e−16 at n ≥ 16 (2e−14 of the value).
  return (1 / 12 - n2 * (1 / 360 - n2 * (1 / 1260 - n2 * (1 / 1680 - n2 / 1188)))) / n;
}

/** bd0(x, M) = x ln(x/M) + M − x ≥ 0, computed without cancellation near x = M (Loader 2000). */
export function bd0(x: number, M: number): number {
  if (Math.abs(x - M) < 0.1 * (x + M)) {
    const v = (x - M) / (x + M);
    let s = (x - M) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / M) + M - x;
}

/**
 * ln P[Bin(m, p) = j] for integers 0 ≤ j ≤ m and p in [0, 1] (Loader's form; −Infinity for an impossible j).
 */
export function binomialLogPmf(j: number, m: number, p: number): number {
  if (p === 0) return j === 0 ? 0 : -Infinity;
  if (p === 1) return j === m ? 0 : -Infinity;
  if (j === 0) return m * Math.log1p(-p);
  if (j === m) return m * Math.log(p);
  const q = 1 - p;
  return stirlingError(m) - stirlingError(j) - stirlingError(m - j) - bd0(j, m * p) - bd0(m - j, m * q) + 0.5 * Math.log(m / (2 * Math.PI * j * (m - j)));
}

/**
 * ln P[Bin(m, p) ≤ k], an over-estimate by at most the rounding (~1e−13 relative): terms summed from
 * j₀ = min(k, mode) downward; below the mode the ratio r_j = j(1−p)/((m−j+1)p) of consecutive terms
 * falls as j falls, so the rest after term j is ≤ term_j·r_j/(1 − r_j), which is added when it is
 * < 1e−17 of the sum. Above j₀ (when k > mode) the terms j₀+1..k are summed upward in the same way.
 * @param k - integer, 0 ≤ k; k ≥ m gives 0 (= ln 1).
 * @param m - integer ≥ 1.
 * @param p - in [0, 1].
 */
export function binomialLogCdf(k: number, m: number, p: number): number {
  if (k >= m || p === 0) return 0;
  if (p === 1) return -Infinity;
  const mode = Math.min(m, Math.floor((m + 1) * p));
  const j0 = Math.min(k, mode);
  const t0 = binomialLogPmf(j0, m, p);
  const lnOdds = Math.log((1 - p) / p);
  // Downward from j0 (terms relative to term j0).
  let sum = 1;
  let rel = 0; // ln(term_j / term_j0)
  for (let j = j0; j > 0; j--) {
    const lnR = Math.log(j / (m - j + 1)) + lnOdds; // ln(term_{j−1}/term_j), non-increasing as j falls below the mode
    rel += lnR;
    const term = Math.exp(rel);
    sum += term;
    if (lnR < 0) {
      const r = Math.exp(lnR);
      const rest = (term * r) / (1 - r); // bound on Σ_{i<j−1} term_i / term_j0 (ratios keep falling)
      if (rest < 1e-17 * sum) {
        sum += rest;
        break;
      }
    }
  }
  // Upward from j0 + 1 to k when k is above the mode: ratios term_{j+1}/term_j fall as j rises.
  if (k > j0) {
    rel = 0;
    for (let j = j0; j < k; j++) {
      const lnR = Math.log((m - j) / (j + 1)) - lnOdds; // ln(term_{j+1}/term_j)
      rel += lnR;
      const term = Math.exp(rel);
      sum += term;
      if (lnR < 0) {
        const r = Math.exp(lnR);
        const rest = (term * r) / (1 - r);
        if (rest < 1e-17 * sum) {
          sum += rest; // over-estimate: the true rest stops at k
          break;
        }
      }
    }
  }
  return Math.min(0, t0 + Math.log(sum));
}

/**
 * ε̄(k, m, δ') = sup{p ∈ [0, 1] : P[Bin(m, p) ≤ k] ≥ δ'}: for a fixed function with true error p and
 * K ~ Bin(m, p) training errors, P[p > ε̄(K, m, δ')] ≤ δ' (thm-sparse-compression-certificate §2). The
 * returned value is ≥ the true ε̄ (see the module doc); 1 when k ≥ m.
 * @param k - training errors, integer in 0..m.
 * @param m - sample size, integer ≥ 1.
 * @param logDelta - ln δ', δ' in (0, 1).
 */
export function binomialTailInversion(k: number, m: number, logDelta: number): number {
  if (k >= m) return 1;
  if (k === 0) {
    // (1 − p)^m = δ' exactly; rounded up by a few ulps so the float never falls below the real root.
    const e = -Math.expm1(logDelta / m);
    return Math.min(1, e * (1 + 4 * Number.EPSILON) + Number.MIN_VALUE);
  }
  const threshold = logDelta + Math.log1p(-BINOMIAL_TAIL_REL_TOL);
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 2000; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (binomialLogCdf(k, m, mid) < threshold) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** kl(q‖p) = q ln(q/p) + (1−q) ln((1−q)/(1−p)), the Bernoulli relative entropy (0 ln 0 = 0). */
export function bernoulliKl(q: number, p: number): number {
  const a = q === 0 ? 0 : q * Math.log(q / p);
  const b = q === 1 ? 0 : (1 - q) * (Math.log1p(-q) - Math.log1p(-p)); // log1p: no loss for small p
  return a + b;
}

/**
 * Chernoff form: sup{p ≥ k/m : kl(k/m‖p) ≤ ln(1/δ')/m}. Since P[Bin(m,p) ≤ k] ≤ exp(−m·kl(k/m‖p)) for
 * p ≥ k/m, it is ≥ ε̄(k, m, δ') (thm-sparse-compression-certificate §3). Returned from above (bisection).
 * @param k - training errors in 0..m. @param m - sample size ≥ 1. @param logDelta - ln δ' < 0.
 */
export function klInversion(k: number, m: number, logDelta: number): number {
  const q = k / m;
  if (q >= 1) return 1;
  const c = -logDelta / m;
  let lo = q;
  let hi = 1;
  for (let it = 0; it < 2000; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (bernoulliKl(q, mid) > c * (1 + BINOMIAL_TAIL_REL_TOL)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Hoeffding form k/m + √(ln(1/δ')/(2m)) (Pinsker on the Chernoff form; may exceed 1; thm-sparse-compression-certificate §3). */
export function hoeffdingBound(k: number, m: number, logDelta: number): number {
  return k / m + Math.sqrt(-logDelta / (2 * m));
}

/** Occam's realizable form ln(1/δ')/m (≥ 1 − δ'^{1/m} = ε̄(0, m, δ'); thm-sparse-compression-certificate §3). */
export function occamRealizable(m: number, logDelta: number): number {
  return -logDelta / m;
}
