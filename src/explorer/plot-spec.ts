/**
 * The explorer's vega-lite chart: the curves of series.ts against T (left) and against m (right) on
 * log-log axes, a dashed rule at 1 (at or above it the bound says nothing: vacuous), and a ring at the
 * request's own T and m. Data inline; the page compiles it with the vega-lite shipped beside it.
 * Browser-safe.
 */
import type { BoundRequest } from '../bounds/api.js';
import { EXPLORER_M_GRID, EXPLORER_SERIES, EXPLORER_T_GRID, type BoundSeries } from './series.js';

/** Width in pixels of each of the two panels. */
export const EXPLORER_PANEL_WIDTH = 340;

function panel(axis: 'T' | 'm', title: string, current: number): Record<string, unknown> {
  const y = { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'bound on P[y f(x) <= 0]' };
  // Every other grid value as a tick (the grids are powers of 4 and of 10), so the labels never collide.
  const ticks = (axis === 'T' ? EXPLORER_T_GRID : EXPLORER_M_GRID).filter((_, i) => i % 2 === 1);
  const x = { field: 'x', type: 'quantitative', scale: { type: 'log', base: axis === 'T' ? 2 : 10 }, title, axis: { format: '~s', values: ticks } };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: Object.values(EXPLORER_SERIES) }, legend: { orient: 'bottom', direction: 'vertical' } };
  const onAxis = { filter: { field: 'axis', equal: axis } };
  return {
    width: EXPLORER_PANEL_WIDTH,
    height: 240,
    layer: [
      {
        transform: [onAxis],
        mark: { type: 'line', point: true },
        encoding: { x, y, color, tooltip: [{ field: 'series' }, { field: 'x', title: axis }, { field: 'value', format: '.4~g' }] },
      },
      { transform: [onAxis, { filter: { field: 'x', equal: current } }], mark: { type: 'point', size: 160, filled: false, strokeWidth: 2, color: 'black' }, encoding: { x, y } },
      { data: { values: [{ vacuous: 1 }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#b00' }, encoding: { y: { field: 'vacuous', type: 'quantitative' } } },
      {
        data: { values: [{ vacuous: 1, label: 'vacuous (>= 1)' }] },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#b00' },
        encoding: { y: { field: 'vacuous', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
      },
    ],
  };
}

/**
 * The chart's vega-lite spec (data inline).
 * @param request - the parsed request (its T and m are ringed).
 * @param series - boundSeries(request).
 */
export function explorerPlotSpec(request: BoundRequest, series: BoundSeries): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: series.points.map((p) => ({ ...p })) },
    resolve: { scale: { y: 'shared' } },
    hconcat: [panel('T', 'context length T', request.contextLength), panel('m', 'sample size m', request.sampleSize)],
    config: { font: 'sans-serif', view: { stroke: null } },
  };
}
