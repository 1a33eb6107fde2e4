/**
 * Public API of the constructions (contract with report and experiments): targets, the two sparse-head
 * constructions, and certification over all 2^T inputs. Notes: def-sparse-boolean-targets,
 * con-symmetric-sparse-head, con-general-sparse-head, con-compact-position-codes,
 * lem-sparse-head-scales, alg-certify-position-keys, alg-certify-interval.
 */
import { domainError } from '../core/errors.js';
import { requireFinite } from '../core/validate.js';
import type { BooleanTarget, Model } from '../model/types.js';
import { makeTarget, symmetricLevels, type TargetSpec } from './targets.js';
import { buildSparseHead, MAX_ONEHOT_CONTEXT } from './sparse-head.js';
import { certifyExact, exactCertifierApplies, type Certificate } from './certify-exact.js';
import { certifyInterval } from './certify-interval.js';
import type { CodeKind, Family } from './scales.js';

export { makeTarget, type TargetSpec } from './targets.js';
export type { Certificate } from './certify-exact.js';

/** Proof-note id of the API's default choices (family and codes), documented in con-general-sparse-head. */
export const CONSTRUCTIONS_API_ID = 'con-general-sparse-head';

/** Default requested margin γ when none is given. */
export const DEFAULT_MARGIN = 1;
/** Default codes: one-hot up to this T (small dense W_QK), compact beyond. */
export const DEFAULT_ONEHOT_MAX_CONTEXT = 1024;

/** Options of `construct` beyond the target spec. */
export type ConstructSpec = TargetSpec & { codes?: CodeKind; margin?: number; family?: Family };

/** What `construct` returns. */
export interface Construction {
  readonly model: Model;
  readonly target: BooleanTarget;
  readonly family: Family;
  /** Every norm the bounds use (see con-*-sparse-head notes), plus R, λ_off, γ_out, d. */
  readonly norms: Record<string, number>;
  readonly requestedMargin: number;
}

/**
 * Build a certified sparse head for the target. family defaults to 'symmetric' when the truth table
 * depends only on the number of ones on I, else 'general'; codes default to one-hot for T ≤ 1024.
 * Throws DomainError for a bad spec (s = 0, s > T, bad support, bad table, unknown fn, margin ≤ 0,
 * one-hot with T > 4096, family 'symmetric' for a non-symmetric table).
 */
export function construct(spec: ConstructSpec): Construction {
  const margin = spec.margin ?? DEFAULT_MARGIN;
  requireFinite('construct', 'margin', margin);
  if (!(margin > 0)) throw domainError('construct', 'margin', 'a finite number > 0', margin);
  const target = makeTarget(spec);
  const s = target.support.length;
  const family: Family = spec.family ?? (symmetricLevels(target.table, s) !== null ? 'symmetric' : 'general');
  const codes: CodeKind = spec.codes ?? (spec.contextLength <= DEFAULT_ONEHOT_MAX_CONTEXT ? 'onehot' : 'compact');
  if (codes === 'onehot' && spec.contextLength > MAX_ONEHOT_CONTEXT) {
    throw domainError('construct', 'codes', `'compact' when T > ${MAX_ONEHOT_CONTEXT} (one-hot needs a dense (T+2)×(T+2) W_QK)`, codes);
  }
  const built = buildSparseHead(target, spec.contextLength, { family, codes, margin, codeSeed: (spec.seed ?? 0) >>> 0 });
  return { model: built.model, target, family, norms: built.norms, requestedMargin: margin };
}

/** Options of `certify`. */
export interface CertifyOptions {
  /** γ to certify; defaults to the model's meta.requestedMargin, else "> 0". */
  readonly requestedMargin?: number;
  /** Force a method; default: exact when it applies, else interval. */
  readonly method?: 'exact-position-keys' | 'interval';
}

/**
 * Certify the model on all 2^T inputs against a target (default: the model's stored target). Exact
 * for position-only keys (alg-certify-position-keys), sound interval bound otherwise
 * (alg-certify-interval). Throws DomainError when there is no target or it does not fit the model.
 */
export function certify(model: Model, target?: BooleanTarget, opts: CertifyOptions = {}): Certificate {
  const t = target ?? model.target;
  if (!t) throw domainError('certify', 'target', 'given (the model stores none)', undefined);
  const metaMargin = model.meta?.requestedMargin;
  const requested = opts.requestedMargin ?? (typeof metaMargin === 'number' && metaMargin > 0 ? metaMargin : undefined);
  const method = opts.method ?? (exactCertifierApplies(model) ? 'exact-position-keys' : 'interval');
  return method === 'exact-position-keys' ? certifyExact(model, t, requested) : certifyInterval(model, t, requested);
}
