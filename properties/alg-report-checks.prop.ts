/**
 * alg-report-checks: the capacity section's log-T law check accepts every law ln N = A ln T + B
 * (A, B ≥ 0) and rejects every polynomial law N-exponent T^a with a ≥ 0.15 on the report's grid
 * T = 2^4..2^20 (mutation: a broken, polynomial "bound" is caught), and the section built from a store
 * holding such runs reports the verdict.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logTLawCheck, capacitySection, LOG_T_LAW_RATIO_LIMIT } from '../src/report/sections/capacity.js';
import { CAPACITY_CONTEXT_LENGTHS } from '../src/report/default-config.js';
import { openRunStore } from '../src/experiments/store/sqlite-store.js';
import { contentHash } from '../src/experiments/store/canonical.js';

const Ts = CAPACITY_CONTEXT_LENGTHS;

describe('alg-report-checks', () => {
  test.prop([fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true })), fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true }))], { seed: 8001, numRuns: 300 })(
    'ln N = A ln T + B with A, B >= 0 passes, ratio <= 2 (normal floats: denormal A loses the law to rounding)',
    (A, B) => {
      fc.pre(A + B > 0);
      const c = logTLawCheck(Ts.map((T) => ({ T, logN: A * Math.log(T) + B })));
      expect(c.pairs.length).toBe(7); // 2^4..2^10 squared stay in the grid
      expect(c.maxRatio).toBeLessThanOrEqual(LOG_T_LAW_RATIO_LIMIT * (1 + 1e-12));
      expect(c.pass || c.maxRatio - LOG_T_LAW_RATIO_LIMIT < 1e-12).toBe(true);
    },
  );

  test.prop([fc.double({ min: 0.15, max: 2, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true })], { seed: 8002, numRuns: 300 })(
    'mutation: a polynomial law c·T^a (a >= 0.15) is rejected',
    (a, c) => {
      const check = logTLawCheck(Ts.map((T) => ({ T, logN: c * T ** a })));
      expect(check.pass).toBe(false);
      expect(check.maxRatio).toBeCloseTo(2 ** (10 * a), 6);
    },
  );

  test.prop([fc.boolean(), fc.double({ min: 1, max: 100, noNaN: true })], { seed: 8003, numRuns: 10 })('the section reports the verdict of the stored runs', (logLaw, scale) => {
    const store = openRunStore(join(mkdtempSync(join(tmpdir(), 'attn-checks-')), 's.db'));
    try {
      for (const T of Ts) {
        const config = {
          model: 'scalar',
          contextLength: T,
          width: 8,
          sampleSize: 100,
          inputNorm: 1,
          normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
          activationLipschitz: 1,
          margin: 1,
          delta: 0.1,
        };
        const value = logLaw ? scale * Math.log(T) + 1 : scale * Math.sqrt(T);
        const result = { generalizationGap: value / 1000, rademacher: value / 2000, logCovering: [{ eps: 0.5, value }], total: value / 1000, vacuous: false, trace: [], baselines: {} };
        store.putRun({ hash: contentHash('bound', config), kind: 'bound', sweep: 'synthetic', config, result });
      }
      const line = capacitySection(store).summary.find((l) => l.check.startsWith('log-T law'))!;
      expect(line.verdict).toBe(logLaw ? 'pass' : 'fail');
    } finally {
      store.close();
    }
  });
});
