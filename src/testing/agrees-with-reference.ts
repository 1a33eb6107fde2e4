/**
 * agreesWithReference (attn-theory/testing): a user's forward pass f(model, bits) against the float64
 * reference semantics (src/model/forward.ts, def-reference-model) on generated models and inputs, within
 * a stated tolerance |f − f_ref| ≤ absolute + relative·|f_ref|. fast-check shrinks a failing case to a
 * small model (T, d, layers, heads, readout depth) and an input near all zeros.
 */
import type fc from 'fast-check';
import { z } from 'zod';
import { parseOrThrow } from '../core/zod-issue.js';
import { nonNegativeNumber } from '../core/zod-fields.js';
import { REL_TOL_FLOAT32, ABS_TOL_FLOAT32 } from '../core/tolerances.js';
import { forward } from '../model/forward.js';
import type { Model } from '../model/types.js';
import { arbBits, bitsToString } from './arb-bits.js';
import { arbModelShape, randomModel, type ArbModelOptions, type ModelShape } from './arb-model.js';
import { makePropertyCheck, type PropertyCheck } from './run.js';
import { modelOptionsSchema, runShape } from './options-schema.js';

/** A forward pass under test: the output f(b) of the model on bits b (bits[t−1] = b_t ∈ {0, 1}). */
export type ForwardFn = (model: Model, bits: Uint8Array) => number | Promise<number>;

/** An agreement tolerance: |f − f_ref| ≤ absolute + relative·|f_ref|. */
export interface Tolerance {
  /** Relative part (≥ 0). */
  readonly relative: number;
  /** Absolute part (≥ 0). */
  readonly absolute: number;
}

/** Default tolerance, for float64 implementations that only sum in another order: 1e-9 relative + 1e-9 absolute. */
export const FLOAT64_TOLERANCE: Tolerance = { relative: 1e-9, absolute: 1e-9 };

/** Tolerance for float32 implementations (tfjs, PyTorch float32): the toolkit's own tfjs export check, 2e-3 relative + 2e-4 absolute. */
export const FLOAT32_TOLERANCE: Tolerance = { relative: REL_TOL_FLOAT32, absolute: ABS_TOL_FLOAT32 };

/** Options of agreesWithReference (all optional). */
export interface AgreesWithReferenceOptions {
  /** Which models to generate (shapes, kinds, activations, norm budgets); default arbModel's defaults (T, d ≤ 6, L ≤ 2). */
  readonly models?: ArbModelOptions;
  /** Tolerance (each part optional); default FLOAT64_TOLERANCE. */
  readonly tolerance?: Partial<Tolerance>;
  /** fast-check seed; default fast-check's own. */
  readonly seed?: number;
  /** Number of cases; default 100. */
  readonly numRuns?: number;
}

/** One case: the model's shape (what shrinks), the model built from it, and the input. */
export interface ForwardCase {
  /** The structure fast-check drew (randomModel(shape, models) rebuilds the model). */
  readonly shape: ModelShape;
  /** The model given to the forward pass (a fresh copy per call). */
  readonly model: Model;
  /** The input bits. */
  readonly bits: Uint8Array;
}

const optionsSchema = z.strictObject({
  models: modelOptionsSchema.optional(),
  tolerance: z.strictObject({ relative: nonNegativeNumber().optional(), absolute: nonNegativeNumber().optional() }).optional(),
  ...runShape,
});

/** Default number of cases of agreesWithReference. */
export const AGREES_WITH_REFERENCE_RUNS = 100;

/**
 * A property: on every generated (model, bits), `forward` returns a finite number within the tolerance
 * of the float64 reference f(b) (src/model/forward.ts). A throw, NaN or infinity fails the case.
 * @param forwardFn - the implementation under test (may be async).
 * @param options - see AgreesWithReferenceOptions.
 * @throws DomainError `agreesWithReference: <field> must be ... (got ...)` for bad options.
 */
export function agreesWithReference(forwardFn: ForwardFn, options: AgreesWithReferenceOptions = {}): PropertyCheck<ForwardCase> {
  if (typeof forwardFn !== 'function') throw new TypeError(`agreesWithReference: forward must be a function (got ${typeof forwardFn})`);
  const o = parseOrThrow(optionsSchema, options, 'agreesWithReference', 'options');
  const models: ArbModelOptions = o.models ?? {};
  const tol: Tolerance = { relative: o.tolerance?.relative ?? FLOAT64_TOLERANCE.relative, absolute: o.tolerance?.absolute ?? FLOAT64_TOLERANCE.absolute };
  const cases: fc.Arbitrary<ForwardCase> = arbModelShape(models).chain((shape) => arbBits(shape.contextLength).map((bits) => ({ shape, model: randomModel(shape, models), bits })));
  const run = async (c: ForwardCase): Promise<void> => {
    const expected = forward(c.model, c.bits);
    const where = `model shape ${JSON.stringify(c.shape)}, bits "${bitsToString(c.bits)}"`;
    let actual: unknown;
    try {
      actual = await forwardFn(structuredClone(c.model), Uint8Array.from(c.bits));
    } catch (err) {
      throw new Error(`${where}: the forward pass threw ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (typeof actual !== 'number' || !Number.isFinite(actual)) throw new Error(`${where}: the forward pass returned ${String(actual)} (a finite number expected; reference ${expected})`);
    const allowed = tol.absolute + tol.relative * Math.abs(expected);
    const diff = Math.abs(actual - expected);
    if (!(diff <= allowed))
      throw new Error(`${where}: forward returned ${actual}, reference ${expected}, |diff| ${diff} > ${allowed} (absolute ${tol.absolute} + relative ${tol.relative}·|reference|)`);
  };
  return makePropertyCheck('agreesWithReference', cases, run, { ...(o.seed === undefined ? {} : { seed: o.seed }), numRuns: o.numRuns ?? AGREES_WITH_REFERENCE_RUNS });
}
