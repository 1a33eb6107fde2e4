/**
 * Section 1, Capacity: the bound (src/bounds computeBound) against T = 2^4..2^20 at fixed norms,
 * beside the bounds' baselines, on a log-x plot; and the log-T law checked numerically on the stored
 * runs: the log covering number at a fixed radius ε should be affine in ln T (so
 * ln N(T²)/ln N(T) ≤ 2), while a polynomial law in T would make that ratio grow without bound.
 */
import { boundWaterfallForRequest } from '../../bounds/waterfall.js';
import { WORKED_EXAMPLE_REQUEST } from '../../bounds/worked-example.js';
import type { SqliteRunStore, StoredRun } from '../../experiments/store/sqlite-store.js';
import type { BoundReport, BoundRequest } from '../../bounds/api.js';
import { canonicalJson } from '../../experiments/store/canonical.js';
import { fitLine } from '../../experiments/fits.js';
import type { PlotSpec } from '../plot.js';
import { formatNumber, formatR2, formatVsLimit, MIN_FIT_POINTS } from '../format.js';
import { DUDLEY_ID, DUDLEY_PAIRS_ID } from '../../bounds/dudley.js';
import { EXPECTED_CONFIDENCE_FACTOR, EXPECTED_MARGIN_BOUND_ID, MARGIN_CONFIDENCE_FACTOR, MARGIN_RADEMACHER_FACTOR } from '../../bounds/margin-bound.js';
import { unavailableSection, type ReportSection, type ReportTable, type SummaryLine } from '../types.js';

const TITLE = '1. Capacity';

/** Id of the report's numeric checks (proofs-notes/alg-report-checks.md). */
export const REPORT_CHECKS_ID = 'alg-report-checks';

/**
 * The log-T law limit (alg-report-checks §1): if ln N(T) = A ln T + B with A, B ≥ 0 and T > 1, then
 * ln N(T²)/ln N(T) = (2A ln T + B)/(A ln T + B) ≤ 2.
 */
export const LOG_T_LAW_RATIO_LIMIT = 2;

/** Result of the log-T law check on (T, ln N) points. */
export interface LogTLawCheck {
  /** Every pair (T, T²) present, with ln N(T²)/ln N(T). */
  readonly pairs: readonly { readonly T: number; readonly ratio: number }[];
  /** Largest ratio (−∞ when no pair). */
  readonly maxRatio: number;
  /** maxRatio ≤ LOG_T_LAW_RATIO_LIMIT (false when there is no pair: nothing was checked). */
  readonly pass: boolean;
}

/**
 * Check the log-T law on points (T, ln N(T)) with ln N > 0: the ratio ln N(T²)/ln N(T) for every pair
 * present must be ≤ 2 (alg-report-checks §1). A polynomial law N ~ T^a gives ratio T^a there.
 */
export function logTLawCheck(points: readonly { readonly T: number; readonly logN: number }[]): LogTLawCheck {
  const byT = new Map(points.map((p) => [p.T, p.logN]));
  const pairs = points.filter((p) => byT.has(p.T * p.T) && p.T > 1).map((p) => ({ T: p.T, ratio: byT.get(p.T * p.T)! / p.logN }));
  const maxRatio = pairs.length ? Math.max(...pairs.map((p) => p.ratio)) : -Infinity;
  return { pairs, maxRatio, pass: pairs.length > 0 && maxRatio <= LOG_T_LAW_RATIO_LIMIT };
}

/** The stored bound runs of one fixed-norm setting, sorted by T (the largest such group in the store). */
export function capacitySeries(store: SqliteRunStore): { setting: Omit<BoundRequest, 'contextLength'>; runs: { T: number; req: BoundRequest; rep: BoundReport }[] } | null {
  const groups = new Map<string, StoredRun[]>();
  for (const r of store.runs('bound')) {
    const { contextLength: _T, ...rest } = r.config as BoundRequest;
    const key = canonicalJson(rest);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  let best: StoredRun[] | null = null;
  for (const g of groups.values()) if (!best || g.length > best.length) best = g;
  if (!best || best.length < 2) return null;
  const runs = best.map((r) => ({ T: (r.config as BoundRequest).contextLength, req: r.config as BoundRequest, rep: r.result as BoundReport })).sort((a, b) => a.T - b.T);
  const { contextLength: _T, ...setting } = runs[0].req;
  return { setting, runs };
}

/** ln N at the radius ε common to every run (the median such ε), or null. */
function commonEps(runs: readonly { rep: BoundReport }[]): number | null {
  const sets = runs.map((r) => new Set(r.rep.logCovering.map((c) => c.eps)));
  const common = [...sets[0]].filter((e) => sets.every((s) => s.has(e))).sort((a, b) => a - b);
  return common.length ? common[Math.floor(common.length / 2)] : null;
}

/** Build the Capacity section from the store's 'bound' runs. */
export function capacitySection(store: SqliteRunStore): ReportSection {
  const series = capacitySeries(store);
  if (!series) return unavailableSection('capacity', TITLE, 'the run store holds no bound runs over two or more context lengths (a sweep of kind "bound")');
  const { runs, setting } = series;
  const baselineNames = [...new Set(runs.flatMap((r) => Object.keys(r.rep.baselines)))].sort();
  // Runs stored before a baseline existed lack its entry: take the description from a run that has it.
  const describeBaseline = (b: string) => runs.find((r) => r.rep.baselines[b])?.rep.baselines[b].description;
  const eps = commonEps(runs);
  const logN = (r: { rep: BoundReport }) => (eps === null ? null : r.rep.logCovering.find((c) => c.eps === eps)!.value);

  const table: ReportTable = {
    id: 'capacity-bound-vs-T',
    title: `Bound against context length T (${setting.model}, d = ${setting.width}, m = ${formatNumber(setting.sampleSize)}, γ = ${setting.margin}, δ = ${setting.delta})`,
    columns: ['T', 'log2 T', 'generalization gap', 'Rademacher', eps === null ? 'ln N(ε)' : `ln N(ε=${formatNumber(eps)})`, 'total', 'vacuous', ...baselineNames.map((b) => `baseline: ${b}`)],
    rows: runs.map((r) => [r.T, Math.log2(r.T), r.rep.generalizationGap, r.rep.rademacher, logN(r), r.rep.total, r.rep.vacuous, ...baselineNames.map((b) => r.rep.baselines[b]?.value ?? null)]),
    note: `Norm budgets: ${Object.entries(setting.normBounds)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}; B_X = ${setting.inputNorm}, L_σ = ${setting.activationLipschitz}. Baselines: ${baselineNames.map((b) => `${b}: ${describeBaseline(b)}`).join('; ')}.`,
  };

  // log-T law: pairs (T, T²) present in the grid.
  const byT = new Map(runs.map((r) => [r.T, r]));
  const pairs = runs.filter((r) => byT.has(r.T * r.T)).map((r) => ({ T: r.T, lo: r, hi: byT.get(r.T * r.T)! }));
  const lawRows = pairs.map((p) => {
    const nLo = logN(p.lo);
    const nHi = logN(p.hi);
    return [p.T, p.T * p.T, nLo === null || nHi === null ? null : nHi / nLo, p.hi.rep.rademacher / p.lo.rep.rademacher, p.hi.rep.generalizationGap / p.lo.rep.generalizationGap, LOG_T_LAW_RATIO_LIMIT];
  });
  const law = eps === null ? null : logTLawCheck(runs.map((r) => ({ T: r.T, logN: logN(r) as number })));
  const ratioMax = law ? law.maxRatio : -Infinity;
  const tables: ReportTable[] = [table];
  if (lawRows.length) {
    tables.push({
      id: 'capacity-log-T-law',
      title: 'The log-T law: squaring T at most doubles ln N',
      columns: ['T', 'T²', 'ln N(T²)/ln N(T)', 'Rademacher ratio', 'gap ratio', 'log-law limit'],
      rows: lawRows,
      note: 'If ln N = A ln T + B with A, B ≥ 0, then ln N(T²)/ln N(T) ≤ 2; a polynomial law N ~ T^c would make the ratio grow like T^c. The Rademacher term scales like √(ln N), so its ratio is at most √2.',
    });
  }
  // The waterfall (alg-bound-waterfall) at the smallest stored T: the gap after each tightening of the chain.
  const fall = boundWaterfallForRequest(runs[0].req);
  tables.push({
    id: 'capacity-waterfall',
    title: `Waterfall at T = ${runs[0].T}: the gap after each tightening, from the first chain to the current one`,
    columns: ['step', 'proof note', 'generalization gap', 'gain', 'Rademacher'],
    rows: fall.map((w) => [w.applied ? w.step : `${w.step} (disabled)`, w.note, w.generalizationGap, w.gain, w.rademacher]),
    note: 'Each row switches one more proven tightening on (src/bounds/tightenings.ts); `attn-theory bound ... --waterfall` prints the same table for any request.',
  });
  // The same waterfall at the README's worked example (issue 11's targets), for the three cases it quotes.
  const worked = WORKED_EXAMPLE_CASES.map((c) => ({ ...c, rows: boundWaterfallForRequest(c.request) }));
  tables.push({
    id: 'capacity-waterfall-worked-example',
    title: 'Waterfall at the worked example (scalar [CLS] head, d = 64, all budgets 1, B_X = 1, m = 10^7, γ = 1, δ = 0.05, T = 2^10): the gap after each tightening',
    columns: ['step', 'proof note', ...worked.map((w) => `gap, ${w.label}`)],
    rows: worked[0]!.rows.map((r, i) => [r.step, r.note, ...worked.map((w) => w.rows[i]!.generalizationGap)]),
    note: 'Computed live by boundWaterfallForRequest; the README quotes the last row (`attn-theory bound ... --waterfall` prints each column). Issue 11 asked for identity ≤ 0.15, 1-Lipschitz ≤ 0.35 and H = 4 ≤ 0.45.',
  });
  const xs = runs.map((r) => Math.log(r.T));
  const ns = runs.map(logN);
  const fits = ns.every((v): v is number => v !== null)
    ? {
        log: fitLine(xs, ns, 'a + b log T'),
        lin: fitLine(
          runs.map((r) => r.T),
          ns,
          'a + b T',
        ),
      }
    : null;
  const nFit = runs.length;
  const first = runs[0];
  const last = runs[runs.length - 1];
  const tRange = `$T = 2^{${Math.log2(first.T)}}, \\dots, 2^{${Math.log2(last.T)}}$`;

  const rows = capacityPlotRows(runs, baselineNames);
  const cap = naiveCap(runs);
  const counting = countingRatio(runs);
  const plots: PlotSpec[] = [
    {
      id: 'capacity-bound-vs-T',
      title: 'Capacity bound against T (log-x), beside the baselines',
      caption:
        `Generalization-gap bound at fixed norms for ${tRange} (m = ${formatNumber(setting.sampleSize)}), with the bounds' baselines; both axes logarithmic. ` +
        `The grey line at 1 marks vacuity: a bound on the gap of a 0-1 error at or above 1 says nothing.` +
        (cap
          ? ` The naive baseline (softmax through ℓ2) stops growing at ${formatNumber(cap.value)} from T = ${cap.fromT} on: there its chaining gives nothing better than the trivial $\\hat R \\le F = ${formatNumber(cap.rangeBound)}$ (zero levels), so its gap is ${cap.expectedForm ? `$(${MARGIN_RADEMACHER_FACTOR}/\\gamma) F + ${EXPECTED_CONFIDENCE_FACTOR === 1 ? '' : EXPECTED_CONFIDENCE_FACTOR}\\sqrt{\\ln(1/\\delta)/(2m)} = ${formatNumber(cap.value)}$ (the expected-Rademacher margin form, thm-expected-margin-bound)` : `$(${MARGIN_RADEMACHER_FACTOR}/\\gamma) F + ${MARGIN_CONFIDENCE_FACTOR}\\sqrt{\\ln(2/\\delta)/(2m)} = ${formatNumber(cap.value)}$`} at γ = ${setting.margin}, δ = ${setting.delta}: a cap of the method, not a measurement.`
          : '') +
        (baselineNames.some((b) => runs.some((r) => !(r.rep.baselines[b]?.value > 0 && Number.isFinite(r.rep.baselines[b].value))))
          ? ' Baseline values that are not finite and positive cannot be drawn on the log axis and are left out (they are in the table).'
          : ''),
      rows,
      spec: {
        title: 'Bound vs context length T',
        width: 520,
        height: 300,
        layer: [
          {
            mark: { type: 'line', point: true },
            encoding: {
              x: {
                field: 'T',
                type: 'quantitative',
                scale: { type: 'log', base: 2 },
                axis: { values: runs.map((r) => r.T).filter((_, i) => i % 2 === 0), format: 'd' },
                title: 'context length T (log scale)',
              },
              y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'bound on the generalization gap (log scale)' },
              color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1, labelLimit: 1000 } },
            },
          },
          { mark: { type: 'rule', color: '#777', strokeDash: [4, 3] }, encoding: { y: { datum: 1 } } },
          { mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#555' }, encoding: { x: { datum: first.T }, y: { datum: 1 }, text: { value: 'vacuous (≥ 1)' } } },
        ],
      },
    },
  ];
  if (fits) {
    plots.push({
      id: 'capacity-logN-vs-T',
      title: 'ln N(ε) against T: affine in ln T',
      caption: `Log covering number at ε = ${formatNumber(eps as number)} against T (log-x): a straight line here is the log-T law. Affine fit in ln T: R² = ${formatR2(fits.log.r2, nFit)}; affine fit in T: R² = ${formatR2(fits.lin.r2, nFit)} (${nFit} points).`,
      rows: runs.map((r, i) => ({ T: r.T, lnT: xs[i], logCovering: ns[i] as number })),
      spec: {
        title: `ln N(ε = ${formatNumber(eps as number)}) vs T`,
        width: 520,
        height: 260,
        mark: { type: 'line', point: true },
        encoding: {
          x: {
            field: 'T',
            type: 'quantitative',
            scale: { type: 'log', base: 2 },
            axis: { values: runs.map((r) => r.T).filter((_, i) => i % 2 === 0), format: 'd' },
            title: 'context length T (log scale)',
          },
          y: { field: 'logCovering', type: 'quantitative', title: 'ln N(ε)', scale: { zero: false } },
        },
      },
    });
  }
  const claim = 'At fixed weight norms the capacity of the bounded-norm head grows only logarithmically with the context length T.';
  const summary: SummaryLine[] = [
    {
      section: TITLE,
      check: `gap bound, T = 2^${Math.log2(first.T)} -> 2^${Math.log2(last.T)}`,
      value: `${formatNumber(first.rep.generalizationGap, 4)} -> ${formatNumber(last.rep.generalizationGap, 4)}`,
      verdict: 'info',
    },
  ];
  if (counting)
    summary.push({
      section: TITLE,
      check: `our bound ÷ parameter counting (d = ${setting.width}, T = ${first.T} .. ${last.T})`,
      value: `${formatNumber(1 / counting.max, 3)} .. ${formatNumber(1 / counting.min, 3)}`,
      verdict: 'info',
    });
  if (law?.pairs.length)
    summary.push({
      section: TITLE,
      check: 'log-T law: max ln N(T²)/ln N(T) (≤ 2)',
      value: `max ln N(T²)/ln N(T) = ${formatVsLimit(law.maxRatio, LOG_T_LAW_RATIO_LIMIT, 5)} over ${law.pairs.length} pairs (T, T²)`,
      verdict: law.pass ? 'pass' : 'fail',
      claim,
      criterion: `ln N(T²)/ln N(T) ≤ ${LOG_T_LAW_RATIO_LIMIT} for every pair (T, T²) of the grid, at the common radius ε (LOG_T_LAW_RATIO_LIMIT, alg-report-checks §1; a law polynomial in T exceeds it)`,
    });
  if (fits)
    summary.push({
      section: TITLE,
      check: 'ln N affine in ln T (R²)',
      value: `R² ${formatR2(fits.log.r2, nFit)} (a + b ln T) vs ${formatR2(fits.lin.r2, nFit)} (a + b T), ${nFit} points`,
      verdict: nFit < MIN_FIT_POINTS || Number.isNaN(fits.log.r2) ? 'inconclusive' : fits.log.r2 >= fits.lin.r2 || Number.isNaN(fits.lin.r2) ? 'pass' : 'fail',
      claim: 'The log covering number at a fixed radius is affine in ln T rather than in T.',
      criterion: `R² of the least-squares fit a + b ln T ≥ R² of a + b T, on ≥ ${MIN_FIT_POINTS} context lengths (fewer: inconclusive)`,
    });
  const paragraphs = [
    `The bound is evaluated at fixed weight norms while only the context length T changes, from ${first.T} to ${last.T} (${runs.length} points). The paper's claim is that capacity grows only with log T: the covering number enters through $\\ln(mT)$ alone.`,
    fits
      ? `Numerically: ln N(ε = ${formatNumber(eps as number)}) goes from ${formatNumber(ns[0] as number, 5)} to ${formatNumber(ns[ns.length - 1] as number, 5)} while T grows ${formatNumber(last.T / first.T)}-fold; an affine fit in ln T has R² = ${formatR2(fits.log.r2, nFit)} (slope ${formatNumber(fits.log.b, 4)} per unit of ln T), an affine fit in T only R² = ${formatR2(fits.lin.r2, nFit)}.` +
        (lawRows.length ? ` Squaring T multiplies ln N by at most ${formatVsLimit(ratioMax, LOG_T_LAW_RATIO_LIMIT, 5)} (the log law allows ${LOG_T_LAW_RATIO_LIMIT}).` : '')
      : 'The stored runs have no common covering radius, so the log-T law is checked on the gap only.',
  ];
  if (counting)
    paragraphs.push(
      `Beside the baselines: parameter counting (the volumetric cover of all ${counting.parameterCount} weights) does not depend on T, and at this width (d = ${setting.width}) it sits ` +
        (counting.max < 1
          ? `${formatNumber(1 / counting.max, 2)}× to ${formatNumber(1 / counting.min, 2)}× below our bound`
          : counting.min > 1
            ? `${formatNumber(counting.min, 2)}× to ${formatNumber(counting.max, 2)}× above our bound`
            : `between ${formatNumber(counting.min, 2)}× and ${formatNumber(counting.max, 2)}× our bound`) +
        ` over the whole range (ratio parameter counting / ours from T = ${first.T} to ${last.T}, computed from the table). Counting parameters is the better bound for this small head; what ours adds is that it depends on the norms and on ln T, not on the number of weights.`,
    );
  return { id: 'capacity', title: TITLE, available: true, paragraphs, tables, plots, summary };
}

/** The capacity plot's rows: our gap bound and every baseline with a finite positive value, per T. */
export function capacityPlotRows(runs: readonly { T: number; rep: BoundReport }[], baselineNames: readonly string[]): { T: number; series: string; value: number }[] {
  const rows: { T: number; series: string; value: number }[] = [];
  for (const r of runs) {
    rows.push({ T: r.T, series: 'our bound: generalization gap', value: r.rep.generalizationGap });
    for (const b of baselineNames) {
      const v = r.rep.baselines[b]?.value;
      if (v !== undefined && v > 0 && Number.isFinite(v)) rows.push({ T: r.T, series: `baseline: ${b}`, value: v });
    }
  }
  return rows;
}

/** The three cases of the worked example the README and issue 11 quote. */
export const WORKED_EXAMPLE_CASES: readonly { readonly label: string; readonly request: BoundRequest }[] = [
  { label: 'identity σ', request: WORKED_EXAMPLE_REQUEST },
  { label: '1-Lipschitz σ', request: { ...WORKED_EXAMPLE_REQUEST, valueActivation: 'lipschitz' } },
  { label: 'H = 4, identity σ', request: { ...WORKED_EXAMPLE_REQUEST, model: 'multihead', heads: 4 } },
];

/**
 * Where the naive-softmax baseline is capped: the T from which its Rademacher bound is the trivial
 * R̂ ≤ F (Dudley at zero levels), with that F and the gap it gives; null when it never is.
 */
export function naiveCap(runs: readonly { T: number; rep: BoundReport }[]): { fromT: number; rangeBound: number; value: number; expectedForm: boolean } | null {
  // The chaining step is Lemma 27.4 (first chain) or its consecutive-pairs form (lem-dudley-pairs).
  const rangeBound = (r: { rep: BoundReport }): unknown => r.rep.trace.find((t) => t.id === DUDLEY_ID || t.id === DUDLEY_PAIRS_ID)?.inputs.rangeBound;
  const capped = runs.filter((r) => {
    const b = r.rep.baselines.naiveSoftmaxT as { rademacher?: number } | undefined;
    const F = rangeBound(r);
    return b?.rademacher !== undefined && typeof F === 'number' && b.rademacher >= F;
  });
  if (capped.length === 0) return null;
  const r = capped[0];
  // The naive route takes the same margin step as the chain it sits beside.
  const expectedForm = r.rep.trace.some((t) => t.id === EXPECTED_MARGIN_BOUND_ID);
  return { fromT: r.T, rangeBound: rangeBound(r) as number, value: r.rep.baselines.naiveSoftmaxT.value, expectedForm };
}

/** Parameter-counting baseline / our gap bound over the runs (min, max), or null without that baseline. */
export function countingRatio(runs: readonly { T: number; rep: BoundReport }[]): { min: number; max: number; parameterCount: number } | null {
  const ratios = runs.filter((r) => r.rep.baselines.parameterCounting).map((r) => r.rep.baselines.parameterCounting.value / r.rep.generalizationGap);
  if (ratios.length === 0) return null;
  const pc = (runs[0].rep.baselines.parameterCounting as { parameterCount?: number }).parameterCount ?? NaN;
  return { min: Math.min(...ratios), max: Math.max(...ratios), parameterCount: pc };
}
