/**
 * Our bounds on the weights of the Trauger & Tewari reproduction (issue 10 §4: "add our bounds on those
 * weights"). Reads the model files scripts/reproduce-trauger-tewari.ts writes (MODELS/T<T>-seed<s>.json;
 * every one carries its TrainConfig in meta.config, so its training set is regenerated exactly from
 * the seed) and computes, per model:
 * - the grid-union bound of thm-budget-grid-union (boundFromModel: holds simultaneously over every norm
 *   budget and margin of its grid, so it is valid for norms read off the trained weights), at γ = 1,
 *   δ = 0.05, with the empirical margin loss measured by the reference forward on the training set;
 * - the sparse-compression certificate of thm-sparse-compression-certificate (OURS): the s-sparse
 *   function read off the [CLS] attention, certified against the model on all 2^T inputs, bounded over
 *   the 'adaptive' class (a union over all supports and tables fixed before the data); null when the
 *   certifier cannot prove the sign.
 * A script, not a test (it evaluates the reference model on 300 inputs per model and certifies 15
 * models, about a minute).
 *
 *   npx tsx scripts/trauger-tewari-bounds.ts [--models DIR] [--out DIR]
 *
 * Default MODELS = runs/reproductions/trauger-tewari-models; writes OUT/trauger-tewari-bounds.csv and
 * .json (atomically), default OUT = runs/reproductions.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/core/files.js';
import { readModelFile } from '../src/model/format.js';
import { forward } from '../src/model/forward.js';
import { boundFromModel } from '../src/bounds/api.js';
import { normalizeConfig } from '../src/experiments/config.js';
import { makeTaskTarget, makeTrainSet } from '../src/experiments/tasks.js';
import { compressionDiagnostics } from '../src/experiments/diagnostics.js';
import { BOUND_DELTA, BOUND_MARGIN } from '../src/experiments/train-result.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
for (const a of process.argv.slice(2))
  if (a.startsWith('--') && a !== '--models' && a !== '--out') {
    process.stderr.write(`trauger-tewari-bounds: unknown flag ${a} (flags: --models DIR, --out DIR)\n`);
    process.exit(2);
  }
const outDir = flag('--out') ?? 'runs/reproductions';
const modelDir = flag('--models') ?? join(outDir, 'trauger-tewari-models');
let names: string[];
try {
  names = readdirSync(modelDir).filter((f) => /^T\d+-seed\d+\.json$/.test(f));
} catch {
  process.stderr.write(`trauger-tewari-bounds: --models must be a directory of model files T<T>-seed<s>.json (got ${JSON.stringify(modelDir)}); run scripts/reproduce-trauger-tewari.ts first\n`);
  process.exit(2);
}
const key = (f: string) => f.match(/\d+/g)!.map(Number);
names.sort((a, b) => key(a)[0]! - key(b)[0]! || key(a)[1]! - key(b)[1]!);

const rows: Record<string, unknown>[] = [];
for (const f of names) {
  const model = readModelFile(join(modelDir, f));
  const meta = (model.meta ?? {}) as { config?: unknown };
  const c = normalizeConfig(meta.config as never);
  const target = makeTaskTarget(c);
  const train = makeTrainSet(c, target);
  const T = c.contextLength;
  let below = 0;
  for (let i = 0; i < train.size; i++) if (train.labels[i]! * forward(model, train.bits.subarray(i * T, (i + 1) * T)) < BOUND_MARGIN) below++;
  const empiricalMarginLoss = below / train.size;
  const b = boundFromModel(model, { sampleSize: c.sampleSize, margin: BOUND_MARGIN, delta: BOUND_DELTA, empiricalMarginLoss }) as { generalizationGap: number; vacuous: boolean; statement?: string };
  const comp = compressionDiagnostics(model, target, train.bits, train.labels, c.sparsity);
  rows.push({
    T,
    seed: c.seed,
    empiricalMarginLoss,
    boundGap: b.generalizationGap,
    boundVacuous: b.vacuous,
    boundStatement: b.statement ?? '',
    compressionSupportIsTask: comp.supportIsTaskSupport,
    compressionTrainErrors: comp.trainErrors,
    compressionSignAgrees: comp.signAgrees,
    compressionMinMargin: comp.minMargin,
    compressionMethod: comp.method,
    compressionBound: comp.bound,
    compressionStatement: comp.statement,
  });
  process.stderr.write(
    `${f}: grid-union gap ${b.generalizationGap.toFixed(3)}${b.vacuous ? ' (vacuous)' : ''}; compression ${comp.signAgrees ? comp.bound?.toFixed(4) : `not certified (min margin ${comp.minMargin})`}\n`,
  );
}
const cols = [
  'T',
  'seed',
  'empiricalMarginLoss',
  'boundGap',
  'boundVacuous',
  'compressionSupportIsTask',
  'compressionTrainErrors',
  'compressionSignAgrees',
  'compressionMinMargin',
  'compressionMethod',
  'compressionBound',
];
const csv = [cols.join(','), ...rows.map((r) => cols.map((k) => String(r[k] ?? '')).join(','))].join('\n') + '\n';
writeFileAtomic(join(outDir, 'trauger-tewari-bounds.csv'), csv);
writeFileAtomic(join(outDir, 'trauger-tewari-bounds.json'), JSON.stringify({ margin: BOUND_MARGIN, delta: BOUND_DELTA, rows }, null, 2) + '\n');
process.stderr.write(`wrote ${join(outDir, 'trauger-tewari-bounds.csv')} and .json (${rows.length} models)\n`);
