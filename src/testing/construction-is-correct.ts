/**
 * constructionIsCorrect (attn-theory/testing): a user's construction, (T, s, target) ↦ a model file,
 * checked against the Boolean target itself (def-sparse-boolean-targets), never against weights: the
 * model must have y(b)·f(b) > 0 (or ≥ the requested margin γ) on all 2^T inputs, as certified by the
 * toolkit's certifier (certify: exact for position-only keys, alg-certify-position-keys; a sound interval
 * bound otherwise, alg-certify-interval) or, when the certifier is inconclusive and T is small, by
 * evaluating the float64 reference on every input. fast-check shrinks a failure to a small T, a small
 * support and a table with few ones.
 */
import type fc from 'fast-check';
import { z } from 'zod';
import { parseOrThrow } from '../core/zod-issue.js';
import { integerIn, positiveNumber } from '../core/zod-fields.js';
import { certify } from '../constructions/api.js';
import type { Certificate } from '../constructions/certify-exact.js';
import { checkModel } from '../model/check-model.js';
import { modelFromJson, type ModelFileJson } from '../model/format.js';
import { forward } from '../model/forward.js';
import { targetLabel } from '../model/target.js';
import type { BooleanTarget, Model } from '../model/types.js';
import { arbTarget } from './arb-target.js';
import { bitsToString } from './arb-bits.js';
import { makePropertyCheck, type PropertyCheck } from './run.js';
import { dimSpecSchema, runShape } from './options-schema.js';
import { arbDim, type DimSpec } from './arb-matrix.js';

/** What a construction is asked for. */
export interface ConstructionRequest {
  /** T: the number of input bits. */
  readonly contextLength: number;
  /** s = |I|: the support size. */
  readonly sparsity: number;
  /** The target: support I (1-based, in bit-significance order) and truth table of 2^s characters. */
  readonly target: BooleanTarget;
}

/** A construction under test: the model file (its JSON object or text, or a Model) computing the target. */
export type BuildFn = (request: ConstructionRequest) => ModelFileJson | string | Model | Promise<ModelFileJson | string | Model>;

/** Options of constructionIsCorrect (all optional). */
export interface ConstructionIsCorrectOptions {
  /** T (default 1..10; at most 64). */
  readonly contextLength?: DimSpec;
  /** Largest support size s drawn (default 4; 1..min(T, 8)). */
  readonly maxSparsity?: number;
  /** γ > 0: require y(b)·f(b) ≥ γ on every input; default: y(b)·f(b) > 0. */
  readonly margin?: number;
  /** Evaluate all 2^T inputs when the certifier is inconclusive and T ≤ this (0..20; default 16). */
  readonly exhaustiveMaxContext?: number;
  /** fast-check seed; default fast-check's own. */
  readonly seed?: number;
  /** Number of targets; default 50. */
  readonly numRuns?: number;
}

/** One case: T and the target. */
export interface ConstructionCase {
  /** T. */
  readonly contextLength: number;
  /** The target on T positions. */
  readonly target: BooleanTarget;
}

/** Default number of targets of constructionIsCorrect. */
export const CONSTRUCTION_IS_CORRECT_RUNS = 50;

const optionsSchema = z.strictObject({
  contextLength: dimSpecSchema(1, 64).optional(),
  maxSparsity: integerIn(1, 8).optional(),
  margin: positiveNumber().optional(),
  exhaustiveMaxContext: integerIn(0, 20).optional(),
  ...runShape,
});

/** The built artefact as a checked Model: JSON text, a model-file object (modelFromJson) or a Model (checkModel). */
function toModel(built: unknown): Model {
  if (typeof built === 'string') return modelFromJson(JSON.parse(built) as unknown, 'the built model file');
  if (typeof built === 'object' && built !== null && 'format' in built) return modelFromJson(built, 'the built model file');
  checkModel(built as Model, 'the built model');
  return built as Model;
}

/** min over all 2^T inputs of y(b)·f(b) through the float64 reference, with a worst input. */
function exhaustiveMargin(model: Model, target: BooleanTarget): { min: number; worst: Uint8Array } {
  const T = model.contextLength;
  const bits = new Uint8Array(T);
  let min = Infinity;
  let worst = bits.slice();
  for (let x = 0; x < 2 ** T; x++) {
    for (let i = 0; i < T; i++) bits[i] = (x >>> i) & 1;
    const m = targetLabel(target, bits) * forward(model, bits);
    if (!(m >= min)) {
      min = m;
      worst = bits.slice();
    }
  }
  return { min, worst };
}

function describeCertificate(c: Certificate | string): string {
  if (typeof c === 'string') return c;
  return `certifier ${c.method}: certified lower bound ${c.certifiedLowerBound} (float64 estimate ${c.minMargin})${c.attained ? ' (attained)' : ''}, worst input ${c.worstInput} has margin ${c.worstInputMargin}`;
}

/**
 * A property: for every generated (T, target), `build({ contextLength, sparsity, target })` returns a
 * model of context length T with y(b)·f(b) > 0 (or ≥ margin) on all 2^T inputs, certified (certify) or,
 * when the certifier is inconclusive and T ≤ exhaustiveMaxContext, checked on every input.
 * @param build - the construction under test (may be async); it gets a fresh copy of the request.
 * @param options - see ConstructionIsCorrectOptions.
 * @throws DomainError `constructionIsCorrect: <field> must be ... (got ...)` for bad options.
 */
export function constructionIsCorrect(build: BuildFn, options: ConstructionIsCorrectOptions = {}): PropertyCheck<ConstructionCase> {
  if (typeof build !== 'function') throw new TypeError(`constructionIsCorrect: build must be a function (got ${typeof build})`);
  const o = parseOrThrow(optionsSchema, options, 'constructionIsCorrect', 'options');
  const maxS = o.maxSparsity ?? 4;
  const exhaustiveMax = o.exhaustiveMaxContext ?? 16;
  const cases: fc.Arbitrary<ConstructionCase> = arbDim(o.contextLength ?? { min: 1, max: 10 }).chain((T) =>
    arbTarget(T, { maxSparsity: Math.min(T, maxS) }).map((target) => ({ contextLength: T, target })),
  );
  const run = async (c: ConstructionCase): Promise<void> => {
    const T = c.contextLength;
    const where = `T = ${T}, target support ${JSON.stringify(c.target.support)} table "${c.target.table}"`;
    let model: Model;
    try {
      model = toModel(await build({ contextLength: T, sparsity: c.target.support.length, target: structuredClone(c.target) }));
    } catch (err) {
      throw new Error(`${where}: the construction failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (model.contextLength !== T) throw new Error(`${where}: the built model has contextLength ${model.contextLength} (expected ${T})`);
    let cert: Certificate | string;
    try {
      cert = certify(model, c.target, o.margin === undefined ? {} : { requestedMargin: o.margin });
    } catch (err) {
      cert = `the certifier declined: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (typeof cert !== 'string' && cert.certified) return;
    const need = o.margin === undefined ? '> 0' : `>= ${o.margin}`;
    if (T <= exhaustiveMax) {
      const ex = exhaustiveMargin(model, c.target);
      if (o.margin === undefined ? ex.min > 0 : ex.min >= o.margin) return;
      throw new Error(`${where}: on input ${bitsToString(ex.worst)} y·f = ${ex.min} (must be ${need} on all 2^${T} inputs; ${describeCertificate(cert)})`);
    }
    throw new Error(`${where}: not certified (y·f must be ${need} on all 2^${T} inputs; ${describeCertificate(cert)}; T > exhaustiveMaxContext = ${exhaustiveMax})`);
  };
  return makePropertyCheck('constructionIsCorrect', cases, run, { ...(o.seed === undefined ? {} : { seed: o.seed }), numRuns: o.numRuns ?? CONSTRUCTION_IS_CORRECT_RUNS });
}
