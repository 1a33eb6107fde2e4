/**
 * Scaling study of the sparse-head constructions (issue 4): norms against T (2^4..2^20, s = 4) and
 * against s (1..10; T = 2^10 one-hot, T = 2^16 compact) for both families (symmetric: parity;
 * general: a seeded random truth table) and both codes (one-hot only up to T = 2^12), each model
 * certified; plus the bound of bounds/api.ts evaluated on the constructed weights (gap at m = 10^6 and
 * 10^12, and the implied sample size m* for gap ≤ 0.5 at margin γ = 1, δ = 0.05).
 * Run: npx tsx bench/constructions-scaling.ts [--quick] [--update-data]. Writes the plot-ready CSV to the
 * git-ignored bench/results/ (its timing columns differ on every run, so a plain run never dirties the
 * work tree); --update-data writes the committed proofs-notes/data/con-sparse-heads-scaling.csv instead.
 * Prints a markdown table.
 */
import { construct, certify } from '../src/constructions/api.js';
import { sparseHeadNormBounds } from '../src/constructions/norm-formulas.js';
import { sparseHeadArchitecture, constructionSampleSize } from '../src/constructions/bound-architecture.js';
import { boundForArchitectureGap } from '../src/bounds/api.js';
import { createRng } from '../src/core/rng.js';
import { writeFileAtomic } from '../src/core/files.js';
import type { CodeKind, Family } from '../src/constructions/scales.js';

const quick = process.argv.includes('--quick');
const MARGIN = 1;
const DELTA = 0.05;
const TARGET_GAP = 0.5;

function randomTable(s: number, seed: number): string {
  const rng = createRng(seed);
  let t = '';
  for (let i = 0; i < 2 ** s; i++) t += rng.bit() ? '1' : '0';
  // A constant table would be symmetric; force one change so the general family is exercised.
  return t.includes('0') && t.includes('1') ? t : t.slice(0, -1) + (t.endsWith('0') ? '1' : '0');
}

const header = [
  'sweep',
  'family',
  'codes',
  'T',
  's',
  'd',
  'R',
  'leak',
  'outputScale',
  'BX',
  'qkSpectral',
  'qkSpectralFormula',
  'qkGroup21Rows',
  'readoutHidden',
  'readout1Spectral',
  'readout1SpectralFormula',
  'readout2Spectral',
  'readoutLipschitz',
  'normProduct',
  'certified',
  'minMargin',
  'constructMs',
  'certifyMs',
  'gapAtM1e6',
  'gapAtM1e12',
  'sampleSizeGap0p5',
];
const rows: (string | number | boolean)[][] = [];

function run(sweep: string, family: Family, codes: CodeKind, T: number, s: number): void {
  const fn = family === 'symmetric' ? 'parity' : `table:${randomTable(s, 1000 + s)}`;
  const t0 = performance.now();
  const c = construct({ fn: fn as 'parity', contextLength: T, sparsity: s, seed: 1, codes, family, margin: MARGIN });
  const tc = performance.now() - t0;
  const t1 = performance.now();
  const cert = certify(c.model);
  const tv = performance.now() - t1;
  if (!cert.certified) throw new Error(`scaling: not certified (${family} ${codes} T=${T} s=${s})`);
  const n = c.norms;
  const f = sparseHeadNormBounds(T, s, MARGIN, codes, family);
  const arch = sparseHeadArchitecture(c.model);
  const gap6 = boundForArchitectureGap(arch, 1e6, MARGIN, DELTA);
  const gap12 = boundForArchitectureGap(arch, 1e12, MARGIN, DELTA);
  const mStar = constructionSampleSize(c.model, { margin: MARGIN, delta: DELTA, targetGap: TARGET_GAP });
  const product = n.inputNorm * n.qkSpectral * n.valueSpectral * n.readoutLipschitz;
  rows.push([
    sweep,
    family,
    codes,
    T,
    s,
    c.model.width,
    n.temperature,
    n.leak,
    n.outputScale,
    n.inputNorm,
    n.qkSpectral,
    f.qkSpectral,
    n.qkGroup21Rows,
    n.readoutHiddenUnits,
    n.readout1Spectral,
    f.readout1Spectral,
    n.readout2Spectral,
    n.readoutLipschitz,
    product,
    cert.certified,
    cert.minMargin,
    +tc.toFixed(1),
    +tv.toFixed(1),
    gap6,
    gap12,
    mStar,
  ]);
  console.error(
    `${sweep} ${family} ${codes} T=${T} s=${s}: d=${c.model.width} ‖W_QK‖=${n.qkSpectral.toFixed(2)} Lip=${n.readoutLipschitz.toFixed(1)} m*=${mStar.toExponential(2)} (${(tc + tv).toFixed(0)} ms)`,
  );
}

const Tmax = quick ? 12 : 20;
for (const family of ['symmetric', 'general'] as const) {
  for (let k = 4; k <= Tmax; k++) {
    const T = 2 ** k;
    if (T <= 4096) run('T', family, 'onehot', T, 4);
    run('T', family, 'compact', T, 4);
  }
  for (let s = 1; s <= (quick ? 6 : 10); s++) {
    run('s', family, 'onehot', 1024, s);
    run('s', family, 'compact', quick ? 4096 : 65536, s);
  }
}

const fmt = (x: string | number | boolean) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(6)) : x);
const csv = [header.join(','), ...rows.map((r) => r.map(fmt).join(','))].join('\n') + '\n';
writeFileAtomic(process.argv.includes('--update-data') && !quick ? 'proofs-notes/data/con-sparse-heads-scaling.csv' : `bench/results/con-sparse-heads-scaling${quick ? '.quick' : ''}.csv`, csv);
const show = ['sweep', 'family', 'codes', 'T', 's', 'd', 'R', 'qkSpectral', 'readoutHidden', 'readoutLipschitz', 'normProduct', 'gapAtM1e6', 'sampleSizeGap0p5'];
console.log(`| ${show.join(' | ')} |\n|${show.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${show.map((k) => String(fmt(r[header.indexOf(k)]))).join(' | ')} |`);
