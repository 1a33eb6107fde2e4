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
  /** The search's normalized options (the fields read here). */
  readonly options: {
    /** Target family. */
    readonly task: string;
    /** s. */
    readonly sparsity: number;
    /** k, successes required among the n seeds. */
    readonly required: number;
    /** n, seeds per probe. */
    readonly seeds: number;
    /** Largest m probed. */
    readonly mMax: number;
    /** Test accuracy a fitted seed had to reach. */
    readonly threshold: number;
  };
  /** One row per (model, T). */
  readonly rows: readonly {
    /** Architecture. */
    readonly model: string;
    /** T. */
    readonly contextLength: number;
    /** m* when found, else null. */
    readonly mStar: number | null;
    /** Largest failing probe below m*, or null. */
    readonly lowerBracket: number | null;
    /** The search's status ('found', 'above-max', 'unresolved'). */
    readonly status: string;
    /** Every probe of the row. */
    readonly probes: readonly {
      /** The probed m. */
      readonly m: number;
      /** S, successes among the seeds. */
      readonly successes: number;
      /** Per-seed outcomes (absent in rows stored before alg-sample-complexity §5). */
      readonly outcomes?: readonly SeedOutcome[];
      /** C, optimization-censored seeds (absent in old rows). */
      readonly censored?: number;
      /** F, statistical failures (absent in old rows). */
      readonly statisticalFailures?: number;
      /** The probe's decision (absent in old rows). */
      readonly decision?: string;
    }[];
  }[];
}

/** One T of a curve with its interval. */
export interface CurvePoint {
  /** T. */
  readonly contextLength: number;
  /** m* when the row's status is 'found', else null. */
  readonly mStar: number | null;
  /** The row's search status. */
  readonly status: string;
  /** Bootstrap interval (null when the row has no per-seed outcomes). */
  readonly bootstrap: BootstrapInterval | null;
  /** Optimization-censored runs over the row's probes. */
  readonly censoredRuns: number;
}

/** One curve's verdict. */
export interface CurveVerdict {
  /** Architecture of the curve. */
  readonly model: string;
  /** Target family of the curve. */
  readonly task: string;
  /** s of the curve. */
  readonly sparsity: number;
  /** One point per T, ascending. */
  readonly points: readonly CurvePoint[];
  /** Level of each per-T interval: 1 − α/K. */
  readonly perTLevel: number;
  /** The learning verdict of the curve, or null when a row lacks per-seed outcomes (see missing). */
  readonly verdict: LearningVerdict | null;
  /** Why no verdict (old rows without outcomes), else null. */
  readonly missing: string | null;
}

/**
 * Verdicts of every (model, task, s) curve in the searches (later searches override a repeated T),
 * sorted by task, s, model (alg-learning-verdict, alg-bootstrap-mstar).
 * @param searches - stored searches, old or new.
 * @param o - bootstrap replicates B and resampling seed (defaults BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED).
 * @throws DomainError from bootstrapMstar or learningVerdict for malformed rows or options.
 */
export function curveVerdicts(
  searches: readonly SearchReading[],
  o: {
    /** B, bootstrap replicates per T. */
    replicates?: number;
    /** Seed of the resampling stream. */
    seed?: number;
  } = {},
): CurveVerdict[] {
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
