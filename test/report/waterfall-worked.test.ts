/**
 * The capacity section's worked-example waterfall: its three cases are the README's worked example, its
 * last row is the default chain's gap and its first row the first chain's, for each case.
 */
import { expect, test } from 'vitest';
import { WORKED_EXAMPLE_CASES } from '../../src/report/sections/capacity.js';
import { boundWaterfallForRequest } from '../../src/bounds/waterfall.js';
import { computeBound } from '../../src/bounds/api.js';

test.each(WORKED_EXAMPLE_CASES.map((c) => [c.label, c.request] as const))('%s: first row = first chain, last row = default chain', (_label, request) => {
  const rows = boundWaterfallForRequest(request);
  expect(rows[0]!.generalizationGap).toBe(computeBound({ ...request, disabledTightenings: ['all'] }).generalizationGap);
  expect(rows[rows.length - 1]!.generalizationGap).toBe(computeBound(request).generalizationGap);
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.generalizationGap).toBeLessThanOrEqual(rows[i - 1]!.generalizationGap);
});

test("issue 11's targets hold at the worked example with the default chain", () => {
  const [identity, lipschitz, multihead] = WORKED_EXAMPLE_CASES.map((c) => computeBound(c.request).generalizationGap);
  expect(identity).toBeLessThanOrEqual(0.15);
  expect(lipschitz).toBeLessThanOrEqual(0.35);
  expect(multihead).toBeLessThanOrEqual(0.45);
});
