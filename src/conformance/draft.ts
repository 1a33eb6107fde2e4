/**
 * Mutable copies of a conformance case for the shrinker's edits: a candidate is built by cloning the
 * current case and editing the clone, so the case being shrunk is never mutated.
 */
import { fromData, zeros, type Matrix } from '../core/matrix.js';
import type { Model } from '../model/types.js';
import type { ConformanceCase } from './generate.js';

/** T with every readonly removed, recursively (typed arrays kept as they are). */
export type DeepMutable<T> = T extends Float64Array ? Float64Array : T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

/** A model the shrinker may edit in place. */
export type DraftModel = DeepMutable<Model>;
/** A case the shrinker may edit in place. */
export type DraftCase = { model: DraftModel; inputs: string[]; encoding: ConformanceCase['encoding'] };

/** A deep copy of a case, editable. */
export function cloneCase(c: ConformanceCase): DraftCase {
  return { model: structuredClone(c.model) as DraftModel, inputs: [...c.inputs], encoding: c.encoding };
}

/** The matrix without row i. */
export function dropRow(m: Matrix, i: number): Matrix {
  const data = new Float64Array((m.rows - 1) * m.cols);
  data.set(m.data.subarray(0, i * m.cols), 0);
  data.set(m.data.subarray((i + 1) * m.cols), i * m.cols);
  return fromData(m.rows - 1, m.cols, data);
}

/** The matrix without column j. */
export function dropCol(m: Matrix, j: number): Matrix {
  const out = zeros(m.rows, m.cols - 1);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0, o = 0; c < m.cols; c++) if (c !== j) out.data[r * out.cols + o++] = m.data[r * m.cols + c];
  }
  return out;
}

/** The first `rows` rows of m, zero rows appended when m has fewer. */
export function fitRows(m: Matrix, rows: number): Matrix {
  const out = zeros(rows, m.cols);
  out.data.set(m.data.subarray(0, Math.min(rows, m.rows) * m.cols));
  return out;
}

/** The vector without entry i. */
export function dropEntry(v: Float64Array, i: number): Float64Array {
  return Float64Array.from([...v.subarray(0, i), ...v.subarray(i + 1)]);
}

/**
 * Every array of weights of a model, in a fixed order (token, dense position blocks, cls, layer heads'
 * W_QK W_V W_C, [CLS] heads' W_QK W_V, readout weights and biases): views the shrinker zeroes or rounds.
 */
export function weightArrays(m: DraftModel): Float64Array[] {
  const out: Float64Array[] = [m.embedding.token.data];
  for (const b of m.embedding.position) if (b.kind === 'dense') out.push(b.matrix.data);
  out.push(m.embedding.cls);
  for (const l of m.layers) for (const h of l.heads) out.push(h.wQK.data, h.wV.data, h.wC.data);
  for (const h of m.clsHeads) out.push(h.wQK.data, h.wV.data);
  for (const r of m.readout) {
    out.push(r.weight.data);
    if (r.bias) out.push(r.bias);
  }
  return out;
}
