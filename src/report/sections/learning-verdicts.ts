/**
 * The learning section's statistics (alg-learning-verdict): the claim in one sentence; per (model,
 * task, s) m* with its bootstrap interval over seeds, the selected law of m*(T) and the verdict with its
 * rule; the counts of optimization-censored runs per (T, m); and the full experiment's committed data
 * (proofs-notes/data/full-experiment-summary.json) beside the live default run when that file exists.
 * Every figure is recomputed from stored searches (per-seed outcomes), never read from a stored verdict.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FileFormatError } from '../../core/errors.js';
import { curveVerdicts, type CurveVerdict, type SearchReading } from '../../experiments/stats/curve-verdicts.js';
import { VERDICT_EXPONENT_BOUND, VERDICT_MIN_T, VERDICT_ALPHA } from '../../experiments/stats/verdict.js';
import { SELECTION_AIC_MARGIN } from '../../experiments/stats/model-selection.js';
import type { FreshPoint } from '../../experiments/full-experiment.js';
import type { PlotSpec } from '../plot.js';
import type { Cell, ReportTable, SummaryLine } from '../types.js';

/** Id of the verdict rule the section applies. */
export const LEARNING_VERDICTS_ID = 'alg-learning-verdict';

/** The claim under test, in one sentence. */
export const LEARNING_CLAIM =
  'Claim tested (the log T capacity claim of Edelman et al., in the form proofs-notes/alg-learning-verdict.md tests): for the bounded-norm Transformer at fixed sparsity s, the number of training samples m*(T) at which runs that fit their training set generalize grows at most like a + b·ln T with a, b ≥ 0 in the context length T; the MLP on raw bits is the comparison, not part of the claim.';

/** The rule, stated as the note states it (alg-learning-verdict §3). */
export const LEARNING_RULE =
  `Rule (fixed 2026-12-01 before the data, alg-learning-verdict): per T the bootstrap interval of m* over seeds at level 1 − ${VERDICT_ALPHA}/K (K = number of T); ` +
  `[β_min, β_max] = exact range of the least-squares log-log slope over those intervals; contradicted if β_min ≥ ${VERDICT_EXPONENT_BOUND} (no a + b ln T with a, b ≥ 0 reaches that slope on T ≥ ${VERDICT_MIN_T}); ` +
  `supported if every T has m*, the AIC rule (margin ${SELECTION_AIC_MARGIN}) selects a + b ln T among a + b ln T, a + b T, a·T^b, and β_max < ${VERDICT_EXPONENT_BOUND}; inconclusive otherwise (also with < 3 T or a T < ${VERDICT_MIN_T}).`;

/** Default path of the committed full-experiment summary (relative to this module's package root). */
export function defaultFullExperimentPath(): string {
  return fileURLToPath(new URL('../../../proofs-notes/data/full-experiment-summary.json', import.meta.url));
}

/** The parts of the committed summary the section reads. */
export interface FullExperimentReading {
  readonly searches: readonly (SearchReading & { readonly group?: string })[];
  readonly fresh?: readonly FreshPoint[];
  readonly planned?: number;
  readonly stored?: number;
}

/** Read the committed summary, or null when the file does not exist. Throws FileFormatError when it is malformed. */
export function readFullExperiment(path: string): FullExperimentReading | null {
  if (!existsSync(path)) return null;
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FileFormatError(`readFullExperiment: ${path} must be JSON (got a parse error: ${(e as Error).message.split('\n')[0]})`);
  }
  const o = j as { experiment?: unknown; searches?: unknown };
  if (o?.experiment !== 'full-experiment' || !Array.isArray(o.searches))
    throw new FileFormatError(`readFullExperiment: ${path} must be a full-experiment summary (got a JSON value without experiment = "full-experiment" and a searches list)`);
  return j as FullExperimentReading;
}

const showBound = (x: number): string => (Number.isFinite(x) ? String(x) : '∞');

/** The verdict table of some curves. */
export function verdictTable(id: string, title: string, curves: readonly CurveVerdict[]): ReportTable {
  return {
    id,
    title,
    columns: ['model', 'task', 's', 'm* [bootstrap interval] per T', 'selected law', 'log-log slope range', 'verdict', 'why'],
    rows: curves.map((v): Cell[] => [
      v.model,
      v.task,
      v.sparsity,
      v.points.map((p) => `T=${p.contextLength}: ${p.mStar ?? p.status} [${p.bootstrap ? `${showBound(p.bootstrap.lower)}, ${showBound(p.bootstrap.upper)}` : 'n/a'}]`).join('; '),
      v.verdict ? (v.verdict.selection.selected ?? v.verdict.selection.status) : null,
      v.verdict?.exponentRange ? `[${fmtSlope(v.verdict.exponentRange.min)}, ${fmtSlope(v.verdict.exponentRange.max)}]` : null,
      v.verdict?.verdict ?? 'n/a',
      v.verdict?.reason ?? v.missing,
    ]),
    note: `m* is the least probed m at which the required number of fitted seeds reached the threshold; the interval is the bootstrap over seeds (alg-bootstrap-mstar) at level 1 − ${VERDICT_ALPHA}/K per T, widened by censored probes. ${LEARNING_RULE}`,
  };
}

function fmtSlope(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : x > 0 ? '∞' : '−∞';
}

/** Per probed (model, task, s, T, m): successes, statistical failures, optimization-censored runs and the decision. */
export function censoringTable(id: string, title: string, searches: readonly SearchReading[]): ReportTable {
  const rows: Cell[][] = [];
  for (const s of searches)
    for (const r of s.rows)
      for (const p of [...r.probes].sort((a, b) => a.m - b.m))
        rows.push([r.model, s.options.task, s.options.sparsity, r.contextLength, p.m, p.successes, p.statisticalFailures ?? null, p.censored ?? null, p.decision ?? null, s.options.seeds]);
  return {
    id,
    title,
    columns: ['model', 'task', 's', 'T', 'm', 'success', 'statistical failure', 'optimization-censored', 'decision', 'seeds'],
    rows,
    note: 'success = fit its training set and reached the test threshold; statistical failure = fit but did not generalize; optimization-censored = never fit within its step budget, never counted as a statistical failure. A probe is decided success if successes ≥ k, failure if successes + censored < k, else censored (alg-sample-complexity §5).',
  };
}

/** The fresh-samples steps-to-fit plot. */
export function freshPlot(fresh: readonly FreshPoint[]): PlotSpec {
  return {
    id: 'learning-fresh-steps-to-fit',
    title: 'Steps to fit against T (fresh samples every step, full experiment)',
    caption: 'Parity, fresh samples each step: the step at which each run fit (runs that never fit drawn at their budget, as triangles).',
    rows: fresh.map((f) => ({ T: f.contextLength, series: `${f.model} parity s=${f.sparsity}`, kind: f.fitStep === null ? 'censored' : 'fit', value: f.fitStep ?? f.budget })),
    spec: {
      width: 420,
      height: 240,
      mark: { type: 'point', filled: true },
      encoding: {
        x: { field: 'T', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'context length T (log scale)' },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'steps (log)' },
        color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', labelLimit: 400 } },
        shape: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['fit', 'censored'], range: ['circle', 'triangle-up'] } },
      },
    },
  };
}

/** The architecture the claim is about; the MLP on raw bits is the comparison. */
export const CLAIM_MODEL = 'transformer';

/** The rule in one line, for the verdict tables (the full text is LEARNING_RULE). */
export const LEARNING_CRITERION =
  `alg-learning-verdict (fixed before the data): pass (supported) iff m* is found at every T, the AIC rule selects a + b ln T and the largest log-log slope over the bootstrap intervals is < ${VERDICT_EXPONENT_BOUND}; ` +
  `fail (contradicted) iff the least such slope is ≥ ${VERDICT_EXPONENT_BOUND}; inconclusive otherwise (also with < 3 T or a T < ${VERDICT_MIN_T})`;

/** The verdict of a report line for a rule verdict: supported → pass, contradicted → fail. */
export function lineVerdict(v: CurveVerdict['verdict']): 'pass' | 'fail' | 'inconclusive' {
  return v?.verdict === 'supported' ? 'pass' : v?.verdict === 'contradicted' ? 'fail' : 'inconclusive';
}

/**
 * Summary lines, one per curve: the Transformer's curves are verdicts on the claim (pass / fail /
 * inconclusive); the MLP's are the comparison, shown as figures (info) with the rule's reading.
 */
export function verdictSummary(section: string, label: string, curves: readonly CurveVerdict[]): SummaryLine[] {
  return curves.map((v): SummaryLine => {
    const value = `${v.verdict?.verdict ?? 'n/a'} (${v.verdict?.reason ?? v.missing})`;
    if (v.model !== CLAIM_MODEL) return { section, check: `${label}${v.model} · ${v.task} s=${v.sparsity}: rule reading (comparison, not the claim)`, value, verdict: 'info' };
    return {
      section,
      check: `${label}${v.model} · ${v.task} s=${v.sparsity}: verdict`,
      value: `${label}${value}`,
      verdict: lineVerdict(v.verdict),
      claim: `For the bounded-norm Transformer on the sparse ${v.task} task at s = ${v.sparsity}, the number of samples m*(T) at which runs that fit their training set generalize grows at most like a + b ln T in the context length T (${label.startsWith('live') ? 'the live default run' : label ? "the full experiment's committed data" : 'this run'}).`,
      criterion: LEARNING_CRITERION,
    };
  });
}

/** Everything the section adds: paragraphs, tables, plots and summary lines. */
export function learningVerdictParts(
  section: string,
  live: readonly SearchReading[],
  fullPath: string | null,
): { paragraphs: string[]; tables: ReportTable[]; plots: PlotSpec[]; summary: SummaryLine[] } {
  const paragraphs = [LEARNING_CLAIM];
  const tables: ReportTable[] = [];
  const plots: PlotSpec[] = [];
  const summary: SummaryLine[] = [];
  if (live.length) {
    const curves = curveVerdicts(live);
    tables.push(verdictTable('learning-verdicts', 'Verdicts of the live default run (m* with bootstrap interval, selected law, verdict)', curves));
    tables.push(censoringTable('learning-censoring', 'Live default run: outcomes per (T, m) — how many runs were optimization-censored', live));
    summary.push(...verdictSummary(section, 'live: ', curves));
  }
  const full = fullPath ? readFullExperiment(fullPath) : null;
  if (full) {
    const groups = [...new Set(full.searches.map((s) => s.group ?? 'primary'))];
    const curves = groups.flatMap((g) => curveVerdicts(full.searches.filter((s) => (s.group ?? 'primary') === g)));
    paragraphs.push(
      `Beside the live run: the full experiment's committed data (proofs-notes/data/full-experiment-summary.json, scripts/full-experiment.ts${full.planned ? `; ${full.stored ?? '?'} of ${full.planned} planned units stored` : ''}), its verdicts recomputed here from the stored per-seed outcomes by the same rule.`,
    );
    tables.push(verdictTable('learning-full-verdicts', 'Verdicts of the full experiment (committed data)', curves));
    tables.push(censoringTable('learning-full-censoring', 'Full experiment: outcomes per (T, m)', full.searches));
    summary.push(...verdictSummary(section, 'full experiment: ', curves));
    if (full.fresh?.length) plots.push(freshPlot(full.fresh));
  } else {
    paragraphs.push(
      'The full experiment (scripts/full-experiment.ts: majority and AND at s = 3, T = 8..256, 5 seeds; parity s = 2, 3) has no committed data in this build (proofs-notes/data/full-experiment-summary.json is absent), so only the live default run is shown.',
    );
  }
  return { paragraphs, tables, plots, summary };
}
