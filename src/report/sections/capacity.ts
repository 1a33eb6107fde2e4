/**
 * Section 1, Capacity: the bound (src/bounds computeBound) against T = 2^4..2^20 at fixed norms,
 * beside the bounds' baselines, on a log-x plot; and the log-T law checked numerically on the stored
 * runs: the log covering number at a fixed radius ε should be affine in ln T (so
 * ln N(T²)/ln N(T) ≤ 2), while a polynomial law in T would make that ratio grow without bound.
 */
import { boundWaterfallForRequest } from '../../bounds/waterfall.js';
import type { SqliteRunStore, StoredRun } from '../../experiments/store/sqlite-store.js';
import type { BoundReport, BoundRequest } from '../../bounds/api.js';
import { canonicalJson } from '../../experiments/store/canonical.js';
import { fitLine } from '../../experiments/fits.js';
import type { PlotSpec } from '../plot.js';
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
  const eps = commonEps(runs);
  const logN = (r: { rep: BoundReport }) => (eps === null ? null : r.rep.logCovering.find((c) => c.eps === eps)!.value);

  const table: ReportTable = {
    id: 'capacity-bound-vs-T',
    title: `Bound against context length T (${setting.model}, d = ${setting.width}, m = ${setting.sampleSize}, γ = ${setting.margin}, δ = ${setting.delta})`,
    columns: ['T', 'log2 T', 'generalization gap', 'Rademacher', eps === null ? 'ln N(ε)' : `ln N(ε=${eps})`, 'total', 'vacuous', ...baselineNames.map((b) => `baseline: ${b}`)],
    rows: runs.map((r) => [r.T, Math.log2(r.T), r.rep.generalizationGap, r.rep.rademacher, logN(r), r.rep.total, r.rep.vacuous, ...baselineNames.map((b) => r.rep.baselines[b]?.value ?? null)]),
    note: `Norm budgets: ${Object.entries(setting.normBounds)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}; B_X = ${setting.inputNorm}, L_σ = ${setting.activationLipschitz}. Baselines: ${baselineNames.map((b) => `${b}: ${runs[0].rep.baselines[b].description}`).join('; ')}.`,
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

  const rows: Record<string, number | string>[] = [];
  for (const r of runs) {
    rows.push({ T: r.T, series: 'our bound: generalization gap', value: r.rep.generalizationGap });
    for (const b of baselineNames)
      if (r.rep.baselines[b] && r.rep.baselines[b].value > 0 && Number.isFinite(r.rep.baselines[b].value)) rows.push({ T: r.T, series: `baseline: ${b}`, value: r.rep.baselines[b].value });
  }
  const plots: PlotSpec[] = [
    {
      id: 'capacity-bound-vs-T',
      title: 'Capacity bound against T (log-x), beside the baselines',
      caption: `Generalization-gap bound at fixed norms for T = 2^${Math.log2(runs[0].T)}..2^${Math.log2(runs[runs.length - 1].T)} (m = ${setting.sampleSize}), with the bounds' baselines; both axes logarithmic.`,
      rows,
      spec: {
        title: 'Bound vs context length T',
        width: 520,
        height: 300,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'T', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'context length T (log scale)' },
          y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'bound (log scale)' },
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 1, labelLimit: 400 } },
        },
      },
    },
  ];
  if (fits) {
    plots.push({
      id: 'capacity-logN-vs-T',
      title: 'ln N(ε) against T: affine in ln T',
      caption: `Log covering number at ε = ${eps} against T (log-x): a straight line here is the log-T law. Affine fit in ln T: R² = ${fits.log.r2.toFixed(4)}; affine fit in T: R² = ${fits.lin.r2.toFixed(4)}.`,
      rows: runs.map((r, i) => ({ T: r.T, lnT: xs[i], logCovering: ns[i] as number })),
      spec: {
        title: `ln N(ε = ${eps}) vs T`,
        width: 520,
        height: 260,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'T', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'context length T (log scale)' },
          y: { field: 'logCovering', type: 'quantitative', title: 'ln N(ε)', scale: { zero: false } },
        },
      },
    });
  }
  const summary: SummaryLine[] = [
    {
      section: TITLE,
      check: `gap bound, T = 2^${Math.log2(runs[0].T)} -> 2^${Math.log2(runs[runs.length - 1].T)}`,
      value: `${runs[0].rep.generalizationGap.toPrecision(4)} -> ${runs[runs.length - 1].rep.generalizationGap.toPrecision(4)}`,
      verdict: 'info',
    },
  ];
  if (law?.pairs.length) summary.push({ section: TITLE, check: 'log-T law: max ln N(T²)/ln N(T) (≤ 2)', value: law.maxRatio.toFixed(4), verdict: law.pass ? 'pass' : 'fail' });
  if (fits)
    summary.push({
      section: TITLE,
      check: 'ln N affine in ln T (R²)',
      value: `${fits.log.r2.toFixed(4)} (vs ${fits.lin.r2.toFixed(4)} in T)`,
      verdict: fits.log.r2 >= fits.lin.r2 || Number.isNaN(fits.lin.r2) ? 'pass' : 'fail',
    });
  const paragraphs = [
    `The bound is evaluated at fixed weight norms while only the context length T changes, from ${runs[0].T} to ${runs[runs.length - 1].T} (${runs.length} points). The paper's claim is that capacity grows only with log T: the covering number enters through ln(m·T) alone.`,
    fits
      ? `Numerically: ln N(ε = ${eps}) goes from ${(ns[0] as number).toPrecision(5)} to ${(ns[ns.length - 1] as number).toPrecision(5)} while T grows ${runs[runs.length - 1].T / runs[0].T}-fold; an affine fit in ln T has R² = ${fits.log.r2.toFixed(4)} (slope ${fits.log.b.toPrecision(4)} per unit of ln T), an affine fit in T only R² = ${fits.lin.r2.toFixed(4)}.` +
        (lawRows.length ? ` Squaring T multiplies ln N by at most ${ratioMax.toFixed(4)} (the log law allows 2).` : '')
      : 'The stored runs have no common covering radius, so the log-T law is checked on the gap only.',
  ];
  return { id: 'capacity', title: TITLE, available: true, paragraphs, tables, plots, summary };
}
