/**
 * The explorer's curves (src/explorer/series.ts) and chart (plot-spec.ts): every point is the library's
 * bound at that T or m (recomputed here with computeBound), the request's own T and m are on the
 * curves, a float64 overflow is left out and counted (not drawn as a number), and the vega-lite spec
 * compiles, with the vacuous rule at 1 and the ring at the request.
 */
import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { computeBound, type BoundRequest } from '../../src/bounds/api.js';
import { boundSeries, EXPLORER_M_GRID, EXPLORER_SERIES, EXPLORER_T_GRID } from '../../src/explorer/series.js';
import { explorerPlotSpec } from '../../src/explorer/plot-spec.js';
import { CAPACITY_SETTING } from '../../src/report/default-config.js';

const request = { ...CAPACITY_SETTING, contextLength: 300, sampleSize: 12345, empiricalMarginLoss: 0.01 } as BoundRequest;

describe('boundSeries', () => {
  const s = boundSeries(request);
  test('every point is computeBound at its T or m (plus the empirical loss), the request included', () => {
    const Ts = [...new Set(s.points.filter((p) => p.axis === 'T').map((p) => p.x))];
    const ms = [...new Set(s.points.filter((p) => p.axis === 'm').map((p) => p.x))];
    expect(Ts).toEqual([...EXPLORER_T_GRID.filter((T) => T < 300), 300, ...EXPLORER_T_GRID.filter((T) => T > 300)]);
    expect(ms).toEqual([...EXPLORER_M_GRID.filter((m) => m < 12345), 12345, ...EXPLORER_M_GRID.filter((m) => m > 12345)]);
    expect(s.omitted).toBe(0);
    for (const p of s.points) {
      const r = computeBound(p.axis === 'T' ? { ...request, contextLength: p.x } : { ...request, sampleSize: p.x });
      const want = p.series === EXPLORER_SERIES.bound ? r.total : 0.01 + (p.series === EXPLORER_SERIES.parameterCounting ? r.baselines.parameterCounting.value : r.baselines.naiveSoftmaxT.value);
      expect(p.value).toBe(want);
    }
    expect(s.points).toHaveLength((Ts.length + ms.length) * 3);
  });

  test('an overflow to +Infinity is counted and left out, never drawn', () => {
    const huge = boundSeries({ ...request, normBounds: { ...request.normBounds, qkGroup21: 1e300, valueGroup21: 1e300 } } as BoundRequest);
    expect(huge.omitted).toBeGreaterThan(0);
    for (const p of huge.points) expect(Number.isFinite(p.value)).toBe(true);
  });

  test('the vega-lite spec compiles; it has the vacuous rule at 1 and rings the request', () => {
    const spec = explorerPlotSpec(request, s) as { hconcat: { layer: { data?: { values: { vacuous?: number }[] }; mark: { type: string }; transform?: unknown[] }[] }[] };
    expect(() => compile(spec as never)).not.toThrow();
    expect(spec.hconcat).toHaveLength(2);
    for (const [i, panel] of spec.hconcat.entries()) {
      expect(panel.layer.find((l) => l.mark.type === 'rule')?.data?.values).toEqual([{ vacuous: 1 }]);
      const ring = panel.layer.find((l) => l.mark.type === 'point');
      expect(ring?.transform).toContainEqual({ filter: { field: 'x', equal: i === 0 ? 300 : 12345 } });
    }
  });
});
