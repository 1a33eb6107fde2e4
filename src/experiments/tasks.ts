/**
 * Learning tasks (protocol OURS, DIGEST §5; proofs-notes/alg-sample-complexity.md): a sparse Boolean
 * target drawn from the seed, a training set of m uniform inputs with optional label noise, and a
 * held-out test set (≥ testSize fresh inputs, or all 2^T inputs when 2^T ≤ testSize).
 * Every draw comes from createRng on a sub-seed derived from (seed, stream name): the target, the
 * training inputs, the noise, the test set, the initialization and the batch order are independent
 * streams, so the training set of size m is a prefix of the one of size m' > m (nested designs).
 */
import { createRng, type Rng } from '../core/rng.js';
import { fmix32 } from '../model/position-codes.js';
import { targetLabel } from '../model/target.js';
import type { BooleanTarget } from '../model/types.js';
import { domainError } from '../core/errors.js';
import { makeTarget } from '../constructions/api.js';
import type { TrainConfig } from './config.js';

/**
 * A sub-seed for one named random stream of a run: fmix32 mixing of the seed and the stream name, so the
 * streams of a run are independent and each is reproducible (alg-sample-complexity).
 * @param seed - the run's seed.
 * @param stream - the stream's name, e.g. 'train' or 'test:12'.
 */
export function streamSeed(seed: number, stream: string): number {
  let h = fmix32(seed >>> 0);
  for (let i = 0; i < stream.length; i++) h = fmix32((h ^ stream.charCodeAt(i)) >>> 0);
  return h;
}

/** The random stream named `stream` of a run with this seed. */
export function streamRng(seed: number, stream: string): Rng {
  return createRng(streamSeed(seed, stream));
}

/** A uniformly random s-subset of {1..T}, sorted increasingly (partial Fisher-Yates). */
export function randomSupport(rng: Rng, contextLength: number, sparsity: number): number[] {
  if (sparsity > contextLength) throw domainError('randomSupport', 'sparsity', `<= contextLength = ${contextLength}`, sparsity);
  const pos = Array.from({ length: contextLength }, (_, i) => i + 1);
  for (let i = 0; i < sparsity; i++) {
    const j = rng.int(i, contextLength - 1);
    [pos[i], pos[j]] = [pos[j], pos[i]];
  }
  return pos.slice(0, sparsity).sort((a, b) => a - b);
}

function popcount(k: number): number {
  let c = 0;
  while (k) {
    c += k & 1;
    k >>>= 1;
  }
  return c;
}

/**
 * The truth table (2^s characters, row k = Σ_j b_{i_j} 2^{s−1−j}) of a task (def-sparse-boolean-targets,
 * alg-sample-complexity):
 * parity: '1' iff an odd number of support bits are 1; and: '1' iff all are 1;
 * majority: '1' iff more than s/2 are 1 (a tie, for even s, is '0');
 * junta: a uniformly random non-constant table from `rng`.
 * @param task - the task name of a TrainConfig.
 * @param sparsity - s (a junta needs s ≥ 1 to have a non-constant table).
 * @param rng - the stream a junta's table is drawn from (unused by the other tasks).
 */
export function taskTable(task: TrainConfig['task'], sparsity: number, rng: Rng): string {
  const n = 2 ** sparsity;
  const rows: string[] = [];
  if (task === 'junta') {
    for (;;) {
      rows.length = 0;
      for (let k = 0; k < n; k++) rows.push(rng.bit() ? '1' : '0');
      const t = rows.join('');
      if (t.includes('0') && t.includes('1')) return t;
    }
  }
  for (let k = 0; k < n; k++) {
    const ones = popcount(k);
    const bit = task === 'parity' ? ones % 2 === 1 : task === 'and' ? ones === sparsity : 2 * ones > sparsity;
    rows.push(bit ? '1' : '0');
  }
  return rows.join('');
}

/**
 * The run's target: support and table drawn from (seed, T, s, task) only, never from m. Built by the
 * constructions' makeTarget (same truth-table conventions as the certifier) on our seeded support
 * (alg-sample-complexity, def-sparse-boolean-targets).
 * @param c - task, T (contextLength), s (sparsity) and seed of a normalized config.
 * @throws DomainError when s > T.
 */
export function makeTaskTarget(c: Pick<TrainConfig, 'task' | 'contextLength' | 'sparsity' | 'seed'>): BooleanTarget {
  const rng = streamRng(c.seed, `target:${c.task}:${c.contextLength}:${c.sparsity}`);
  const support = randomSupport(rng, c.contextLength, c.sparsity);
  const fn = c.task === 'junta' ? (`table:${taskTable('junta', c.sparsity, rng)}` as const) : c.task;
  const t = makeTarget({ fn, contextLength: c.contextLength, sparsity: c.sparsity, support });
  if (c.task !== 'junta' && t.table !== taskTable(c.task, c.sparsity, rng)) {
    throw new Error(`makeTaskTarget: the constructions' ${c.task} table disagrees with ours`);
  }
  return t;
}

/** n inputs of length T (row-major bits) and their ±1 labels (alg-sample-complexity). */
export interface Dataset {
  /** n, the number of inputs (m for a training set). */
  readonly size: number;
  /** T, the length of each input. */
  readonly contextLength: number;
  /** size × T bits, row i = input i. */
  readonly bits: Uint8Array;
  /** ±1 labels as float32 (what the trainer consumes). */
  readonly labels: Float32Array;
}

/** Label every row of `bits` with the target. */
export function labelAll(target: BooleanTarget, bits: Uint8Array, contextLength: number): Float32Array {
  const n = bits.length / contextLength;
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) labels[i] = targetLabel(target, bits.subarray(i * contextLength, (i + 1) * contextLength));
  return labels;
}

/**
 * The training set: m uniform inputs from the `train:T` stream; each label flipped with probability p =
 * labelNoise, drawn from the `noise:T` stream (alg-sample-complexity). A prefix of the set for any larger m.
 * @param c - a normalized config (T, m = sampleSize, labelNoise, seed).
 * @param target - the run's target (makeTaskTarget).
 */
export function makeTrainSet(c: TrainConfig, target: BooleanTarget): Dataset {
  const T = c.contextLength;
  const rng = streamRng(c.seed, `train:${T}`);
  const bits = new Uint8Array(c.sampleSize * T);
  for (let i = 0; i < bits.length; i++) bits[i] = rng.bit();
  const labels = labelAll(target, bits, T);
  if (c.labelNoise > 0) {
    const noise = streamRng(c.seed, `noise:${T}`);
    for (let i = 0; i < labels.length; i++) if (noise.float() < c.labelNoise) labels[i] = -labels[i];
  }
  return { size: c.sampleSize, contextLength: T, bits, labels };
}

/**
 * The test set: all 2^T inputs when 2^T ≤ testSize (exhaustive), else testSize fresh uniform inputs from
 * the `test:T` stream (alg-sample-complexity).
 * @param c - a normalized config (T, testSize, seed).
 * @param target - the run's target (makeTaskTarget).
 */
export function makeTestSet(
  c: TrainConfig,
  target: BooleanTarget,
): Dataset & {
  /** Whether the set is all 2^T inputs (test accuracy is then the exact accuracy). */
  exhaustive: boolean;
} {
  const T = c.contextLength;
  if (T <= 30 && 2 ** T <= c.testSize) {
    const n = 2 ** T;
    const bits = new Uint8Array(n * T);
    for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) bits[i * T + t] = (i >>> (T - 1 - t)) & 1;
    return { size: n, contextLength: T, bits, labels: labelAll(target, bits, T), exhaustive: true };
  }
  const rng = streamRng(c.seed, `test:${T}`);
  const bits = new Uint8Array(c.testSize * T);
  for (let i = 0; i < bits.length; i++) bits[i] = rng.bit();
  return { size: c.testSize, contextLength: T, bits, labels: labelAll(target, bits, T), exhaustive: false };
}

/**
 * The held-out set of the solve check (stopAt 'solve'): solveSize fresh uniform inputs from the 'solve'
 * stream, clean labels. Separate from the test set, so the reported test accuracy is measured on data
 * that never decided when the run stopped. Throws DomainError when the config has no solveSize.
 */
export function makeSolveSet(c: TrainConfig, target: BooleanTarget): Dataset {
  if (c.solveSize === undefined) throw domainError('makeSolveSet', 'config.solveSize', "present (stopAt 'solve')", c.solveSize);
  const T = c.contextLength;
  const rng = streamRng(c.seed, `solve:${T}`);
  const bits = new Uint8Array(c.solveSize * T);
  for (let i = 0; i < bits.length; i++) bits[i] = rng.bit();
  return { size: c.solveSize, contextLength: T, bits, labels: labelAll(target, bits, T) };
}

/**
 * Fresh-mode batches: `next(bits, labels)` fills one batch with newly drawn uniform inputs (the 'fresh'
 * stream) and their labels, each flipped with probability labelNoise (the 'fresh-noise' stream). The
 * k-th batch depends only on (seed, T, k, batch size), so runs replay exactly.
 */
export function freshSampler(c: TrainConfig, target: BooleanTarget): { next(bits: Float32Array | Uint8Array, labels: Float32Array): void } {
  const T = c.contextLength;
  const rng = streamRng(c.seed, `fresh:${T}`);
  const noise = streamRng(c.seed, `fresh-noise:${T}`);
  const row = new Uint8Array(T);
  return {
    next(bits, labels) {
      const B = labels.length;
      for (let j = 0; j < B; j++) {
        for (let t = 0; t < T; t++) {
          row[t] = rng.bit();
          bits[j * T + t] = row[t];
        }
        let y: number = targetLabel(target, row);
        if (c.labelNoise > 0 && noise.float() < c.labelNoise) y = -y;
        labels[j] = y;
      }
    },
  };
}
