/**
 * Run kind 'construct': build the sparse-function head for one target (src/constructions/api.ts
 * construct), certify it on all 2^T inputs (certify), record its norms, and, when the bounds are in
 * the sample size the bound implies for it: the least m with generalization gap ≤
 * targetGap at margin γ = the certified margin (alg-sweep-runner, section "implied sample size").
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { contentHash } from '../../store/canonical.js';
import type { Model } from '../../../model/types.js';
import type { RunKind } from '../kind.js';
import { buildConstruction, certify, DEFAULT_ONEHOT_MAX_CONTEXT } from '../../../constructions/api.js';
import { constructSpecShape, constructSpecRules } from '../../../constructions/spec-schema.js';
import { openUnitNumber } from '../../../core/zod-fields.js';
import { architectureFromModel, boundForArchitectureGap } from '../../../bounds/api.js';
import { invertSampleSize } from '../../../bounds/sample-size.js';

/**
 * zod schema of one construction cell: the library's construct spec fields and cross-field rules
 * (src/constructions/spec-schema.ts) without an explicit support (a cell draws it from its seed),
 * plus the implied-sample-size settings. Defaults filled: seed 0, targetGap 0.1, delta 0.05.
 */
export const constructConfigSchema = z
  .strictObject({
    fn: constructSpecShape.fn,
    contextLength: constructSpecShape.contextLength,
    sparsity: constructSpecShape.sparsity,
    /** Position codes; omitted = the constructions' default (one-hot for T ≤ 1024, compact beyond). */
    codes: constructSpecShape.codes,
    /** Construction family; omitted = symmetric when the table is symmetric, else general. */
    family: constructSpecShape.family,
    margin: constructSpecShape.margin,
    seed: constructSpecShape.seed.unwrap().default(0),
    /** Target generalization gap for the implied sample size (why 0.1: a 10% gap is a meaningful guarantee). */
    targetGap: openUnitNumber().default(0.1),
    /** Confidence δ of the implied sample size (why 0.05: the usual 95%). */
    delta: openUnitNumber().default(0.05),
  })
  .superRefine(constructSpecRules);

/** A normalized construction cell. */
export type ConstructConfig = z.output<typeof constructConfigSchema>;

/** What a construction run stores. */
export interface ConstructResult {
  readonly family: 'symmetric' | 'general';
  readonly norms: Record<string, number>;
  readonly requestedMargin: number;
  readonly certified: boolean;
  /** The certifier's proven lower bound on the exact real minimum margin (Certificate.certifiedLowerBound, rounding included). */
  readonly minMargin: number;
  readonly inputsCovered: string;
  readonly worstInput: string;
  readonly method: string;
  readonly width: number;
  /** Position codes actually used (the constructions' default when the cell leaves them open). */
  readonly codes: 'onehot' | 'compact';
  /** Least m with bound gap ≤ targetGap at γ = minMargin; null when not certified or bounds absent; Infinity-free (null when none). */
  readonly impliedSampleSize: number | null;
  /** The bound's gap at m = impliedSampleSize (null when impliedSampleSize is null). */
  readonly impliedGap: number | null;
  readonly wallSeconds: number;
}

/**
 * Least m with the bound's gap ≤ targetGap for the class whose budgets are the model's measured norms,
 * at margin γ and confidence δ: the bounds' own inversion (alg-sample-size-inversion) applied to
 * boundForArchitectureGap. Null when no m ≤ 2^50 reaches it.
 */
export function impliedSampleSize(model: Model, margin: number, delta: number, targetGap: number): { m: number; gap: number } | null {
  const arch = architectureFromModel(model);
  const gap = (m: number) => boundForArchitectureGap(arch, m, margin, delta);
  const m = invertSampleSize(gap, targetGap);
  return Number.isFinite(m) ? { m, gap: gap(m) } : null;
}

/** The position codes a cell is built with: its own, else the constructions' default for its T. */
export function codesUsed(c: Pick<ConstructConfig, 'codes' | 'contextLength'>): 'onehot' | 'compact' {
  return c.codes ?? (c.contextLength <= DEFAULT_ONEHOT_MAX_CONTEXT ? 'onehot' : 'compact');
}

/** The 'construct' run kind. */
export function constructKind(): RunKind<ConstructConfig, ConstructResult> {
  return {
    name: 'construct',
    configSchema: constructConfigSchema,
    // Codes left open hash as the codes the constructions will use, so both spellings share one run.
    hash: (c) => contentHash('construct', { ...c, codes: codesUsed(c) }),
    async runAll(configs, opts) {
      for (const c of configs) {
        if (opts.signal?.aborted) return;
        const t0 = performance.now();
        const { targetGap: _g, delta: _d, ...spec } = c;
        const built = buildConstruction(spec);
        const cert = certify(built.model, built.target);
        const implied = cert.certified && cert.certifiedLowerBound > 0 ? impliedSampleSize(built.model, cert.certifiedLowerBound, c.delta, c.targetGap) : null;
        opts.onResult(c, {
          family: built.family,
          norms: built.norms,
          requestedMargin: built.requestedMargin,
          certified: cert.certified,
          minMargin: cert.certifiedLowerBound,
          inputsCovered: cert.inputsCovered,
          worstInput: cert.worstInput,
          method: cert.method,
          width: built.model.width,
          codes: codesUsed(c),
          impliedSampleSize: implied ? implied.m : null,
          impliedGap: implied ? implied.gap : null,
          wallSeconds: (performance.now() - t0) / 1000,
        });
        await new Promise((r) => setImmediate(r));
      }
    },
    row: (c, r) => ({
      fn: c.fn,
      contextLength: c.contextLength,
      sparsity: c.sparsity,
      codes: r.codes,
      seed: c.seed,
      family: r.family,
      width: r.width,
      certified: r.certified,
      minMargin: r.minMargin,
      impliedSampleSize: r.impliedSampleSize,
      ...Object.fromEntries(Object.entries(r.norms).map(([k, v]) => [`norm:${k}`, v])),
      wallSeconds: r.wallSeconds,
    }),
    volatileFields: ['wallSeconds'],
  };
}
