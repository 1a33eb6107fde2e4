/**
 * Helpers for the construction and certifier properties: spec arbitraries, exhaustive margins through
 * the float64 reference (src/model/forward), and random models with position-only keys.
 */
import { fc } from '../../test/helpers/fc-test.js';
import { forward } from '../../src/model/forward.js';
import { targetLabel } from '../../src/model/target.js';
import { measureNorms } from '../../src/model/norms-report.js';
import { fromData } from '../../src/core/matrix.js';
import type { BooleanTarget, Model } from '../../src/model/types.js';
import { randomModel, type ModelShape } from '../arbitraries/index.js';
import type { SparseHeadNormBounds } from '../../src/constructions/norm-formulas.js';

/** Exhaustive minimum of y(b)·f(b) over all 2^T inputs (T ≤ 16), with the worst input. */
export function exhaustiveMinMargin(model: Model, target: BooleanTarget): { min: number; worst: Uint8Array } {
  const T = model.contextLength;
  if (T > 16) throw new RangeError(`exhaustiveMinMargin: T must be <= 16 (got ${T})`);
  let min = Infinity;
  let worst = new Uint8Array(T);
  const bits = new Uint8Array(T);
  for (let x = 0; x < 2 ** T; x++) {
    for (let i = 0; i < T; i++) bits[i] = (x >>> i) & 1;
    const m = targetLabel(target, bits) * forward(model, bits);
    if (m < min) {
      min = m;
      worst = bits.slice();
    }
  }
  return { min, worst };
}

/** Symmetric function names for sparsity s. */
export function arbSymmetricFn(s: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('parity', 'and', 'or', 'majority'),
    fc.integer({ min: 0, max: s + 1 }).map((k) => `threshold:${k}`),
  );
}

/** A random truth table of 2^s bits. */
export function arbTable(s: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom('0', '1'), { minLength: 2 ** s, maxLength: 2 ** s }).map((a) => a.join(''));
}

/** A truth table of 2^s bits that is not constant. */
export function arbNonConstantTable(s: number): fc.Arbitrary<string> {
  return arbTable(s).filter((t) => t.includes('0') && t.includes('1'));
}

/** (T, s) with 1 ≤ s ≤ min(maxS, T), T in [minT, maxT]. */
export function arbSizes(minT: number, maxT: number, maxS: number): fc.Arbitrary<{ T: number; s: number }> {
  return fc.integer({ min: minT, max: maxT }).chain((T) => fc.integer({ min: 1, max: Math.min(maxS, T) }).map((s) => ({ T, s })));
}

/** Support seeds and margins. */
export const arbSupportSeed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
export const arbMargin = fc.double({ min: 0.01, max: 10, noNaN: true, noDefaultInfinity: true });

/**
 * A random model with position-only keys: one [CLS] head, k = 1, readout relu/identity; then row j0 of
 * W_QK is zeroed (so q_{j0} = 0 exactly) and E_tok[1] = E_tok[0] + c·e_{j0}, making
 * (E_tok[1] − E_tok[0])·q = 0 exactly.
 */
export function positionKeyModel(shape: ModelShape, c: number): Model {
  const base = randomModel({ ...shape, layers: 0, clsHeads: 1 }, { headDim: 1, activations: ['relu', 'identity'], target: 'always', layers: 0, clsHeads: 1 });
  const d = base.width;
  const j0 = shape.seed % d < 0 ? (shape.seed % d) + d : shape.seed % d;
  const head = base.clsHeads[0];
  const wQK = Float64Array.from(head.wQK.data);
  for (let j = 0; j < d; j++) wQK[j0 * d + j] = 0;
  const token = Float64Array.from(base.embedding.token.data);
  for (let j = 0; j < d; j++) token[d + j] = token[j];
  token[d + j0] += c;
  return {
    ...base,
    embedding: { ...base.embedding, token: fromData(2, d, token) },
    clsHeads: [{ ...head, wQK: fromData(d, d, wQK) }],
  };
}

/** measured ≤ bound·(1 + 1e−9) + 1e−12 for every key of the bounds that measureNorms reports. */
export function normViolations(model: Model, bounds: SparseHeadNormBounds): string[] {
  const n = measureNorms(model);
  const h = n.clsHeads[0];
  const [r1, r2] = n.readout;
  const measured: Record<string, number> = {
    inputNorm: n.inputRowNormBound,
    qkSpectral: h.wQK.spectral,
    qkFrobenius: h.wQK.frobenius,
    qkGroup21Columns: h.wQK.group21Columns,
    qkGroup21Rows: h.wQK.group21Rows,
    valueSpectral: h.wV.spectral,
    valueGroup21Columns: h.wV.group21Columns,
    valueGroup21Rows: h.wV.group21Rows,
    readoutHiddenUnits: r1.shape[1],
    readout1Spectral: r1.spectral,
    readout1Group21Columns: r1.group21Columns,
    readout1Group21Rows: r1.group21Rows,
    readout2Spectral: r2.spectral,
    readout2Group21Columns: r2.group21Columns,
    readout2Group21Rows: r2.group21Rows,
    width: model.width,
  };
  const bad: string[] = [];
  for (const [k, v] of Object.entries(measured)) {
    const b = (bounds as unknown as Record<string, number>)[k];
    if (!(v <= b * (1 + 1e-9) + 1e-12)) bad.push(`${k}: measured ${v} > bound ${b}`);
  }
  return bad;
}
