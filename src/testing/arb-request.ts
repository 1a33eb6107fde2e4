/**
 * Arbitrary (attn-theory/testing): bound requests that boundRequestSchema (src/bounds/request-schema.ts,
 * def-request-schemas) accepts: every model kind, the optional fields present or absent, budgets in a
 * given range, the cross-field rule kept (valueActivation 'identity' ⇒ activationLipschitz = 1).
 * Real fields are drawn from a geometric grid of REQUEST_GRID_STEPS + 1 values per range, so that a
 * failing request shrinks in a few steps towards the first model kind, small sizes and the low end of
 * each range.
 */
import fc from 'fast-check';
import { BOUND_MODELS, type BoundRequest } from '../bounds/request-schema.js';
import { arbDim, type DimSpec } from './arb-matrix.js';

/** A model kind of a bound request. */
export type BoundModelKind = (typeof BOUND_MODELS)[number];

/** An inclusive range of finite numbers > 0. */
export interface PositiveRange {
  /** Smallest value (> 0). */
  readonly min: number;
  /** Largest value (≥ min). */
  readonly max: number;
}

/** Options of arbBoundRequest; every field has a default. */
export interface ArbBoundRequestOptions {
  /** Model kinds drawn (default all of BOUND_MODELS). */
  readonly models?: readonly BoundModelKind[];
  /** T (default 1..4096). */
  readonly contextLength?: DimSpec;
  /** d (default 1..64). */
  readonly width?: DimSpec;
  /** m (default 1..100000). */
  readonly sampleSize?: DimSpec;
  /** H for multihead and transformer requests (default 1..4; absent = 1 is also drawn). */
  readonly heads?: DimSpec;
  /** L for transformer requests (default 1..3). */
  readonly layers?: DimSpec;
  /** k (default 1..8; absent = d is also drawn). */
  readonly valueDim?: DimSpec;
  /** Range of every norm budget (default 0.25..4). */
  readonly budget?: PositiveRange;
  /** Range of B_X (default 0.25..4). */
  readonly inputNorm?: PositiveRange;
}

/** Steps of the geometric grid a range is drawn from (integers shrink in a few steps; doubles take hundreds). */
export const REQUEST_GRID_STEPS = 256;

/** A value of the geometric grid min·(max/min)^(i/REQUEST_GRID_STEPS), i = 0..REQUEST_GRID_STEPS (shrinks towards min). */
function arbIn(r: PositiveRange): fc.Arbitrary<number> {
  if (r.min === r.max) return fc.constant(r.min);
  return fc.integer({ min: 0, max: REQUEST_GRID_STEPS }).map((i) => (i === REQUEST_GRID_STEPS ? r.max : r.min * (r.max / r.min) ** (i / REQUEST_GRID_STEPS)));
}

function maybe<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(a, { nil: undefined });
}

/** The object without its undefined fields (the strict schema's optional fields are then absent). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Valid bound requests (boundRequestSchema accepts every one). Throws RangeError when `models` is empty
 * or a range is not 0 < min ≤ max (finite).
 */
export function arbBoundRequest(opts: ArbBoundRequestOptions = {}): fc.Arbitrary<BoundRequest> {
  const models = opts.models ?? BOUND_MODELS;
  if (models.length === 0) throw new RangeError('arbBoundRequest: models must name at least one model kind (got [])');
  const budget = opts.budget ?? { min: 0.25, max: 4 };
  const inputNorm = opts.inputNorm ?? { min: 0.25, max: 4 };
  for (const [name, r] of [
    ['budget', budget],
    ['inputNorm', inputNorm],
  ] as const) {
    if (!(Number.isFinite(r.min) && Number.isFinite(r.max) && r.min > 0 && r.min <= r.max))
      throw new RangeError(`arbBoundRequest: ${name} must satisfy 0 < min <= max, finite (got ${r.min}..${r.max})`);
  }
  const b = arbIn(budget);
  return fc
    .record({
      model: fc.constantFrom(...models),
      contextLength: arbDim(opts.contextLength ?? { min: 1, max: 4096 }),
      width: arbDim(opts.width ?? { min: 1, max: 64 }),
      sampleSize: arbDim(opts.sampleSize ?? { min: 1, max: 100_000 }),
      inputNorm: arbIn(inputNorm),
      valueSpectral: b,
      valueGroup21: b,
      qkGroup21: b,
      readout: b,
      qkSpectral: maybe(b),
      outputSpectral: maybe(b),
      outputGroup21: maybe(b),
      valueActivation: maybe(fc.constantFrom('identity' as const, 'lipschitz' as const)),
      activationLipschitz: arbIn({ min: 0.25, max: 2 }),
      heads: maybe(arbDim(opts.heads ?? { min: 1, max: 4 })),
      layers: maybe(arbDim(opts.layers ?? { min: 1, max: 3 })),
      valueDim: maybe(arbDim(opts.valueDim ?? { min: 1, max: 8 })),
      margin: arbIn({ min: 0.01, max: 4 }),
      delta: arbIn({ min: 0.001, max: 0.5 }),
    })
    .map((r): BoundRequest => {
      const multi = r.model === 'multihead' || r.model === 'transformer';
      const transformer = r.model === 'transformer';
      return defined({
        model: r.model,
        contextLength: r.contextLength,
        width: r.width,
        sampleSize: r.sampleSize,
        inputNorm: r.inputNorm,
        normBounds: defined({
          valueSpectral: r.valueSpectral,
          valueGroup21: r.valueGroup21,
          qkGroup21: r.qkGroup21,
          readout: r.readout,
          qkSpectral: r.qkSpectral,
          outputSpectral: transformer ? r.outputSpectral : undefined,
          outputGroup21: transformer ? r.outputGroup21 : undefined,
        }),
        activationLipschitz: r.valueActivation === 'identity' ? 1 : r.activationLipschitz,
        valueActivation: r.valueActivation,
        heads: multi ? r.heads : undefined,
        layers: transformer ? r.layers : undefined,
        valueDim: r.valueDim,
        margin: r.margin,
        delta: r.delta,
      });
    });
}
