/**
 * The explorer's curves: the bound on P[y f(x) ≤ 0] (empirical margin loss + gap, thm-margin-bound)
 * and the same with each baseline's gap (lem-volumetric-param-cover, lem-naive-softmax-route), as T
 * varies with everything else fixed, and as m varies. Every point is boundForRequest on the varied
 * request (no interpolation). Browser-safe.
 */
import { boundForRequest, type BoundRequest } from '../bounds/api.js';
import { AttnTheoryError } from '../core/errors.js';

/** T values of the curve against T: 4^k, k = 1..12 (4 to ~1.7e7), plus the request's own T. */
export const EXPLORER_T_GRID: readonly number[] = Array.from({ length: 12 }, (_, k) => 4 ** (k + 1));
/** m values of the curve against m: 10^k, k = 1..15, plus the request's own m. */
export const EXPLORER_M_GRID: readonly number[] = Array.from({ length: 15 }, (_, k) => 10 ** (k + 1));

/** Names of the curves, keyed as in BoundReport (bound = the report's total; baselines by their key). */
export const EXPLORER_SERIES: Readonly<Record<'bound' | 'parameterCounting' | 'naiveSoftmaxT', string>> = {
  bound: 'this bound (thm-margin-bound)',
  parameterCounting: 'baseline: parameter counting',
  naiveSoftmaxT: 'baseline: naive softmax, c = (T+1)/2',
};

/** One point of a curve. */
export interface SeriesPoint {
  /** Which variable moves: 'T' (context length) or 'm' (sample size). */
  readonly axis: 'T' | 'm';
  /** Its value at this point. */
  readonly x: number;
  /** The curve (a value of EXPLORER_SERIES). */
  readonly series: string;
  /** Empirical margin loss + that curve's gap (a bound on P[y f(x) ≤ 0]; ≥ 1 is vacuous). */
  readonly value: number;
}

/** The curves, and how many points were left out because their value overflowed float64 (+∞). */
export interface BoundSeries {
  /** Every finite point, axis 'T' first, each axis in increasing x. */
  readonly points: readonly SeriesPoint[];
  /** Points left out: value not finite (+∞ from a float64 overflow: vacuous; a log axis cannot place it), or refused by the chain (an overflow inside it). */
  readonly omitted: number;
}

function withCurrent(grid: readonly number[], x: number): number[] {
  return [...new Set([...grid, x])].sort((a, b) => a - b);
}

/** One point of both axes' grids to compute: which variable moves, its value, and the varied request. */
export interface SeriesStep {
  /** Which variable moves: 'T' or 'm'. */
  readonly axis: 'T' | 'm';
  /** Its value. */
  readonly x: number;
  /** The request with that variable set to x. */
  readonly request: BoundRequest;
}

/**
 * The requests behind the curves, axis 'T' first, each in increasing x (the grid plus the request's own
 * T or m). The page computes them a few at a time (seriesAt) so that a long curve never blocks it.
 * @param request - a parsed bound request (trusted: boundRequestSchema output).
 */
export function seriesSteps(request: BoundRequest): SeriesStep[] {
  return [
    ...withCurrent(EXPLORER_T_GRID, request.contextLength).map((T): SeriesStep => ({ axis: 'T', x: T, request: { ...request, contextLength: T } })),
    ...withCurrent(EXPLORER_M_GRID, request.sampleSize).map((m): SeriesStep => ({ axis: 'm', x: m, request: { ...request, sampleSize: m } })),
  ];
}

/**
 * The three curves' points at one step: empirical margin loss + each gap (boundForRequest of the step's
 * request). A value that is not finite, or a step the chain refuses (an overflow inside it, a
 * DomainError naming the step), is left out and counted.
 */
export function seriesAt(step: SeriesStep): BoundSeries {
  let r: ReturnType<typeof boundForRequest>;
  try {
    r = boundForRequest(step.request);
  } catch (err) {
    if (!(err instanceof AttnTheoryError)) throw err;
    return { points: [], omitted: 3 };
  }
  const emp = step.request.empiricalMarginLoss ?? 0;
  const values: [string, number][] = [
    [EXPLORER_SERIES.bound, r.total],
    [EXPLORER_SERIES.parameterCounting, emp + r.baselines.parameterCounting.value],
    [EXPLORER_SERIES.naiveSoftmaxT, emp + r.baselines.naiveSoftmaxT.value],
  ];
  const points = values.filter(([, v]) => Number.isFinite(v)).map(([series, value]): SeriesPoint => ({ axis: step.axis, x: step.x, series, value }));
  return { points, omitted: values.length - points.length };
}

/**
 * The curves against T and against m around a parsed request, all at once (seriesAt of every seriesSteps step).
 * @param request - a parsed bound request (trusted: boundRequestSchema output).
 */
export function boundSeries(request: BoundRequest): BoundSeries {
  const points: SeriesPoint[] = [];
  let omitted = 0;
  for (const step of seriesSteps(request)) {
    const at = seriesAt(step);
    points.push(...at.points);
    omitted += at.omitted;
  }
  return { points, omitted };
}
