/**
 * The bound request schema at the public boundary (computeBound, requiredSampleSize, boundFromModel):
 * unknown fields and enum values named, NaN/±Infinity and non-integers rejected, every missing field
 * listed at once, the identity-σ rule, the README worked example, and LaTeX only when asked for
 * (the default path never loads mathjs: checked in a fresh process).
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { computeBound, requiredSampleSize, boundFromModel } from '../../src/bounds/api.js';
import { boundRequestSchema } from '../../src/bounds/request-schema.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { WORKED, SMALL_TRANSFORMER } from './fixtures.js';

describe('boundRequestSchema at computeBound', () => {
  test.each([
    [{ ...WORKED, normBounds: { ...WORKED.normBounds, outputSpectrl: 3 } }, 'computeBound: unknown field normBounds.outputSpectrl (did you mean normBounds.outputSpectral?)'],
    [{ ...WORKED, sampelSize: 5 }, 'computeBound: unknown field sampelSize (did you mean sampleSize?)'],
    [{ ...WORKED, colour: 'red' }, /^computeBound: unknown field colour \(known: model\|contextLength\|/],
    [{ ...WORKED, valueActivation: 'relu' }, 'computeBound: valueActivation must be one of identity|lipschitz (got "relu")'],
    [{ ...WORKED, model: 'rnn' }, 'computeBound: model must be one of head|scalar|multihead|transformer (got "rnn")'],
    [{ ...WORKED, inputNorm: NaN }, 'computeBound: inputNorm must be a finite number > 0 (got NaN)'],
    [{ ...WORKED, margin: Infinity }, 'computeBound: margin must be a finite number > 0 (got Infinity)'],
    [{ ...WORKED, normBounds: { ...WORKED.normBounds, qkSpectral: -Infinity } }, 'computeBound: normBounds.qkSpectral must be a finite number > 0 (got -Infinity)'],
    [{ ...WORKED, width: 2.5 }, 'computeBound: width must be an integer >= 1 (got 2.5)'],
    [{ ...WORKED, sampleSize: 2 ** 60 }, /^computeBound: sampleSize must be an integer >= 1 \(got 1152921504606847000\)$/],
    [{ ...WORKED, heads: '2' }, 'computeBound: heads must be an integer >= 1 (got "2")'],
    [{ ...WORKED, empiricalMarginLoss: 1.5 }, 'computeBound: empiricalMarginLoss must be in [0, 1] (got 1.5)'],
    [{ ...WORKED, activationLipschitz: 2 }, 'computeBound: activationLipschitz must be 1 when valueActivation is identity (got 2)'],
    [5, 'computeBound: request must be an object (got 5)'],
  ])('rejects %j', (input, message) => {
    expect(() => computeBound(input)).toThrow(message);
  });

  test('every missing field at once, never "(got undefined)"', () => {
    const { contextLength: _t, width: _d, ...rest } = WORKED;
    expect(() => computeBound(rest)).toThrow(/^computeBound: contextLength, width must be given$/);
    const { readout: _w, ...nb } = WORKED.normBounds;
    expect(() => computeBound({ ...WORKED, normBounds: nb })).toThrow('computeBound: normBounds.readout must be given (a finite number > 0)');
  });

  test('a misspelled budget is an error, never its default (the old behaviour: outputSpectral silently 1)', () => {
    const req = SMALL_TRANSFORMER;
    const good = computeBound({ ...req, normBounds: { ...req.normBounds, outputSpectral: 3 } }).generalizationGap;
    expect(good).toBeGreaterThan(computeBound(req).generalizationGap);
    expect(() => computeBound({ ...req, normBounds: { ...req.normBounds, outputSpectrl: 3 } })).toThrow(/unknown field normBounds\.outputSpectrl/);
  });

  test('output options are strict too', () => {
    expect(() => computeBound(WORKED, { latx: true })).toThrow('computeBound: unknown field latx (did you mean latex?)');
    expect(() => computeBound(WORKED, { latex: 'yes' })).toThrow('computeBound: latex must be true or false (got "yes")');
  });

  test('the README worked example: scalar head, identity σ, d = 64, budgets 1, B_X = 1, m = 10^7, γ = 1, δ = 0.05, T = 1024 → gap 0.086 (first chain 0.304)', () => {
    expect(boundRequestSchema.parse(WORKED)).toEqual(WORKED);
    const r = computeBound(WORKED);
    expect(r.generalizationGap.toFixed(3)).toBe('0.086');
    expect(computeBound({ ...WORKED, contextLength: 2 ** 20 }).generalizationGap.toFixed(3)).toBe('0.100');
    const first = { ...WORKED, disabledTightenings: ['all' as const] };
    expect(computeBound(first).generalizationGap.toFixed(3)).toBe('0.304');
    expect(computeBound({ ...first, contextLength: 2 ** 20 }).generalizationGap.toFixed(3)).toBe('0.320');
    // Same flags with a Lipschitz σ: vacuous on the first chain (the d-dependent route), 0.316 with the Maurey value cover.
    expect(computeBound({ ...first, valueActivation: 'lipschitz' }).vacuous).toBe(true);
    expect(computeBound({ ...WORKED, valueActivation: 'lipschitz' }).generalizationGap.toFixed(3)).toBe('0.316');
  });

  test('requiredSampleSize and boundFromModel parse their own inputs', () => {
    const { sampleSize: _m, ...noM } = WORKED;
    expect(() => requiredSampleSize(noM, NaN)).toThrow('requiredSampleSize: targetGap must be a finite number > 0 (got NaN)');
    expect(() => requiredSampleSize({ ...noM, delta: 0 }, 0.5)).toThrow('requiredSampleSize: delta must be in (0, 1) (got 0)');
    expect(() => boundFromModel(null as never, { sampleSize: 10, margin: 1, delta: 0.05, gamma: 1 })).toThrow(
      'boundFromModel: unknown field gamma (known: sampleSize|margin|delta|empiricalMarginLoss)',
    );
    expect(() => boundFromModel(null as never, { sampleSize: 1e7 + 0.5, margin: 1, delta: 0.05 })).toThrow('boundFromModel: sampleSize must be an integer >= 1 (got 10000000.5)');
  });
});

describe('LaTeX only when asked for', () => {
  test('the default computeBound never loads mathjs; { latex: true } does (fresh process)', () => {
    // A module-load probe: is any mathjs file in the CommonJS cache after the call?
    const script = [
      "import { createRequire } from 'node:module';",
      "const { computeBound } = await import('./src/bounds/api.ts');",
      'const req = ' + JSON.stringify(WORKED) + ';',
      'const t0 = performance.now(); computeBound(req); const t1 = performance.now();',
      "const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/mathjs/'));",
      'const before = loaded();',
      'const t2 = performance.now(); const r = computeBound(req, { latex: true }); const t3 = performance.now();',
      'console.log(JSON.stringify({ before, after: loaded(), latex: typeof r.latex, first: t1 - t0, withLatex: t3 - t2 }));',
    ].join('\n');
    const p = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(p.status, p.stderr).toBe(0);
    const j = JSON.parse(p.stdout.trim().split('\n').pop()!);
    expect(j.before).toBe(false);
    expect(j.after).toBe(true);
    expect(j.latex).toBe('string');
    // Ratio within one process (shared machine: no absolute timing): the LaTeX call pays mathjs's load.
    expect(j.withLatex).toBeGreaterThan(j.first);
  });
});
