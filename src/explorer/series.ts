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

/**
 * The curves against T and against m around a parsed request.
 * @param request - a parsed bound request (trusted: boundRequestSchema output).
 */
export function boundSeries(request: BoundRequest): BoundSeries {
  const points: SeriesPoint[] = [];
  let omitted = 0;
  const emp = request.empiricalMarginLoss ?? 0;
  const add = (axis: 'T' | 'm', x: number, varied: BoundRequest) => {
    let r: ReturnType<typeof boundForRequest>;
    try {
      r = boundForRequest(varied);
    } catch (err) {
      // The chain refuses a point whose numbers overflow (a DomainError naming the step): not drawn, counted.
      if (!(err instanceof AttnTheoryError)) throw err;
      omitted += 3;
      return;
    }
    const values: [string, number][] = [
      [EXPLORER_SERIES.bound, r.total],
      [EXPLORER_SERIES.parameterCounting, emp + r.baselines.parameterCounting.value],
      [EXPLORER_SERIES.naiveSoftmaxT, emp + r.baselines.naiveSoftmaxT.value],
    ];
    for (const [series, value] of values) {
      if (Number.isFinite(value)) points.push({ axis, x, series, value });
      else omitted++;
    }
  };
  for (const T of withCurrent(EXPLORER_T_GRID, request.contextLength)) add('T', T, { ...request, contextLength: T });
  for (const m of withCurrent(EXPLORER_M_GRID, request.sampleSize)) add('m', m, { ...request, sampleSize: m });
  return { points, omitted };
}
