/**
 * The sparse-compression certificate on real trained heads (issue 11 item 4; proofs-notes/thm-sparse-compression-certificate.md §6):
 * trains the one-layer [CLS] Transformer with the default protocol on a task at T = 64, s = 3, m = 1000 for
 * each seed and prints what the training diagnostics computed: the support and table read off the
 * attention, K, whether the certifier proves the sign on all 2^64 inputs, the certificate (class
 * 'adaptive', δ = 0.05), and beside it the norm-based grid-union bound and the l1Maurey baseline of the
 * same weights. Nothing is tuned; nothing is written.
 *
 *   npx tsx scripts/compression-certificate-demo.ts [--task majority|and|parity|junta] [--seeds 0,1,2] [--T 64] [--m 1000]
 */
import { trainRun } from '../src/experiments/train.js';
import type { BoundReport } from '../src/bounds/api.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
};
const task = arg('task', 'majority') as 'majority' | 'and' | 'parity' | 'junta';
const seeds = arg('seeds', '0,1,2').split(',').map(Number);
const T = Number(arg('T', '64'));
const m = Number(arg('m', '1000'));

for (const seed of seeds) {
  const r = await trainRun({ task, contextLength: T, sparsity: 3, sampleSize: m, seed });
  const c = r.diagnostics.compression;
  const b = r.bound as BoundReport | null;
  console.log(
    JSON.stringify({
      task,
      T,
      m,
      seed,
      trainAccuracy: r.trainAccuracy,
      testAccuracy: r.testAccuracy,
      taskSupport: r.target.support,
      readSupport: c?.support ?? null,
      readTable: c?.table ?? null,
      taskTable: r.target.table,
      trainErrors: c?.trainErrors ?? null,
      signCertified: c?.signAgrees ?? null,
      minMargin: c?.minMargin ?? null,
      compressionCertificate: c?.bound ?? null,
      normBoundTotal: b?.total ?? null,
      l1MaureyBaseline: (b?.baselines.l1Maurey?.value as number | undefined) ?? null,
      notes: r.diagnostics.notes,
    }),
  );
}
