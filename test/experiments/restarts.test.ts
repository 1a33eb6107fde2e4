/**
 * Restarts (alg-sample-complexity §12): attempt 0 is the run without restarts exactly, a run still unfit
 * at its cap starts again from the next init stream with the budget reset, the record says how many
 * attempts and steps it took, the same config replays exactly, and a bad value is one error line.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { test, fc } from '../helpers/fc-test.js';
import { initBackend } from '../../src/experiments/backend.js';
import { trainRun, buildModel, weightL1Norms } from '../../src/experiments/train.js';
import { configHash, normalizeConfig } from '../../src/experiments/config.js';

beforeAll(async () => {
  await initBackend();
}, 60_000);

// Each property checks only when its case arises; these count that both cases did arise.
const exercised = { fitInAttempt0: 0, restartsTaken: 0 };
afterAll(() => {
  expect(exercised.fitInAttempt0).toBeGreaterThan(0);
  expect(exercised.restartsTaken).toBeGreaterThan(0);
});

const BASE = { task: 'and', contextLength: 6, sparsity: 2, sampleSize: 24, testSize: 64, width: 8 } as const;

describe('restarts', () => {
  test.prop([fc.integer({ min: 1, max: 2 ** 30 })], { seed: 41, numRuns: 6 })('restarts 0 is the absent field: same normalized config, same hash', (seed) => {
    const c = { ...BASE, seed };
    expect(normalizeConfig({ ...c, restarts: 0 })).toEqual(normalizeConfig(c));
    expect(configHash({ ...c, restarts: 0 })).toBe(configHash(c));
    expect(configHash({ ...c, restarts: 2 })).not.toBe(configHash(c));
    expect(normalizeConfig(normalizeConfig({ ...c, restarts: 2 }))).toEqual(normalizeConfig({ ...c, restarts: 2 }));
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 3 })], { seed: 42, numRuns: 4 })('a run that fits in attempt 0 is the same run with any restarts', async (seed, R) => {
    const c = { ...BASE, seed, steps: 400 };
    const a = await trainRun(c);
    const b = await trainRun({ ...c, restarts: R });
    if (!a.fitTrainSet) return; // attempt 0 did not fit: the other property covers restarts taken
    exercised.fitInAttempt0++;
    expect(b.attempts).toBe(1);
    expect(b.totalSteps).toBe(b.steps);
    expect({ te: b.testAccuracy, tr: b.trainAccuracy, fit: b.fitStep, steps: b.steps, l1: b.weightL1.total }).toEqual({
      te: a.testAccuracy,
      tr: a.trainAccuracy,
      fit: a.fitStep,
      steps: a.steps,
      l1: a.weightL1.total,
    });
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 3 })], { seed: 43, numRuns: 4 })(
    'an unfit attempt restarts from the next init stream with the budget reset; the result replays',
    async (seed, R) => {
      // 25 steps never fit this task: every attempt runs to its cap, so all R restarts are taken.
      const c = { ...BASE, seed, steps: 25, evalEvery: 25, restarts: R };
      const r = await trainRun(c);
      if (r.fitTrainSet) return; // fitting in 25 steps ends the run early: nothing to check here
      exercised.restartsTaken++;
      expect(r.attempts).toBe(R + 1);
      expect(r.totalSteps).toBe(25 * (R + 1));
      expect(r.steps).toBe(25);
      expect(r.escalations).toBe(0);
      const again = await trainRun(c);
      expect({ te: again.testAccuracy, l1: again.weightL1.total }).toEqual({ te: r.testAccuracy, l1: r.weightL1.total });
      // The attempts start from different weights (stream init:<model>:restart<r>).
      const n = normalizeConfig(c);
      const w0 = buildModel(n, 0);
      const w1 = buildModel(n, 1);
      expect(weightL1Norms(w0).total).not.toBe(weightL1Norms(w1).total);
      w0.dispose();
      w1.dispose();
    },
  );

  test('a bad restarts value names the field and the value', () => {
    for (const bad of [-1, 1.5, 17, Number.NaN]) expect(() => normalizeConfig({ ...BASE, seed: 1, restarts: bad })).toThrow(/^normalizeConfig: restarts must be/);
  });
});
