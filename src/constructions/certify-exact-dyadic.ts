/**
 * Exact arithmetic on float64 values read as real numbers (each is m·2^e, m an integer, e ≥ −1074), for
 * the one test the exact certifier must decide exactly: whether the keys depend on the bits,
 * (E_tok[1] − E_tok[0])·W_QK x_0 = 0 in real arithmetic (alg-certify-position-keys, alg-certify-rounding).
 * A float64 test of that product could say 0 for a tiny real dependence, or miss an exact cancellation.
 */

/** Proof-note id: proofs-notes/alg-certify-rounding.md. */
export const EXACT_DYADIC_ID = 'alg-certify-rounding';

const view = new DataView(new ArrayBuffer(8));

/** x = m·2^e exactly (x finite; m a BigInt, e ≥ −1074). Throws RangeError for NaN or ±Infinity. */
export function toDyadic(x: number): { m: bigint; e: number } {
  if (!Number.isFinite(x)) throw new RangeError(`toDyadic: x must be finite (got ${x})`);
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) return { m: sign * frac, e: -1074 };
  return { m: sign * (frac | (1n << 52n)), e: exp - 1075 };
}

/** Fixed exponent floor of a triple product of floats: 3·(−1074). */
const TRIPLE_SHIFT = 3 * 1074;

/**
 * The sign (−1, 0, 1) of Σ_j (b_j − a_j)·Σ_i W[j, i]·x_i, computed exactly (W row-major d×d, a, b, x of
 * length d): the keys' bit dependence (E_tok[1] − E_tok[0])·W_QK x_0 with a = E_tok[0], b = E_tok[1].
 * Cost O(d · #{j : a_j ≠ b_j}) BigInt operations; also returns a float64 value of the sum for messages.
 */
export function bitDependenceSign(a: ArrayLike<number>, b: ArrayLike<number>, W: ArrayLike<number>, x: ArrayLike<number>): { sign: -1 | 0 | 1; approx: number } {
  const d = a.length;
  let total = 0n;
  let approx = 0;
  const xs = Array.from({ length: d }, (_, i) => (x[i] === 0 ? null : toDyadic(x[i])));
  for (let j = 0; j < d; j++) {
    if (a[j] === b[j]) continue; // b_j − a_j = 0 exactly (float equality is real equality)
    const da = toDyadic(a[j]);
    const db = toDyadic(b[j]);
    const e = Math.min(da.e, db.e);
    const delta = (db.m << BigInt(db.e - e)) - (da.m << BigInt(da.e - e)); // (b_j − a_j) = delta·2^e
    let qj = 0;
    for (let i = 0; i < d; i++) {
      const w = W[j * d + i];
      const xi = xs[i];
      if (w === 0 || xi === null) continue;
      const dw = toDyadic(w);
      const shift = e + dw.e + xi.e + TRIPLE_SHIFT;
      total += (delta * dw.m * xi.m) << BigInt(shift);
      qj += w * x[i];
    }
    approx += (b[j] - a[j]) * qj;
  }
  return { sign: total === 0n ? 0 : total > 0n ? 1 : -1, approx };
}
