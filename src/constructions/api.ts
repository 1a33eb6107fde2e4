/**
 * Public API of the constructions (contract with report and experiments): targets, the two sparse-head
 * constructions, and certification over all 2^T inputs. Notes: def-sparse-boolean-targets,
 * con-symmetric-sparse-head, con-general-sparse-head, con-compact-position-codes,
 * lem-sparse-head-scales, alg-certify-position-keys, alg-certify-interval.
 * `construct` and `certify` parse their input once (spec-schema.ts, certify-options-schema.ts); the
 * builders below trust the parsed types.
 */
import { DomainError, domainError } from '../core/errors.js';
import { parseOrThrow } from '../core/zod-issue.js';
import type { BooleanTarget, Model } from '../model/types.js';
import { seededSupport, symmetricLevels, truthTable } from './targets.js';
import { buildSparseHead } from './sparse-head.js';
import { certifyExact, exactCertifierObstacle, type Certificate } from './certify-exact.js';
import { certifyInterval } from './certify-interval.js';
import type { CodeKind, Family } from './scales.js';
import { constructSpecSchema, DEFAULT_ONEHOT_MAX_CONTEXT, type ConstructSpec } from './spec-schema.js';
import { certifyOptionsSchema, type CertifyOptions } from './certify-options-schema.js';

export { makeTarget, type TargetSpec } from './targets.js';
export type { Certificate } from './certify-exact.js';
export { DEFAULT_ONEHOT_MAX_CONTEXT, constructSpecSchema, type ConstructSpec, type ConstructSpecInput } from './spec-schema.js';
export { certifyOptionsSchema, CERTIFY_METHODS, type CertifyOptions, type CertifyOptionsInput } from './certify-options-schema.js';

/** Proof-note id of the API's default choices (family and codes), documented in con-general-sparse-head. */
export const CONSTRUCTIONS_API_ID = 'con-general-sparse-head';

/** Default requested margin γ when none is given. */
export const DEFAULT_MARGIN = 1;

/** What `construct` returns. */
export interface Construction {
  /** The constructed model: one [CLS] head, no self-attention layers; target and meta (family, codes, requestedMargin, codeSeed, ...) set. */
  readonly model: Model;
  /** The Boolean target (support I, truth table, name) the model is built for. */
  readonly target: BooleanTarget;
  /** The family used: the spec's, or the default ('symmetric' when the table is symmetric, else 'general'). */
  readonly family: Family;
  /** Every norm the bounds use (see con-*-sparse-head notes), plus R, λ_off, γ_out, d. */
  readonly norms: Record<string, number>;
  /** γ the model was built for: the spec's margin or DEFAULT_MARGIN (also in model.meta.requestedMargin, certify's default). */
  readonly requestedMargin: number;
}

/**
 * Build a certified sparse head for the target. family defaults to 'symmetric' when the truth table
 * depends only on the number of ones on I, else 'general'; codes default to one-hot for T ≤ 1024.
 * `input` is parsed with constructSpecSchema (strict).
 * @throws DomainError `construct: field must be ...` for a bad spec (unknown field, s = 0, s > T, bad
 * support, bad table, unknown fn, margin ≤ 0, one-hot with T > 4096, 'symmetric' for a non-symmetric table).
 */
export function construct(input: unknown): Construction {
  return buildConstruction(parseOrThrow(constructSpecSchema, input, 'construct', 'spec'));
}

/** `construct` for an already parsed spec (the sweep kind 'construct'); trusts `spec`. */
export function buildConstruction(spec: ConstructSpec): Construction {
  const margin = spec.margin ?? DEFAULT_MARGIN;
  const T = spec.contextLength;
  const s = spec.sparsity;
  const table = truthTable(spec.fn, s);
  const target: BooleanTarget = { support: spec.support ? [...spec.support] : seededSupport(T, s, spec.seed ?? 0), table, name: spec.fn.startsWith('table:') ? 'table' : spec.fn };
  const family: Family = spec.family ?? (symmetricLevels(table, s) !== null ? 'symmetric' : 'general');
  const codes: CodeKind = spec.codes ?? (T <= DEFAULT_ONEHOT_MAX_CONTEXT ? 'onehot' : 'compact');
  const built = buildSparseHead(target, T, { family, codes, margin, codeSeed: (spec.seed ?? 0) >>> 0 });
  return { model: built.model, target, family, norms: built.norms, requestedMargin: margin };
}

/**
 * Certify the model on all 2^T inputs against a target (default: the model's stored target). Exact
 * for position-only keys (alg-certify-position-keys), sound interval bound otherwise
 * (alg-certify-interval). `opts` is parsed with certifyOptionsSchema (method exact-position-keys|interval).
 * @throws DomainError for bad options, method 'exact-position-keys' on a model it does not apply to,
 * no target, or a target that does not fit the model.
 */
export function certify(model: Model, target?: BooleanTarget, opts: unknown = {}): Certificate {
  const o: CertifyOptions = parseOrThrow(certifyOptionsSchema, opts, 'certify', 'options');
  const t = target ?? model.target;
  if (!t) throw new DomainError('certify: target must be given (the model stores none)');
  const metaMargin = model.meta?.requestedMargin;
  const requested = o.requestedMargin ?? (typeof metaMargin === 'number' && metaMargin > 0 ? metaMargin : undefined);
  const obstacle = exactCertifierObstacle(model);
  if (o.method === 'exact-position-keys' && obstacle !== null) throw domainError('certify', 'method', `interval for this model (${obstacle})`, o.method);
  const method = o.method ?? (obstacle === null ? 'exact-position-keys' : 'interval');
  return method === 'exact-position-keys' ? certifyExact(model, t, requested) : certifyInterval(model, t, requested);
}
