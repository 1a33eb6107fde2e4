/**
 * The training protocol of issue 10 (alg-sample-complexity §Protocol): the SGD-family update rules in
 * tfjs against the pure reference, the lr schedule, fit recording, budget escalation (= the run with
 * the larger budget), fresh-sample mode and its solve step, hinge loss, and every new field's errors.
 */
import { beforeAll, describe, expect } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { initBackend, tf } from '../../src/experiments/backend.js';
import { trainRun, evaluate, hingeLoss, buildModel, weightL1Norms, type TrainResult } from '../../src/experiments/train.js';
import { configHash, normalizeConfig, TRAIN_PROTOCOL_VERSION } from '../../src/experiments/config.js';
import { applyUpdateRule, learningRateAt, makeTrainer, stepsPerEpoch } from '../../src/experiments/optimizers.js';
import { makeSolveSet, makeTaskTarget, makeTestSet } from '../../src/experiments/tasks.js';

beforeAll(async () => {
  await initBackend();
}, 60_000);

const BASE = { task: 'and', contextLength: 6, sparsity: 2, sampleSize: 48, seed: 1, testSize: 64 } as const;

function replayed(r: TrainResult) {
  return { tr: r.trainAccuracy, te: r.testAccuracy, steps: r.steps, fitStep: r.fitStep, loss: r.finalTrainLoss, norms: JSON.stringify(r.norms) };
}

describe('optimizers', () => {
  test.prop([fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom('sgd', 'sgd-momentum'), fc.double({ min: 0, max: 0.2, noNaN: true })], { seed: 10, numRuns: 12 })(
    'tfjs SGD / momentum steps equal the pure update rule on a quadratic loss (lr schedule included)',
    (s, optimizer, wd) => {
      const c = normalizeConfig({
        ...BASE,
        sampleSize: 8,
        batchSize: 4,
        optimizer,
        weightDecay: wd,
        learningRate: 0.1,
        ...(optimizer === 'sgd-momentum' ? { momentum: 0.8 } : {}),
        lrDecay: 0.5,
        lrFloor: 0.02,
      });
      const n = 5;
      const init = Float32Array.from({ length: n }, (_, i) => Math.sin(s + i));
      const a = Float32Array.from({ length: n }, (_, i) => Math.cos(3 * s + i));
      const w = tf.variable(tf.tensor1d(init), true);
      const b = tf.variable(tf.tensor1d(init.map((x) => -x)), true); // not decayed
      const trainer = makeTrainer(c, [w, b], [w]);
      const refW = Float32Array.from(init);
      const refB = init.map((x) => -x);
      const vW = optimizer === 'sgd-momentum' ? new Float32Array(n) : null;
      const vB = optimizer === 'sgd-momentum' ? new Float32Array(n) : null;
      const at = tf.tensor1d(a);
      for (let t = 0; t < 7; t++) {
        // loss = Σ (w − a)² + Σ (b − a)² ⇒ g_w = 2 (w − a), g_b = 2 (b − a)
        trainer.step(() => tf.add(tf.sum(tf.square(tf.sub(w, at))), tf.sum(tf.square(tf.sub(b, at)))) as tf.Scalar, t);
        const lr = learningRateAt(c, t);
        applyUpdateRule(
          refW,
          refW.map((x, i) => 2 * (x - a[i])),
          vW,
          { lr, momentum: c.momentum ?? 0, weightDecay: wd },
        );
        applyUpdateRule(
          refB,
          refB.map((x, i) => 2 * (x - a[i])),
          vB,
          { lr, momentum: c.momentum ?? 0, weightDecay: 0 },
        );
      }
      const gotW = w.dataSync();
      const gotB = b.dataSync();
      for (let i = 0; i < n; i++) {
        expect(gotW[i]).toBeCloseTo(refW[i], 4);
        expect(gotB[i]).toBeCloseTo(refB[i], 4);
      }
      trainer.dispose();
      w.dispose();
      b.dispose();
      at.dispose();
    },
  );

  test('the schedule: lr × decay per epoch of ⌈m / batch⌉ steps, never below the floor; Adam constant', () => {
    const c = normalizeConfig({ ...BASE, sampleSize: 300, batchSize: 128, optimizer: 'sgd-momentum', learningRate: 0.01, lrDecay: 0.999, lrFloor: 0.001 });
    expect(stepsPerEpoch(c)).toBe(3);
    expect(learningRateAt(c, 0)).toBe(0.01);
    expect(learningRateAt(c, 2)).toBe(0.01);
    expect(learningRateAt(c, 3)).toBeCloseTo(0.00999, 12);
    expect(learningRateAt(c, 3 * 3000)).toBe(0.001); // 0.01 · 0.999^3000 ≈ 0.0005 < floor
    const adam = normalizeConfig(BASE);
    expect(learningRateAt(adam, 10_000)).toBe(adam.learningRate);
    // Mutant: a schedule by step instead of by epoch would already decay at step 1.
    expect(learningRateAt(c, 1)).not.toBeCloseTo(0.01 * 0.999, 12);
  });

  test('hinge: the tensor loss and the evaluator agree with mean max(0, 1 − y f)', () => {
    const out = tf.tensor1d([2, 0.5, -0.3, -2]);
    const y = tf.tensor1d([1, 1, -1, 1]);
    expect(hingeLoss(out, y).dataSync()[0]).toBeCloseTo((0 + 0.5 + 0.7 + 3) / 4, 6);
    const c = normalizeConfig({ ...BASE, model: 'mlp', loss: 'hinge' });
    const net = buildModel(c);
    const data = makeTestSet(c, makeTaskTarget(c));
    const ev = evaluate(net, data, 'hinge');
    let h = 0;
    for (let i = 0; i < data.size; i++) h += Math.max(0, 1 - data.labels[i] * ev.outputs[i]);
    expect(ev.loss).toBeCloseTo(h / data.size, 6);
    net.dispose();
  });
});

describe('fit record and budget escalation', () => {
  test('a fitting run records its fit step; escalation equals the run with the final budget', async () => {
    const ref = await trainRun({ ...BASE, steps: 400, evalEvery: 10 });
    expect(ref.fitTrainSet).toBe(true);
    expect(ref.fitStep).toBe(ref.steps);
    expect(ref.budgetSteps).toBe(400);
    expect(ref.escalations).toBe(0);
    expect(ref.solveStep).toBeNull();
    expect(ref.fitStep!).toBeGreaterThan(20); // so a budget of 20 must escalate
    const esc = await trainRun({ ...BASE, steps: 20, budgetCap: 400, evalEvery: 10 });
    const expectedEsc = Math.ceil(Math.log2(ref.fitStep! / 20));
    expect(esc.escalations).toBe(expectedEsc);
    expect(esc.budgetSteps).toBe(Math.min(400, 20 * 2 ** expectedEsc));
    expect(replayed(esc)).toEqual(replayed(ref));
  }, 120_000);

  test('a run that never fits: fitTrainSet false, fitStep null, the budget doubled up to the cap', async () => {
    // Label noise 0.3 on 48 samples with 40 steps: the training set is not fit.
    const r = await trainRun({ ...BASE, task: 'parity', labelNoise: 0.3, steps: 10, budgetCap: 40, evalEvery: 5 });
    expect(r.fitTrainSet).toBe(false);
    expect(r.fitStep).toBeNull();
    expect(r.budgetSteps).toBe(40);
    expect(r.escalations).toBe(2);
    expect(r.steps).toBe(40);
    expect(r.stoppedEarly).toBe(false);
  }, 60_000);

  test('stopAt solve in fixed mode: records both the fit step and the solve step, stops at the solve', async () => {
    const r = await trainRun({ ...BASE, steps: 600, evalEvery: 10, stopAt: 'solve', solveSize: 500 });
    expect(r.solveStep).not.toBeNull();
    expect(r.steps).toBe(r.solveStep);
    const c = normalizeConfig({ ...BASE, stopAt: 'solve', solveSize: 500 });
    expect(makeSolveSet(c, makeTaskTarget(c)).size).toBe(500);
  }, 60_000);
});

describe('fresh-sample mode', () => {
  test('every batch is new: solves AND, replays exactly, fitTrainSet ⇔ solved', async () => {
    const cfg = { ...BASE, contextLength: 8, dataMode: 'fresh', steps: 600, evalEvery: 10, testSize: 256 } as const;
    const a = await trainRun(cfg);
    expect(a.config.stopAt).toBe('solve');
    expect(a.solveStep).not.toBeNull();
    expect(a.fitTrainSet).toBe(true);
    expect(a.fitStep).toBe(a.solveStep);
    expect(a.testAccuracy).toBeGreaterThanOrEqual(0.95);
    const b = await trainRun(cfg);
    expect(replayed(b)).toEqual(replayed(a));
    // The fresh stream differs from the fixed training set: a fixed run with the same seed takes another path.
    const fixed = await trainRun({ ...cfg, dataMode: 'fixed', stopAt: 'solve' });
    expect(replayed(fixed)).not.toEqual(replayed(a));
  }, 120_000);

  test('the MLP with SGD and hinge loss (the Barak et al. protocol) learns AND', async () => {
    const r = await trainRun({ ...BASE, model: 'mlp', optimizer: 'sgd', loss: 'hinge', learningRate: 0.1, batchSize: 32, weightDecay: 0.01, width: 64, steps: 800, evalEvery: 16 });
    expect(r.config.optimizer).toBe('sgd');
    expect(r.fitTrainSet).toBe(true);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});

describe('config fields', () => {
  test("defaults keep every earlier config's meaning, and normalizing is idempotent", () => {
    const plain = normalizeConfig(BASE);
    expect(plain).toMatchObject({ optimizer: 'adam', loss: 'logistic', budgetCap: plain.steps, dataMode: 'fixed', stopAt: 'fit' });
    expect(plain).not.toHaveProperty('momentum');
    expect(plain).not.toHaveProperty('solveSize');
    expect(normalizeConfig({ ...BASE, weightDecay: 0.01 }).optimizer).toBe('adamw');
    const sgdm = normalizeConfig({ ...BASE, optimizer: 'sgd-momentum' });
    expect(sgdm).toMatchObject({ momentum: 0.9, lrDecay: 1, lrFloor: 0 });
    for (const c of [plain, sgdm, normalizeConfig({ ...BASE, dataMode: 'fresh' })]) expect(normalizeConfig(c)).toEqual(c);
    expect(configHash(sgdm)).not.toBe(configHash(plain));
    expect(configHash({ ...BASE, budgetCap: 4000 })).not.toBe(configHash(BASE));
    expect(TRAIN_PROTOCOL_VERSION).toBe(3); // 2: the fit record; 3: the fused trainer (config.ts)
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['unknown optimizer', { optimizer: 'rmsprop' }, 'normalizeConfig: optimizer must be one of adam|adamw|sgd-momentum|sgd (got "rmsprop")'],
    ['negative momentum', { optimizer: 'sgd-momentum', momentum: -0.1 }, 'normalizeConfig: momentum must be a finite number >= 0 (got -0.1)'],
    ['momentum 1', { optimizer: 'sgd-momentum', momentum: 1 }, 'normalizeConfig: momentum must be in [0, 1) (got 1)'],
    ['momentum with adam', { momentum: 0.5 }, 'normalizeConfig: momentum must be absent with optimizer adam (only sgd-momentum uses it) (got 0.5)'],
    ['adam with weight decay', { optimizer: 'adam', weightDecay: 0.1 }, 'normalizeConfig: weightDecay must be 0 with optimizer adam (decoupled decay is optimizer adamw) (got 0.1)'],
    ['lr decay > 1', { optimizer: 'sgd', lrDecay: 1.5 }, 'normalizeConfig: lrDecay must be in (0, 1] (got 1.5)'],
    ['lr decay with adam', { lrDecay: 0.9 }, 'normalizeConfig: lrDecay must be absent with optimizer adam (only sgd and sgd-momentum use it) (got 0.9)'],
    ['floor above lr', { optimizer: 'sgd', learningRate: 0.01, lrFloor: 0.1 }, 'normalizeConfig: lrFloor must be <= learningRate = 0.01 (got 0.1)'],
    ['budgetCap < steps', { steps: 100, budgetCap: 50 }, 'normalizeConfig: budgetCap must be >= steps = 100 (got 50)'],
    ['NaN budgetCap', { budgetCap: Number.NaN }, 'normalizeConfig: budgetCap must be a finite number (got NaN)'],
    ['unknown loss', { loss: 'mse' }, 'normalizeConfig: loss must be one of logistic|hinge (got "mse")'],
    ['unknown data mode', { dataMode: 'online' }, 'normalizeConfig: dataMode must be one of fixed|fresh (got "online")'],
    ['fresh with stopAt fit', { dataMode: 'fresh', stopAt: 'fit' }, 'normalizeConfig: stopAt must be \'solve\' with dataMode fresh (there is no training set to fit) (got "fit")'],
    ['solveSize without solve', { solveSize: 100 }, "normalizeConfig: solveSize must be absent unless stopAt is 'solve' (got 100)"],
  ];
  for (const [name, over, msg] of bad) {
    test(`bad value: ${name}`, () => {
      expect(() => normalizeConfig({ ...BASE, ...over } as never)).toThrow(msg);
    });
  }
});

describe('the pilot and the full experiment config', () => {
  test("the full experiment uses exactly the pilot's protocols and the rates its rule chose (pilot-choice.csv)", async () => {
    const { readFileSync } = await import('node:fs');
    const { FULL_EXPERIMENT } = await import('../../src/experiments/full-experiment-config.js');
    const { PILOT_PROTOCOLS, chooseRate } = await import('../../scripts/pilot.js');
    for (const p of PILOT_PROTOCOLS) expect(FULL_EXPERIMENT.protocols[p.name as 'adam'].settings).toEqual(p.settings);
    const runs = readFileSync(new URL('../../proofs-notes/data/pilot-runs.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const choice = readFileSync(new URL('../../proofs-notes/data/pilot-choice.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(choice).toHaveLength(6);
    for (const [model, optimizer, lr] of choice) {
      expect(FULL_EXPERIMENT.learningRates[model as 'mlp'][optimizer as 'adam']).toBe(Number(lr));
      // Recompute the rule from the raw runs.
      const fits = new Map<number, { fit: number; runs: number }>();
      for (const r of runs.filter((x) => x[1] === model && x[2] === optimizer)) {
        const e = fits.get(Number(r[4])) ?? { fit: 0, runs: 0 };
        fits.set(Number(r[4]), { fit: e.fit + (r[6] === 'true' ? 1 : 0), runs: e.runs + 1 });
      }
      expect(chooseRate(fits)).toBe(Number(lr));
    }
    // The rule itself: largest all-fit rate; else most fits, ties to the smaller rate (mutant: ties to the larger).
    expect(
      chooseRate(
        new Map([
          [0.1, { fit: 6, runs: 6 }],
          [0.3, { fit: 6, runs: 6 }],
          [1, { fit: 5, runs: 6 }],
        ]),
      ),
    ).toBe(0.3);
    expect(
      chooseRate(
        new Map([
          [0.1, { fit: 3, runs: 6 }],
          [0.3, { fit: 3, runs: 6 }],
          [0.03, { fit: 2, runs: 6 }],
        ]),
      ),
    ).toBe(0.1);
  });

  test("weightL1: the sum of every variable's entrywise ℓ1 norm", () => {
    const c = normalizeConfig({ ...BASE, heads: 2 });
    const net = buildModel(c);
    let total = 0;
    for (const v of net.variables) for (const x of v.dataSync()) total += Math.abs(x);
    const w = weightL1Norms(net);
    expect(w.variables).toHaveLength(net.variables.length);
    expect(w.total).toBeCloseTo(total, 6);
    net.dispose();
  });
});

describe('one protocol for both trainers', () => {
  test('budget escalation, fit record and fresh mode hold on the fused path as on tfjs', async () => {
    const { trainRun } = await import('../../src/experiments/train.js');
    const base = { task: 'and' as const, contextLength: 6, sparsity: 2, sampleSize: 64, seed: 3, steps: 25, evalEvery: 25 };
    for (const trainer of ['fused', 'tfjs'] as const) {
      // A budget too small to fit, doubled up to the cap: the run reports its escalations and fit step.
      const r = await trainRun({ ...base, trainer, budgetCap: 3200 });
      expect(r.trainer).toBe(trainer === 'fused' ? 'fused-cls' : 'tfjs');
      expect(r.budgetSteps).toBe(25 * 2 ** r.escalations);
      expect(r.fitTrainSet).toBe(r.fitStep !== null);
      if (r.fitTrainSet) expect(r.steps).toBe(r.fitStep);
      expect(r.steps).toBeLessThanOrEqual(r.budgetSteps);
      // Fresh mode: no training set; solved when the held-out solve set reaches 0.99.
      const f = await trainRun({ ...base, trainer, dataMode: 'fresh', budgetCap: 3200 });
      expect(f.fitTrainSet).toBe(f.solveStep !== null);
    }
  });

  test('the fused trainer is refused for protocols it does not implement; auto falls back to tfjs', async () => {
    expect(() => normalizeConfig({ ...BASE, trainer: 'fused', optimizer: 'sgd-momentum' })).toThrow(/trainer must be 'auto' or 'tfjs' with optimizer sgd-momentum/);
    expect(() => normalizeConfig({ ...BASE, trainer: 'fused', loss: 'hinge' })).toThrow(/trainer must be 'auto' or 'tfjs'/);
    const { trainerFor } = await import('../../src/experiments/fast/fused-train.js');
    expect(trainerFor(normalizeConfig({ ...BASE, optimizer: 'sgd' }))).toBe('tfjs');
    expect(trainerFor(normalizeConfig({ ...BASE, model: 'mlp' }))).toBe('fused-mlp');
  });
});
