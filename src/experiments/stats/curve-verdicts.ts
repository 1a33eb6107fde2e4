/**
 * From stored sample-complexity searches to the learning verdicts (alg-learning-verdict): for each
 * (model, task, s) curve, per T the search's m*, its bootstrap interval over seeds at level 1 − α/K
 * (alg-bootstrap-mstar, Bonferroni over the K values of T), the model selection
 * (alg-mstar-model-selection) and the verdict. Reads rows defensively: rows stored before per-seed
 * outcomes existed get no interval and the verdict says so.
 */
import { bootstrapMstar, outcomeTableOfRow, BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, type BootstrapInterval } from './bootstrap-mstar.js';
import { learningVerdict, VERDICT_ALPHA, type LearningVerdict, type VerdictPoint } from './verdict.js';
import type { SeedOutcome } from './outcome.js';

/** Id of the verdict rule these tables apply. */
export const CURVE_VERDICTS_ID = 'alg-learning-verdict';

/** The parts of a stored search this module reads (a SampleComplexityResult, old or new). */
export interface SearchReading {
  readonly options: { readonly task: string; readonly sparsity: number; readonly required: number; readonly seeds: number; readonly mMax: number; readonly threshold: number };
  readonly rows: readonly {
    readonly model: string;
    readonly contextLength: number;
    readonly mStar: number | null;
    readonly lowerBracket: number | null;
    readonly status: string;
    readonly probes: readonly { readonly m: number; readonly successes: number; readonly outcomes?: readonly SeedOutcome[]; readonly censored?: number; readonly statisticalFailures?: number; readonly decision?: string }[];
  }[];
}

/** One T of a curve with its interval. */
export interface CurvePoint {
  readonly contextLength: number;
  readonly mStar: number | null;
  readonly status: string;
  /** Bootstrap interval (null when the row has no per-seed outcomes). */
  readonly bootstrap: BootstrapInterval | null;
  /** Optimization-censored runs over the row's probes. */
  readonly censoredRuns: number;
}

/** One curve's verdict. */
export interface CurveVerdict {
  readonly model: string;
  readonly task: string;
  readonly sparsity: number;
  readonly points: readonly CurvePoint[];
  /** Level of each per-T interval: 1 − α/K. */
  readonly perTLevel: number;
  readonly verdict: LearningVerdict | null;
  /** Why no verdict (old rows without outcomes), else null. */
  readonly missing: string | null;
}

/** Verdicts of every (model, task, s) curve in the searches (later searches override a repeated T). */
export function curveVerdicts(searches: readonly SearchReading[], o: { replicates?: number; seed?: number } = {}): CurveVerdict[] {
  const curves = new Map<string, { model: string; task: string; sparsity: number; required: number; rows: Map<number, SearchReading['rows'][number]> }>();
  for (const s of searches) {
    for (const r of s.rows) {
      const key = JSON.stringify([r.model, s.options.task, s.options.sparsity]);
      const c = curves.get(key) ?? { model: r.model, task: s.options.task, sparsity: s.options.sparsity, required: s.options.required, rows: new Map() };
      c.rows.set(r.contextLength, r);
      curves.set(key, c);
    }
  }
  const out: CurveVerdict[] = [];
  for (const c of curves.values()) {
    const rows = [...c.rows.values()].sort((a, b) => a.contextLength - b.contextLength);
    const K = rows.length;
    const perTLevel = 1 - VERDICT_ALPHA / K;
    let missing: string | null = null;
    const points: CurvePoint[] = rows.map((r) => {
      const table = outcomeTableOfRow(r, c.required);
      if (!table) missing = 'stored rows carry no per-seed outcomes (stored before alg-sample-complexity §5)';
      return {
        contextLength: r.contextLength,
        mStar: r.status === 'found' ? r.mStar : null,
        status: r.status,
        bootstrap: table ? bootstrapMstar(table, { replicates: o.replicates ?? BOOTSTRAP_REPLICATES, seed: o.seed ?? BOOTSTRAP_SEED, level: perTLevel }) : null,
        censoredRuns: r.probes.reduce((a, p) => a + (p.censored ?? 0), 0),
      };
    });
    const vps: VerdictPoint[] | null = missing ? null : points.map((p) => ({ contextLength: p.contextLength, point: p.mStar, lower: p.bootstrap!.lower, upper: p.bootstrap!.upper }));
    out.push({ model: c.model, task: c.task, sparsity: c.sparsity, points, perTLevel, verdict: vps ? learningVerdict(vps) : null, missing });
  }
  return out.sort((a, b) => a.task.localeCompare(b.task) || a.sparsity - b.sparsity || a.model.localeCompare(b.model));
}
