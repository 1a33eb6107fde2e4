/**
 * boundWaterfall (alg-bound-waterfall) row by row against a second evaluation: row i is boundForArchitecture
 * with the first i tightenings of TIGHTENINGS on minus the request's disabled ones (built here by hand, not
 * with tighteningsUpTo), its step/note the i-th tightening and its proof note, `applied` whether that step is
 * on, `gain` the previous row's gap minus this row's, K the trace's lem-epsilon-split value; the identity
 * column of the note's worked-example table is checked to its 4 printed digits. Also resolveTightenings /
 * tighteningsUpTo (tightenings.ts) by definition. The property file checks that rows never increase, which a
 * mislabelled row or a zero gain keeps.
 */
import { describe, expect, test } from 'vitest';
import { architectureFromRequest, boundForArchitecture } from '../../../src/bounds/api.js';
import { boundWaterfall } from '../../../src/bounds/waterfall.js';
import { ALL_TIGHTENINGS, NO_TIGHTENINGS, TIGHTENINGS, TIGHTENING_NOTES, type TighteningName, type Tightenings, resolveTightenings, tighteningsUpTo } from '../../../src/bounds/tightenings.js';
import { WORKED } from '../fixtures.js';
import type { BoundRequest } from '../../../src/bounds/api.js';

/** Hand level: the first `count` steps on, minus the disabled ones ('all': none). */
function level(count: number, disabled: readonly string[]): Tightenings {
  const t = {} as Record<TighteningName, boolean>;
  TIGHTENINGS.forEach((name, i) => {
    t[name] = !disabled.includes('all') && i < count && !disabled.includes(name);
  });
  return t;
}

function checkRows(req: BoundRequest) {
  const rows = boundWaterfall(req);
  const disabled = req.disabledTightenings ?? [];
  const arch = architectureFromRequest(req);
  expect(rows).toHaveLength(TIGHTENINGS.length + 1);
  expect(rows.map((r) => r.step)).toEqual(['first chain', ...TIGHTENINGS]);
  expect(rows.map((r) => r.note)).toEqual(['thm-margin-bound', ...TIGHTENINGS.map((t) => TIGHTENING_NOTES[t])]);
  expect(rows[0].applied).toBe(true);
  rows.forEach((row, i) => {
    const r = boundForArchitecture(arch, { sampleSize: req.sampleSize, margin: req.margin, delta: req.delta }, {}, level(i, disabled));
    expect(row.generalizationGap).toBe(r.generalizationGap);
    expect(row.rademacher).toBe(r.rademacher);
    const K = r.trace.filter((e) => e.id === 'lem-epsilon-split');
    expect(K).toHaveLength(1);
    expect(row.smoothConstant).toBe(K[0].value);
    expect(row.smoothConstant).toBeGreaterThan(0);
    if (i > 0) {
      expect(row.applied).toBe(!disabled.includes('all') && !disabled.includes(TIGHTENINGS[i - 1]));
      expect(row.gain).toBe(rows[i - 1].generalizationGap - row.generalizationGap);
    } else expect(row.gain).toBe(0);
  });
  return rows;
}

describe('boundWaterfall rows', () => {
  test('worked example (identity σ): the note’s table, every field by a second evaluation', () => {
    const rows = checkRows(WORKED);
    expect(rows.map((r) => r.generalizationGap.toFixed(4))).toEqual(['0.3038', '0.3029', '0.2486', '0.2239', '0.2239', '0.1931', '0.0862', '0.0862']);
    // Steps that help here have a positive gain (so a gain of 0 everywhere is wrong).
    expect(rows[2].gain).toBeGreaterThan(0.05);
  });
  test('disabled steps stay off: their rows are not applied and gain exactly 0', () => {
    const req: BoundRequest = { ...WORKED, disabledTightenings: ['massartPairs', 'l2Maurey'] };
    const rows = checkRows(req);
    expect(rows[2].applied).toBe(false);
    expect(rows[2].gain).toBe(0);
    expect(rows[5].applied).toBe(false);
    expect(rows[5].gain).toBe(0);
    expect(rows[3].applied).toBe(true);
  });
  test("'all' disabled: every row is the first chain", () => {
    const rows = checkRows({ ...WORKED, disabledTightenings: ['all'] });
    for (const r of rows) expect(r.generalizationGap).toBe(rows[0].generalizationGap);
    expect(rows.slice(1).every((r) => !r.applied)).toBe(true);
  });
});

describe('resolveTightenings / tighteningsUpTo by definition', () => {
  test('resolveTightenings: none disabled is the default chain, one name turns off that step only', () => {
    // Nothing disabled: the default chain's own frozen record (ALL_TIGHTENINGS itself), as for an absent list.
    expect(resolveTightenings(undefined)).toBe(ALL_TIGHTENINGS);
    expect(resolveTightenings([])).toBe(ALL_TIGHTENINGS);
    expect(resolveTightenings(['all'])).toEqual(NO_TIGHTENINGS);
    expect(resolveTightenings(['slackEps', 'all'])).toEqual(NO_TIGHTENINGS);
    const one = resolveTightenings(['slackEps']);
    for (const t of TIGHTENINGS) expect(one[t]).toBe(t !== 'slackEps');
    expect(Object.isFrozen(one)).toBe(true);
  });
  test('tighteningsUpTo(i): the first i steps on', () => {
    for (let i = 0; i <= TIGHTENINGS.length + 1; i++) {
      const t = tighteningsUpTo(i);
      expect(Object.keys(t)).toEqual([...TIGHTENINGS]);
      TIGHTENINGS.forEach((name, j) => expect(t[name]).toBe(j < i));
      expect(Object.isFrozen(t)).toBe(true);
    }
  });
});
