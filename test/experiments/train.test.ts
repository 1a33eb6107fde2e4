/**
 * trainRun, tasks and configs (alg-sample-complexity protocol, def-tfjs-export): determinism, the
 * trained model checked against the Boolean target through the float64 reference, early stopping,
 * AdamW, label noise, nested training sets, exhaustive test sets, typed errors.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../src/experiments/backend.js';
import { trainRun, type TrainResult } from '../../src/experiments/train.js';
import { configHash, normalizeConfig } from '../../src/experiments/config.js';
import { makeTaskTarget, makeTestSet, makeTrainSet } from '../../src/experiments/tasks.js';
import { modelFromJson } from '../../src/model/format.js';
import { forward } from '../../src/model/forward.js';
import { targetLabel } from '../../src/model/target.js';
import { DomainError } from '../../src/core/errors.js';

beforeAll(async () => {
  await initBackend();
}, 60_000);

/** The metrics that must replay exactly (everything except wall time). */
function metrics(r: TrainResult) {
  return {
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    steps: r.steps,
    finalTrainLoss: r.finalTrainLoss,
    supportAttentionMass: r.supportAttentionMass,
    norms: JSON.stringify(r.norms),
    target: r.target,
  };
}

const TINY = { task: 'parity', contextLength: 6, sparsity: 2, sampleSize: 48, seed: 3, steps: 400, testSize: 64 } as const;

describe('trainRun', () => {
  test('same config and backend give identical metrics; another seed gives another run', async () => {
    const cfg = { ...TINY, steps: 120 };
    const a = await trainRun(cfg);
    const b = await trainRun(cfg);
    expect(metrics(b)).toEqual(metrics(a));
    const c = await trainRun({ ...cfg, seed: 4 });
    expect(metrics(c)).not.toEqual(metrics(a));
    expect(a.backend).toMatch(/^(node|wasm|cpu)$/);
  });

  test('a trained Transformer, exported, is checked against the Boolean target on all 2^T inputs by the reference', async () => {
    const r = await trainRun({ ...TINY, task: 'and', seed: 1 }, { keepModel: true });
    expect(r.testExhaustive).toBe(true);
    const model = modelFromJson(r.modelJson);
    const T = TINY.contextLength;
    let agree = 0;
    for (let k = 0; k < 2 ** T; k++) {
      const bits = Uint8Array.from({ length: T }, (_, t) => (k >>> (T - 1 - t)) & 1);
      if (Math.sign(forward(model, bits)) === targetLabel(r.target, bits)) agree++;
    }
    // The reference's accuracy over every input is the reported (tfjs) test accuracy.
    expect(agree / 2 ** T).toBeCloseTo(r.testAccuracy, 10);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(r.stoppedEarly).toBe(true);
    expect(r.steps).toBeLessThan(TINY.steps);
    expect(r.supportAttentionMass).toBeGreaterThan(0);
    expect(r.supportAttentionMass).toBeLessThanOrEqual(1);
  });

  test('the MLP baseline has no attention, no bound and no certificate, and says why', async () => {
    const r = await trainRun({ ...TINY, model: 'mlp' });
    expect(r.supportAttentionMass).toBeNull();
    expect(r.bound).toBeNull();
    expect(r.certifiedMargin).toBeNull();
    expect(r.diagnostics.notes.join(' ')).toMatch(/MLP/);
    expect(r.modelJson).toBeUndefined();
  });

  test('AdamW weight decay shrinks the trained weights', async () => {
    const cfg = { ...TINY, steps: 60, evalEvery: 1000 };
    const plain = await trainRun(cfg);
    const decayed = await trainRun({ ...cfg, weightDecay: 5 });
    const fro = (r: TrainResult) => (r.norms as { readout: { frobenius: number }[] }).readout[0].frobenius;
    expect(fro(decayed)).toBeLessThan(fro(plain));
  });

  test('fused trainers run for L = 1 Transformers and the MLP; tfjs for L > 1 or when asked; each replays exactly', async () => {
    const cfg = { ...TINY, steps: 100 };
    const fused = await trainRun(cfg);
    expect(fused.trainer).toBe('fused-cls');
    const forced = await trainRun({ ...cfg, trainer: 'tfjs' });
    expect(forced.trainer).toBe('tfjs');
    expect(metrics(await trainRun({ ...cfg, trainer: 'tfjs' }))).toEqual(metrics(forced));
    const mlp = await trainRun({ ...cfg, steps: 30, model: 'mlp' });
    expect(mlp.trainer).toBe('fused-mlp');
    expect(metrics(await trainRun({ ...cfg, steps: 30, model: 'mlp' }))).toEqual(metrics(mlp));
    expect((await trainRun({ ...cfg, steps: 30, model: 'mlp', trainer: 'tfjs' })).trainer).toBe('tfjs');
    expect((await trainRun({ ...cfg, steps: 10, layers: 2 })).trainer).toBe('tfjs');
    expect((await trainRun({ ...cfg, trainer: 'fused' })).trainer).toBe('fused-cls');
    expect(configHash({ ...cfg, trainer: 'tfjs' })).not.toBe(configHash(cfg));
    expect(() => normalizeConfig({ ...cfg, layers: 2, trainer: 'fused' })).toThrow(/^normalizeConfig: trainer must be/);
    expect(() => normalizeConfig({ ...cfg, trainer: 'fast' as never })).toThrow('normalizeConfig: trainer must be one of auto|tfjs|fused (got "fast")');
  });

  test('both trainers learn the same task from the same batches (AND, T = 6, all 64 inputs)', async () => {
    for (const trainer of ['fused', 'tfjs'] as const) {
      const r = await trainRun({ ...TINY, task: 'and', seed: 1, trainer });
      expect(r.trainer).toBe(trainer === 'fused' ? 'fused-cls' : 'tfjs');
      expect(r.testExhaustive).toBe(true);
      expect(r.testAccuracy).toBeGreaterThanOrEqual(0.99);
      expect(r.stoppedEarly).toBe(true);
    }
  });

  test('early stopping with targetLoss > 0 stops at the loss target on both trainers', async () => {
    for (const trainer of ['fused', 'tfjs'] as const) {
      const r = await trainRun({ ...TINY, task: 'and', seed: 1, trainer, targetLoss: 0.3, evalEvery: 5 });
      expect(r.stoppedEarly).toBe(true);
      // the check ran on the trainer's own forward just before the final (tfjs float32) evaluation
      expect(r.finalTrainLoss).toBeLessThanOrEqual(0.3 + 1e-3);
    }
  });

  test('an aborted run rejects with AbortError', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(trainRun(TINY, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('bad configs throw one-line DomainErrors naming the field', async () => {
    await expect(trainRun({ ...TINY, sparsity: 7 })).rejects.toThrow(DomainError);
    await expect(trainRun({ ...TINY, sparsity: 7 })).rejects.toThrow(/^normalizeConfig: sparsity must be/);
    expect(() => normalizeConfig({ ...TINY, sampleSize: 0 })).toThrow(/sampleSize/);
    expect(() => normalizeConfig({ ...TINY, learningRate: Number.NaN })).toThrow(/learningRate/);
    expect(() => normalizeConfig({ ...TINY, task: 'xor' as never })).toThrow('normalizeConfig: task must be one of parity|and|majority|junta (got "xor")');
    expect(() => normalizeConfig({ ...TINY, learningRate: Number.POSITIVE_INFINITY })).toThrow('normalizeConfig: learningRate must be a finite number (got Infinity)');
    expect(() => normalizeConfig({ ...TINY, heads: 1.5 })).toThrow('normalizeConfig: heads must be an integer (got 1.5)');
    expect(() => normalizeConfig({ ...TINY, contextLength: 5000 })).toThrow('normalizeConfig: contextLength must be <= 4096 (got 5000)');
    expect(() => normalizeConfig({ ...TINY, bogus: 1 } as never)).toThrow(/^normalizeConfig: unknown field bogus \(known: task\|contextLength\|/);
  });
});

describe('configs and tasks', () => {
  test('configHash: stable under key order and defaults, sensitive to every field', () => {
    const full = normalizeConfig(TINY);
    const reordered = Object.fromEntries(Object.entries(full).reverse()) as typeof full;
    expect(configHash(reordered)).toBe(configHash(TINY));
    expect(configHash({ ...TINY, seed: 9 })).not.toBe(configHash(TINY));
    expect(configHash({ ...TINY, backend: 'cpu' })).not.toBe(configHash(TINY));
    expect(configHash(TINY)).toMatch(/^[0-9a-f]{32}$/);
  });

  test('training sets are nested in m and the target does not depend on m', () => {
    const small = normalizeConfig({ ...TINY, contextLength: 20, sampleSize: 50 });
    const big = normalizeConfig({ ...TINY, contextLength: 20, sampleSize: 100 });
    const t = makeTaskTarget(small);
    expect(makeTaskTarget(big)).toEqual(t);
    const a = makeTrainSet(small, t);
    const b = makeTrainSet(big, t);
    expect(Array.from(b.bits.subarray(0, a.bits.length))).toEqual(Array.from(a.bits));
    for (let i = 0; i < a.size; i++) expect(a.labels[i]).toBe(targetLabel(t, a.bits.subarray(i * 20, (i + 1) * 20)));
  });

  test('label noise flips about the requested fraction of training labels, never test labels', () => {
    const c = normalizeConfig({ ...TINY, contextLength: 10, sampleSize: 20000, labelNoise: 0.2, testSize: 5000 });
    const t = makeTaskTarget(c);
    const tr = makeTrainSet(c, t);
    let flipped = 0;
    for (let i = 0; i < tr.size; i++) if (tr.labels[i] !== targetLabel(t, tr.bits.subarray(i * 10, (i + 1) * 10))) flipped++;
    expect(flipped / tr.size).toBeGreaterThan(0.18);
    expect(flipped / tr.size).toBeLessThan(0.22);
    const te = makeTestSet({ ...c, contextLength: 12, testSize: 100 }, makeTaskTarget({ ...c, contextLength: 12 }));
    expect(te.exhaustive).toBe(false);
    expect(te.size).toBe(100);
  });

  test('the test set is all 2^T inputs when 2^T <= testSize', () => {
    const c = normalizeConfig({ ...TINY, contextLength: 5, testSize: 32 });
    const te = makeTestSet(c, makeTaskTarget(c));
    expect(te.exhaustive).toBe(true);
    const rows = new Set<string>();
    for (let i = 0; i < te.size; i++) rows.add(Array.from(te.bits.subarray(i * 5, (i + 1) * 5)).join(''));
    expect(rows.size).toBe(32);
  });

  test('junta targets are non-constant tables on s distinct positions', () => {
    for (let seed = 0; seed < 20; seed++) {
      const t = makeTaskTarget({ task: 'junta', contextLength: 9, sparsity: 2, seed });
      expect(new Set(t.support).size).toBe(2);
      expect(t.table).toMatch(/0/);
      expect(t.table).toMatch(/1/);
    }
  });
});
