/**
 * The search option modelBase (alg-sample-complexity §13): per-model overrides laid over base, the one
 * config definition searchRunConfig, validation of its keys and of each model's merged config.
 */
import { describe, expect, test } from 'vitest';
import { normalizeSampleComplexityOptions, searchRunConfig } from '../../src/experiments/sample-complexity.js';
import { DEFAULT_EXPERIMENT_OPTIONS } from '../../src/experiments/default-experiment.js';
import { FULL_EXPERIMENT } from '../../src/experiments/full-experiment-config.js';

const O = { task: 'majority', sparsity: 3, contextLengths: [8, 16], seeds: 3, base: { steps: 300 } } as const;

describe('modelBase', () => {
  test('each model gets its own override over base; other fields come from base', () => {
    const o = normalizeSampleComplexityOptions({ ...O, modelBase: { transformer: { learningRate: 0.001 }, mlp: { learningRate: 0.01, width: 16 } } });
    const t = searchRunConfig(o, 'transformer', 8, 32, 2);
    const m = searchRunConfig(o, 'mlp', 16, 64, 3);
    expect([t.learningRate, t.steps, t.width, t.contextLength, t.sampleSize, t.seed]).toEqual([0.001, 300, 32, 8, 32, 2]);
    expect([m.learningRate, m.steps, m.width, m.contextLength, m.sampleSize, m.seed]).toEqual([0.01, 300, 16, 16, 64, 3]);
  });

  test('without modelBase the config is base alone, and the options carry no modelBase field', () => {
    const o = normalizeSampleComplexityOptions(O);
    expect('modelBase' in o).toBe(false);
    expect(searchRunConfig(o, 'mlp', 8, 16, 1).learningRate).toBe(0.003);
  });

  test("the default experiment trains each model at the T = 24 pilot's Adam rate", () => {
    const o = normalizeSampleComplexityOptions({ ...DEFAULT_EXPERIMENT_OPTIONS, contextLengths: [...DEFAULT_EXPERIMENT_OPTIONS.contextLengths], models: [...DEFAULT_EXPERIMENT_OPTIONS.models] });
    expect(searchRunConfig(o, 'transformer', 8, 16, 1).learningRate).toBe(FULL_EXPERIMENT.learningRates.transformer.adam);
    expect(searchRunConfig(o, 'mlp', 8, 16, 1).learningRate).toBe(FULL_EXPERIMENT.learningRates.mlp.adam);
  });

  test('a key that is not a searched model, or a bad merged field, is an error naming it', () => {
    expect(() => normalizeSampleComplexityOptions({ ...O, models: ['mlp'], modelBase: { transformer: { learningRate: 0.1 } } })).toThrow(
      /^sampleComplexity: modelBase must be keyed by searched models \(mlp\) \(got "transformer"\)$/,
    );
    expect(() => normalizeSampleComplexityOptions({ ...O, modelBase: { mlp: { learningRate: -1 } } })).toThrow(/^normalizeConfig: learningRate must be/);
  });
});
