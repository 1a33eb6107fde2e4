/**
 * ln C(N + M, M) for the value tests of the covering counts: the binomial exactly as a BigInt product, then
 * ln of that integer from its leading 15 digits and its length (a relative error < 1e−14 in the integer, so
 * an absolute error < 1e−14 in the logarithm, plus one rounding of Math.log). Independent of the code's
 * float evaluation (Stirling / log-gamma forms), which is what the tests compare it with.
 */
export function lnBinomial(N: number, M: number): number {
  let num = 1n;
  let den = 1n;
  for (let j = 1; j <= M; j++) {
    num *= BigInt(N + j);
    den *= BigInt(j);
  }
  const q = num / den;
  if (q * den !== num) throw new Error(`lnBinomial: C(${N} + ${M}, ${M}) is not an integer (the product is wrong)`);
  const s = q.toString();
  return Math.log(Number(s.slice(0, 15))) + (s.length - Math.min(15, s.length)) * Math.LN10;
}
