/**
 * alg-bound-waterfall (proofs-notes/alg-bound-waterfall.md): on random requests of every kind the rows are
 * non-increasing, row 0 is the first chain (disabledTightenings ['all']), the last row the default chain,
 * and turning any single tightening off never lowers the default gap.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { boundWaterfall, BOUND_WATERFALL_ID } from '../src/bounds/waterfall.js';
import { computeBound } from '../src/bounds/api.js';
import { TIGHTENINGS } from '../src/bounds/tightenings.js';

const req = fc.record({
  model: fc.constantFrom('head' as const, 'scalar' as const, 'multihead' as const, 'transformer' as const),
  contextLength: fc.integer({ min: 1, max: 4096 }),
  width: fc.integer({ min: 1, max: 64 }),
  sampleSize: fc.integer({ min: 10, max: 1e8 }),
  inputNorm: fc.double({ min: 0.1, max: 4, noNaN: true }),
  normBounds: fc.record({
    valueSpectral: fc.double({ min: 0.1, max: 3, noNaN: true }),
    valueGroup21: fc.double({ min: 0.1, max: 3, noNaN: true }),
    qkGroup21: fc.double({ min: 0.1, max: 3, noNaN: true }),
    readout: fc.double({ min: 0.1, max: 3, noNaN: true }),
  }),
  activationLipschitz: fc.constant(1),
  valueActivation: fc.constantFrom('identity' as const, 'lipschitz' as const),
  heads: fc.integer({ min: 1, max: 4 }),
  layers: fc.integer({ min: 1, max: 2 }),
  margin: fc.double({ min: 0.1, max: 4, noNaN: true }),
  delta: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
});

describe(BOUND_WATERFALL_ID, () => {
  test.prop([req], { seed: 20001, numRuns: 30 })('rows non-increasing; ends are the first and the default chain; one step off never helps', (r) => {
    const rows = boundWaterfall(r);
    expect(rows).toHaveLength(TIGHTENINGS.length + 1);
    for (let i = 1; i < rows.length; i++) expect(rows[i].generalizationGap).toBeLessThanOrEqual(rows[i - 1].generalizationGap * (1 + 1e-12));
    expect(rows[0].generalizationGap).toBe(computeBound({ ...r, disabledTightenings: ['all'] }).generalizationGap);
    const def = computeBound(r).generalizationGap;
    expect(rows[rows.length - 1].generalizationGap).toBe(def);
    for (const t of TIGHTENINGS) expect(computeBound({ ...r, disabledTightenings: [t] }).generalizationGap).toBeGreaterThanOrEqual(def * (1 - 1e-12));
  });
});
