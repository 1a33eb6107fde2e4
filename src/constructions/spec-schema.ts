/**
 * The one zod strict schema of a construct spec (con-symmetric-sparse-head / con-general-sparse-head),
 * parsed once by `construct`, the CLI `construct` and the sweep kind 'construct'. Cross-field rules
 * (the ones the constructions have always enforced): s ≤ T; the truth table / threshold fits s; the
 * support has s distinct positions in 1..T; one-hot codes need T ≤ 4096; family 'symmetric' needs a
 * symmetric table. Conditions use the paper's symbols (T, s) so the CLI can print them as they are.
 */
import { z } from 'zod';
import { AttnTheoryError } from '../core/errors.js';
import { integerIn, positiveNumber } from '../core/zod-fields.js';
import { MAX_SPARSITY, symmetricLevels, truthTable } from './targets.js';
import { MAX_ONEHOT_CONTEXT } from './sparse-head.js';

/** Position code kinds (con-compact-position-codes). */
export const CODE_KINDS = ['onehot', 'compact'] as const;
/** Construction families. */
export const FAMILIES = ['symmetric', 'general'] as const;
/** Default codes: one-hot up to this T (small dense W_QK), compact beyond. */
export const DEFAULT_ONEHOT_MAX_CONTEXT = 1024;

const FN_NAMES = 'parity|and|or|majority|threshold:K|table:BITS';

/** Fields of a construct spec (exported so the sweep kind builds its cell from the same fields). */
export const constructSpecShape = {
  /** Target function on the s support bits: parity, and, or, majority, threshold:K (fires when ≥ K ones, K in 0..s+1) or table:BITS (2^s bits '0'/'1', row Σ_j b_{i_j} 2^{s−j}); def-sparse-boolean-targets. */
  fn: z.string({ error: `one of ${FN_NAMES}` }).describe(`target function: ${FN_NAMES} (2^s bits, row Σ_j b_{i_j} 2^{s−j})`),
  /** T: context length (number of input bits), a safe integer ≥ 1. */
  contextLength: integerIn(1).describe('context length T'),
  /** s = |I|: support size, an integer in 1..min(T, MAX_SPARSITY). */
  sparsity: integerIn(1, MAX_SPARSITY).describe(`sparsity s (support size), 1..min(T, ${MAX_SPARSITY})`),
  /** I: s distinct 1-based positions in 1..T (order = bit significance); default: seededSupport(T, s, seed). */
  support: z.array(integerIn(1), { error: 'a list of positions' }).optional().describe('1-based support positions (default: random from the seed)'),
  /** 32-bit unsigned seed of the random support and of the compact position codes; default 0. */
  seed: integerIn(0, 0xffffffff).optional().describe('seed of the random support and of the compact codes (default 0)'),
  /** Position codes (one of CODE_KINDS, con-compact-position-codes); default 'onehot' for T ≤ DEFAULT_ONEHOT_MAX_CONTEXT, else 'compact'; 'onehot' needs T ≤ 4096. */
  codes: z.enum(CODE_KINDS).optional().describe(`position codes (default: onehot for T <= ${DEFAULT_ONEHOT_MAX_CONTEXT}, else compact)`),
  /** Construction family (one of FAMILIES): 'symmetric' (con-symmetric-sparse-head, needs a symmetric table) or 'general' (con-general-sparse-head); default 'symmetric' when the table depends only on the number of ones on I. */
  family: z.enum(FAMILIES).optional().describe('construction family (default: symmetric when the table depends only on the number of ones, else general)'),
  /** γ > 0: the margin the construction is built for; default DEFAULT_MARGIN = 1. */
  margin: positiveNumber().optional().describe('requested margin γ > 0 (default 1)'),
};

/** The condition of a DomainError message `fn: p must be <cond> (got v)`. */
function conditionOf(err: unknown): string {
  if (!(err instanceof AttnTheoryError)) throw err;
  return /must be (.*) \(got/.exec(err.message)?.[1] ?? 'valid';
}

/** Cross-field rules of a construct spec (shared with the sweep cell schema). */
export function constructSpecRules(c: { fn: string; contextLength: number; sparsity: number; support?: number[]; codes?: string; family?: string }, ctx: z.core.$RefinementCtx): void {
  const T = c.contextLength;
  const s = c.sparsity;
  if (s > T) {
    ctx.addIssue({ code: 'custom', path: ['sparsity'], message: `at most T = ${T}`, input: s });
    return;
  }
  let table: string | null = null;
  try {
    table = truthTable(c.fn, s);
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['fn'], message: conditionOf(err), input: c.fn });
  }
  if (c.support !== undefined) {
    if (c.support.length !== s) ctx.addIssue({ code: 'custom', path: ['support'], message: `a list of s = ${s} positions`, input: c.support });
    else if (c.support.some((p) => p > T)) ctx.addIssue({ code: 'custom', path: ['support'], message: `positions in 1..${T}`, input: c.support });
    else if (new Set(c.support).size !== s) ctx.addIssue({ code: 'custom', path: ['support'], message: 'free of duplicates', input: c.support });
  }
  if ((c.codes ?? (T <= DEFAULT_ONEHOT_MAX_CONTEXT ? 'onehot' : 'compact')) === 'onehot' && T > MAX_ONEHOT_CONTEXT) {
    ctx.addIssue({ code: 'custom', path: ['codes'], message: `compact when T > ${MAX_ONEHOT_CONTEXT} (one-hot stores a dense (T+2)x(T+2) W_QK)`, input: c.codes });
  }
  if (c.family === 'symmetric' && table !== null && symmetricLevels(table, s) === null) {
    ctx.addIssue({ code: 'custom', path: ['family'], message: "'general' for a function that is not symmetric", input: c.family });
  }
}

/** zod schema of a construct spec (strict, with the cross-field rules). */
export const constructSpecSchema = z.strictObject(constructSpecShape).superRefine(constructSpecRules);

/** A parsed construct spec. */
export type ConstructSpec = z.output<typeof constructSpecSchema>;
/** What a caller may pass to construct. */
export type ConstructSpecInput = z.input<typeof constructSpecSchema>;
