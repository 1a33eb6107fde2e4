/**
 * Shared arbitrary: a finite float64 Matrix (src/core/matrix.ts) built from a fast-check float array,
 * so failures shrink entry by entry. Used by the norm, softmax and bound property suites.
 */
import fc from 'fast-check';
import { fromData, type Matrix } from '../core/matrix.js';

/** A dimension: a fixed size, or an inclusive range {min, max} that fast-check picks and shrinks. */
export type DimSpec =
  | number
  | {
      /** Smallest value. */
      readonly min: number;
      /** Largest value (≥ min). */
      readonly max: number;
    };

/** Options of arbMatrix. */
export interface ArbMatrixOptions {
  /** Row count (default 1..6). */
  readonly rows?: DimSpec;
  /** Column count (default 1..6). */
  readonly cols?: DimSpec;
  /** Entries lie in [−scale, scale] (default 10); must be finite and > 0. */
  readonly scale?: number;
}

/** fast-check integer arbitrary for a DimSpec (shrinks towards min). */
export function arbDim(spec: DimSpec): fc.Arbitrary<number> {
  return typeof spec === 'number' ? fc.constant(spec) : fc.integer({ min: spec.min, max: spec.max });
}

/**
 * A rows×cols matrix of finite doubles in [−scale, scale] (no NaN, no infinities; ±0 and subnormals
 * included). Throws (at build time) when scale is not finite and > 0.
 */
export function arbMatrix(opts: ArbMatrixOptions = {}): fc.Arbitrary<Matrix> {
  const scale = opts.scale ?? 10;
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`arbMatrix: scale must be a finite number > 0 (got ${scale})`);
  return fc
    .tuple(arbDim(opts.rows ?? { min: 1, max: 6 }), arbDim(opts.cols ?? { min: 1, max: 6 }))
    .chain(([rows, cols]) =>
      fc.float64Array({ minLength: rows * cols, maxLength: rows * cols, min: -scale, max: scale, noNaN: true, noDefaultInfinity: true }).map((data) => fromData(rows, cols, Float64Array.from(data))),
    );
}

/** A vector (Float64Array) of finite doubles in [−scale, scale], length from a DimSpec. */
export function arbVector(length: DimSpec, scale = 10): fc.Arbitrary<Float64Array> {
  return arbDim(length).chain((n) => fc.float64Array({ minLength: n, maxLength: n, min: -scale, max: scale, noNaN: true, noDefaultInfinity: true }).map((v) => Float64Array.from(v)));
}
