/**
 * The hyperparameter pilot of the full experiment (issue 10 §2; proofs-notes/alg-sample-complexity.md
 * §Pilot-2): run once at T = 24, outside every grid of the project (sample-complexity T ∈ {8, 16, 32,
 * 64}, Trauger–Tewari T ∈ {16, …, 256}), on the primary tasks (sparse majority and sparse AND, s = 3),
 * both models, three learning rates per optimizer protocol, seeds 1..3, m = 256, 2,000 steps.
 *
 *   npx tsx scripts/pilot.ts [--out DIR] [--workers N]
 *
 * Writes DIR/pilot-runs.csv (every run) and DIR/pilot-choice.csv (the rule's choice per model and
 * optimizer), default DIR = runs/pilot; the committed copies are in proofs-notes/data/. The choice is
 * transcribed into src/experiments/full-experiment-config.ts (a test checks the two agree).
 *
 * THE RULE, fixed before any pilot run was looked at: for each (model, optimizer protocol), the chosen
 * learning rate is the largest one at which every pilot run (2 tasks × 3 seeds) fits its training set
 * within the budget; if no rate does, the one with the most fitting runs, ties to the smaller rate.
 * Fitting (not test accuracy) is the criterion because the pilot chooses the optimizer; test accuracy
 * is recorded but never looked at by the rule.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/core/files.js';
import { runPool } from '../src/experiments/pool.js';
import type { TrainConfigInput } from '../src/experiments/config.js';
import type { TrainResult } from '../src/experiments/train.js';

/** One optimizer protocol of the pilot: fixed settings and the learning rates tried. */
export interface PilotProtocol {
  readonly name: string;
  readonly settings: Partial<TrainConfigInput>;
  readonly learningRates: readonly number[];
  /** Settings that depend on the learning rate (the lr floor of the decayed schedule). */
  readonly perRate?: (lr: number) => Partial<TrainConfigInput>;
}

/** The three optimizer protocols (issue 10): Adam as before, Trauger–Tewari SGD-momentum, Barak et al. SGD + hinge. */
export const PILOT_PROTOCOLS: readonly PilotProtocol[] = [
  { name: 'adam', settings: { optimizer: 'adam', loss: 'logistic', batchSize: 64 }, learningRates: [0.001, 0.003, 0.01] },
  {
    name: 'sgd-momentum',
    settings: { optimizer: 'sgd-momentum', momentum: 0.9, lrDecay: 0.999, loss: 'logistic', batchSize: 64 },
    learningRates: [0.003, 0.01, 0.03],
    perRate: (lr) => ({ lrFloor: lr / 10 }), // T&T decay from 0.01 to 0.001: a floor of lr / 10
  },
  { name: 'sgd', settings: { optimizer: 'sgd', loss: 'hinge', batchSize: 32, weightDecay: 0.01 }, learningRates: [0.03, 0.1, 0.3] },
];

/** The pilot's fixed design. */
export const PILOT_DESIGN = {
  contextLength: 24,
  sparsity: 3,
  sampleSize: 256,
  steps: 2000,
  evalEvery: 25,
  testSize: 2000,
  seeds: [1, 2, 3],
  tasks: ['majority', 'and'],
  models: ['transformer', 'mlp'],
} as const;

/** Every pilot config, in a fixed order. */
export function pilotConfigs(): TrainConfigInput[] {
  const out: TrainConfigInput[] = [];
  for (const model of PILOT_DESIGN.models)
    for (const p of PILOT_PROTOCOLS)
      for (const lr of p.learningRates)
        for (const task of PILOT_DESIGN.tasks)
          for (const seed of PILOT_DESIGN.seeds)
            out.push({
              task,
              model,
              seed,
              contextLength: PILOT_DESIGN.contextLength,
              sparsity: PILOT_DESIGN.sparsity,
              sampleSize: PILOT_DESIGN.sampleSize,
              steps: PILOT_DESIGN.steps,
              evalEvery: PILOT_DESIGN.evalEvery,
              testSize: PILOT_DESIGN.testSize,
              ...p.settings,
              learningRate: lr,
              ...(p.perRate ? p.perRate(lr) : {}),
            });
  return out;
}

/** The rule (header): the largest rate with every run fitting, else the most fits, ties to the smaller rate. */
export function chooseRate(fitsByRate: ReadonlyMap<number, { fit: number; runs: number }>): number {
  const rates = [...fitsByRate.keys()].sort((a, b) => a - b);
  const all = rates.filter((r) => fitsByRate.get(r)!.fit === fitsByRate.get(r)!.runs);
  if (all.length > 0) return all[all.length - 1];
  let best = rates[0];
  for (const r of rates) if (fitsByRate.get(r)!.fit > fitsByRate.get(best)!.fit) best = r;
  return best;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const outDir = flag('--out') ?? 'runs/pilot';
  const workersRaw = flag('--workers');
  const workers = workersRaw === undefined ? undefined : Number(workersRaw);
  if (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 1)) {
    process.stderr.write(`pilot: --workers must be an integer >= 1 (got ${JSON.stringify(workersRaw)})\n`);
    process.exit(2);
  }
  const configs = pilotConfigs();
  let done = 0;
  const results: TrainResult[] = await runPool(configs, {
    ...(workers ? { workers } : {}),
    onResult: (c, r) => {
      done++;
      process.stderr.write(`[${done}/${configs.length}] ${c.model} ${c.optimizer} lr=${c.learningRate} ${c.task} seed=${c.seed}: fit ${r.fitTrainSet ? `at ${r.fitStep}` : 'no'}\n`);
    },
  });
  const rows = ['task,model,optimizer,loss,learningRate,seed,fitTrainSet,fitStep,steps,trainAccuracy,testAccuracy,cpuSeconds'];
  for (const r of results) {
    const c = r.config;
    rows.push([c.task, c.model, c.optimizer, c.loss, c.learningRate, c.seed, r.fitTrainSet, r.fitStep ?? '', r.steps, r.trainAccuracy, r.testAccuracy, r.cpuSeconds.toFixed(2)].join(','));
  }
  const choice = ['model,optimizer,chosenLearningRate,fitsAtChosen,runsAtChosen,fitsPerRate'];
  for (const model of PILOT_DESIGN.models)
    for (const p of PILOT_PROTOCOLS) {
      const fits = new Map<number, { fit: number; runs: number }>();
      for (const lr of p.learningRates) {
        const rs = results.filter((r) => r.config.model === model && r.config.optimizer === p.settings.optimizer && r.config.learningRate === lr);
        fits.set(lr, { fit: rs.filter((r) => r.fitTrainSet).length, runs: rs.length });
      }
      const lr = chooseRate(fits);
      choice.push([model, p.name, lr, fits.get(lr)!.fit, fits.get(lr)!.runs, [...fits].map(([k, v]) => `${k}:${v.fit}/${v.runs}`).join(' ')].join(','));
    }
  mkdirSync(outDir, { recursive: true });
  writeFileAtomic(join(outDir, 'pilot-runs.csv'), rows.join('\n') + '\n');
  writeFileAtomic(join(outDir, 'pilot-choice.csv'), choice.join('\n') + '\n');
  process.stdout.write(choice.join('\n') + '\n');
}

if (process.argv[1] && /pilot\.ts$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`pilot: ${(err as Error).message.split('\n')[0]}\n`);
    process.exit(2);
  });
}
