/**
 * A percentile bootstrap interval of m* over seeds (proofs-notes/alg-bootstrap-mstar.md): resample the n
 * seeds with replacement, re-decide every probed m from the drawn seeds' outcomes, and take per replicate
 * U = least m decided success (∞ if none) and L = least probed m above the largest failure below U (the
 * least m the replicate does not rule out; largest probe + 1 when none). Interval at level 1 − α:
 * [L_(⌈Bα/2⌉), U_(⌈B(1−α/2)⌉)]. Deterministic: every draw comes from createRng(seed).
 */
import { createRng, type Rng } from '../../core/rng.js';
import { domainError } from '../../core/errors.js';
import { requireInteger } from '../../core/validate.js';
import { decideProbe, type SeedOutcome } from './outcome.js';
import type { ProbeDecision } from '../bracket-search.js';

/** Id of the bootstrap (proofs-notes/alg-bootstrap-mstar.md). */
export const BOOTSTRAP_MSTAR_ID = 'alg-bootstrap-mstar';

/** Default number of bootstrap replicates. */
export const BOOTSTRAP_REPLICATES = 2000;
/** Default seed of the resampling stream (fixed before the data, note). */
export const BOOTSTRAP_SEED = 20261201;

/** The per-seed outcomes of one search: probes with outcomes of seeds 1..n (same n at every probe). */
export interface SeedOutcomeTable {
  /** The probed m (distinct, any order) with the outcomes of the same n seeds at each. */
  readonly probes: readonly {
    /** The probed training-set size m. */
    readonly m: number;
    /** Outcomes of seeds 1..n at this m, in seed order. */
    readonly outcomes: readonly SeedOutcome[];
  }[];
  /** k: successes needed among the n seeds. */
  readonly required: number;
}

/** Options of the bootstrap. */
export interface BootstrapOptions {
  /** Replicates B (default BOOTSTRAP_REPLICATES). */
  readonly replicates?: number;
  /** Seed of the resampling stream (default BOOTSTRAP_SEED). */
  readonly seed?: number;
  /** 1 − α (default 0.95). */
  readonly level?: number;
}

/** The statistic of one sample of seeds: m* lies in [lower, upper] (upper = least success, ∞ if none). */
export interface MstarBounds {
  /** L: the least probed m above the largest failure below U (largest probe + 1 when none lies above it). */
  readonly lower: number;
  /** U: the least probed m decided success, Infinity when none. */
  readonly upper: number;
  /** True when no censored decision lies between the last failure and the first success. */
  readonly resolved: boolean;
}

/** The bootstrap result. */
export interface BootstrapInterval {
  /** The statistic on the original seeds (upper = the search's m*, the least succeeding probe). */
  readonly point: MstarBounds;
  /** Lower end L_(⌈Bα/2⌉) of the interval at the level. */
  readonly lower: number;
  /** Upper end U_(⌈B(1−α/2)⌉) of the interval at the level (may be Infinity). */
  readonly upper: number;
  /** 1 − α, the level used. */
  readonly level: number;
  /** B, the replicates drawn. */
  readonly replicates: number;
  /** Seed of the resampling stream used. */
  readonly seed: number;
  /** Fraction of replicates with no censored probe between their last failure and first success. */
  readonly resolvedFraction: number;
}

/** Validate a table; throws DomainError. */
function checkTable(fn: string, t: SeedOutcomeTable): number {
  if (!Array.isArray(t.probes) || t.probes.length === 0) throw domainError(fn, 'probes', 'a non-empty list', t.probes);
  const n = t.probes[0].outcomes.length;
  requireInteger(fn, 'seeds', n, 1);
  requireInteger(fn, 'required', t.required, 1);
  for (const p of t.probes) {
    requireInteger(fn, 'm', p.m, 1);
    if (p.outcomes.length !== n) throw domainError(fn, 'outcomes', `${n} per probe (the same seeds at every m)`, p.outcomes.length);
  }
  if (new Set(t.probes.map((p) => p.m)).size !== t.probes.length)
    throw domainError(
      fn,
      'probes',
      'distinct m',
      t.probes.map((p) => p.m),
    );
  return n;
}

/** The statistic [L, U] from the decisions at ascending m (see the module comment). */
export function boundsFromDecisions(ms: readonly number[], decisions: readonly ProbeDecision[]): MstarBounds {
  let u = Infinity;
  let ui = ms.length;
  for (let i = 0; i < ms.length; i++) {
    if (decisions[i] === 'success') {
      u = ms[i];
      ui = i;
      break;
    }
  }
  let lastFail = -1;
  for (let i = 0; i < ui; i++) if (decisions[i] === 'failure') lastFail = i;
  const lower = lastFail + 1 < ms.length ? ms[lastFail + 1] : ms[ms.length - 1] + 1;
  return { lower, upper: u, resolved: lastFail + 1 === ui };
}

/** The statistic for seeds drawn with multiplicities `weights` (weights[i] = times seed i is drawn). */
export function mstarForWeights(t: SeedOutcomeTable, weights: readonly number[]): MstarBounds {
  const sorted = [...t.probes].sort((a, b) => a.m - b.m);
  const decisions = sorted.map((p) => {
    let success = 0;
    let statisticalFailure = 0;
    let censored = 0;
    p.outcomes.forEach((o, i) => {
      const w = weights[i];
      if (o === 'success') success += w;
      else if (o === 'statistical-failure') statisticalFailure += w;
      else censored += w;
    });
    return decideProbe({ success, statisticalFailure, censored }, t.required);
  });
  return boundsFromDecisions(
    sorted.map((p) => p.m),
    decisions,
  );
}

/** Draw n indices with replacement as multiplicities. */
export function drawWeights(rng: Rng, n: number): number[] {
  const w = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) w[rng.int(0, n - 1)]++;
  return w;
}

/** Order statistic with index max(1, ⌈B p⌉) of an ascending array (Infinity allowed). */
export function orderStatistic(sortedAsc: readonly number[], p: number): number {
  const i = Math.min(sortedAsc.length, Math.max(1, Math.ceil(sortedAsc.length * p - 1e-9)));
  return sortedAsc[i - 1];
}

/**
 * The percentile bootstrap interval of m* over seeds (alg-bootstrap-mstar; see the module comment).
 * @param t - the search's per-seed outcome table and k.
 * @param o - B, the resampling seed and the level 1 − α (defaults BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, 0.95).
 * @throws DomainError `bootstrapMstar: <field> must be ...` for an empty or ragged table, repeated m,
 * k or any m not an integer ≥ 1, replicates < 1, a seed that is not a safe integer or a level outside (0, 1).
 */
export function bootstrapMstar(t: SeedOutcomeTable, o: BootstrapOptions = {}): BootstrapInterval {
  const fn = 'bootstrapMstar';
  const n = checkTable(fn, t);
  const replicates = o.replicates ?? BOOTSTRAP_REPLICATES;
  requireInteger(fn, 'replicates', replicates, 1);
  const seed = o.seed ?? BOOTSTRAP_SEED;
  if (!Number.isSafeInteger(seed)) throw domainError(fn, 'seed', 'a safe integer', seed);
  const level = o.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw domainError(fn, 'level', 'in (0, 1)', level);
  const rng = createRng(seed);
  const ls: number[] = [];
  const us: number[] = [];
  let resolved = 0;
  for (let b = 0; b < replicates; b++) {
    const r = mstarForWeights(t, drawWeights(rng, n));
    ls.push(r.lower);
    us.push(r.upper);
    if (r.resolved) resolved++;
  }
  ls.sort((a, b) => a - b);
  us.sort((a, b) => a - b);
  const alpha = 1 - level;
  return {
    point: mstarForWeights(t, new Array<number>(n).fill(1)),
    lower: orderStatistic(ls, alpha / 2),
    upper: orderStatistic(us, 1 - alpha / 2),
    level,
    replicates,
    seed,
    resolvedFraction: resolved / replicates,
  };
}

/** The outcome table of one search row (alg-sample-complexity rows carry per-seed outcomes). */
export function outcomeTableOfRow(row: { readonly probes: readonly { readonly m: number; readonly outcomes?: readonly SeedOutcome[] }[] }, required: number): SeedOutcomeTable | null {
  if (row.probes.length === 0 || row.probes.some((p) => !Array.isArray(p.outcomes))) return null;
  return { probes: row.probes.map((p) => ({ m: p.m, outcomes: p.outcomes as readonly SeedOutcome[] })), required };
}
