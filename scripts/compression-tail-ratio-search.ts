/**
 * Evidence for an accepted mutant of src/bounds/compression-tail.ts (proofs-notes/mutation-equivalent-bounds-compression.md,
 * 107:11): binomialLogCdf's upward loop starts at the mode j = ⌊(m + 1)p⌋, where the real ratio of consecutive terms
 * is < 1. This searches for a float p at which the loop's first float ln ratio is nonetheless > 0: for every m up
 * to --max-m and every j, the --ulps floats just below (j + 1)/(m + 1), where the real ratio is nearest 1, with the
 * same float expressions as binomialLogCdf. It prints every hit (none is known) and the number of cases.
 * Run: npx tsx scripts/compression-tail-ratio-search.ts [--max-m 20000] [--ulps 4]
 */
const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`compression-tail-ratio-search: --${name} must be a positive integer (got ${args[i + 1] ?? 'nothing'})`);
    process.exit(2);
  }
  return v;
};
const maxM = num('max-m', 20000);
const ulps = num('ulps', 4);
const buf = new Float64Array(1);
const bits = new BigInt64Array(buf.buffer);
const nextDown = (x: number) => {
  buf[0] = x;
  bits[0] -= 1n; // x > 0: one ulp down
  return buf[0];
};
let cases = 0;
let hits = 0;
for (let m = 2; m <= maxM; m++)
  for (let j = 1; j < m - 1; j++) {
    let p = (j + 1) / (m + 1);
    for (let t = 0; t < ulps; t++) {
      p = nextDown(p);
      if (Math.min(m, Math.floor((m + 1) * p)) !== j) continue;
      cases++;
      const lnR = Math.log((m - j) / (j + 1)) - Math.log((1 - p) / p);
      if (lnR > 0) {
        hits++;
        console.log(`hit: m = ${m}, j = ${j}, p = ${p}, lnR = ${lnR}`);
      }
    }
  }
console.log(`${cases} cases (m ≤ ${maxM}, ${ulps} floats below each (j + 1)/(m + 1) with mode j), ${hits} with a float ln ratio > 0`);
