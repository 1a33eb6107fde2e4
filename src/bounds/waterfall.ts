/**
 * The waterfall of the bound chain (proofs-notes/alg-bound-waterfall.md): the generalization gap at one
 * request after each tightening of TIGHTENINGS is switched on in turn, from the first chain (all off) to
 * the current default (all on). A step the request disables stays off, so its row shows no change.
 */
import { parseOrThrow } from '../core/zod-issue.js';
import { boundForArchitecture, architectureFromRequest } from './api.js';
import { boundRequestSchema, type BoundRequest } from './request-schema.js';
import { TIGHTENINGS, TIGHTENING_NOTES, type TighteningName, type Tightenings } from './tightenings.js';

/** Result id of this module: proofs-notes/alg-bound-waterfall.md. */
export const BOUND_WATERFALL_ID = 'alg-bound-waterfall';

/** One row of the waterfall: the chain after `step` is switched on. */
export interface WaterfallRow {
  /** 'first chain' for row 0, else the tightening switched on at this row. */
  readonly step: 'first chain' | TighteningName;
  /** The proof note of the step (row 0: thm-margin-bound, the first chain's last step). */
  readonly note: string;
  /** Whether the step is on at this row (false: the request disabled it). */
  readonly applied: boolean;
  /** The generalization gap of the chain at this row. */
  readonly generalizationGap: number;
  /** Its bound on R̂_S. */
  readonly rademacher: number;
  /** K of the split (lem-epsilon-split): smooth ln N(ε) ≤ K/ε² of the composite cover at this row. */
  readonly smoothConstant: number;
  /** Gap of the previous row minus this row's (0 for row 0). */
  readonly gain: number;
}

function levelTightenings(count: number, disabled: readonly string[]): Tightenings {
  const off = disabled.includes('all');
  return Object.fromEntries(TIGHTENINGS.map((t, i) => [t, !off && i < count && !disabled.includes(t)])) as Record<TighteningName, boolean>;
}

/** The waterfall of an already parsed request (trusted). */
export function boundWaterfallForRequest(req: BoundRequest): WaterfallRow[] {
  const arch = architectureFromRequest(req);
  const opts = { sampleSize: req.sampleSize, margin: req.margin, delta: req.delta };
  const disabled = req.disabledTightenings ?? [];
  const rows: WaterfallRow[] = [];
  for (let i = 0; i <= TIGHTENINGS.length; i++) {
    const t = levelTightenings(i, disabled);
    const r = boundForArchitecture(arch, opts, {}, t);
    const K = r.trace.find((e) => e.id === 'lem-epsilon-split')?.value ?? 0;
    const step = i === 0 ? 'first chain' : TIGHTENINGS[i - 1];
    rows.push({
      step,
      note: i === 0 ? 'thm-margin-bound' : TIGHTENING_NOTES[TIGHTENINGS[i - 1]],
      applied: i === 0 ? true : t[TIGHTENINGS[i - 1]],
      generalizationGap: r.generalizationGap,
      rademacher: r.rademacher,
      smoothConstant: K,
      gain: i === 0 ? 0 : rows[i - 1].generalizationGap - r.generalizationGap,
    });
  }
  return rows;
}

/**
 * The gap after each tightening at a request (alg-bound-waterfall): row 0 the first chain, row i the chain
 * with the first i tightenings of TIGHTENINGS on (minus those the request disables).
 * @param input - a bound request (parsed with boundRequestSchema: unknown fields, NaN, ±Infinity rejected).
 * @throws DomainError `boundWaterfall: field must be ...` on a bad request.
 */
export function boundWaterfall(input: unknown): WaterfallRow[] {
  return boundWaterfallForRequest(parseOrThrow(boundRequestSchema, input, 'boundWaterfall', 'request'));
}
