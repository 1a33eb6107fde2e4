/**
 * A dense row-major float64 matrix and the few operations the reference semantics need. Pure
 * functions: inputs are never mutated; every result is a new matrix.
 */
import { shapeError, domainError } from './errors.js';

/** A rows×cols float64 matrix stored row-major: entry (i, j) is data[i * cols + j] (def-reference-model). */
export interface Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The rows·cols entries, row-major. */
  readonly data: Float64Array;
}

/** A matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  if (!Number.isSafeInteger(rows) || rows < 0) throw domainError('zeros', 'rows', 'an integer >= 0', rows);
  if (!Number.isSafeInteger(cols) || cols < 0) throw domainError('zeros', 'cols', 'an integer >= 0', cols);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Wrap a Float64Array (not copied) as a rows×cols matrix.
 * @param rows - number of rows.
 * @param cols - number of columns.
 * @param data - rows·cols entries, row-major; the matrix shares this buffer.
 * @throws ShapeError when data.length ≠ rows·cols.
 */
export function fromData(rows: number, cols: number, data: Float64Array): Matrix {
  if (data.length !== rows * cols) throw shapeError('fromData', `data length must be rows*cols = ${rows * cols}`, String(data.length));
  return { rows, cols, data };
}

/**
 * Build a matrix from nested rows (copied); all rows must have the same length.
 * @param rows - the rows, row i = entries (i, 0..cols−1).
 * @throws ShapeError when the rows differ in length.
 */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw shapeError('fromRows', `row ${i} must have ${c} entries`, String(rows[i].length));
    for (let j = 0; j < c; j++) data[i * c + j] = rows[i][j];
  }
  return { rows: r, cols: c, data };
}

/** Nested rows (plain arrays, copied) of a matrix. */
export function toRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

/** The n×n identity. */
export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Entry (i, j). */
export function get(a: Matrix, i: number, j: number): number {
  return a.data[i * a.cols + j];
}

/** Row i as a view (subarray, not a copy: do not mutate). */
export function row(a: Matrix, i: number): Float64Array {
  return a.data.subarray(i * a.cols, (i + 1) * a.cols);
}

/** Column j as a new array. */
export function column(a: Matrix, j: number): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}

/** A·B (ikj loop order, cache friendly). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw shapeError('matmul', 'inner dimensions must agree', `${a.rows}x${a.cols} · ${b.rows}x${b.cols}`);
  const n = a.rows,
    k = a.cols,
    m = b.cols;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const oi = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a.data[i * k + p];
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) out[oi + j] += aip * b.data[bp + j];
    }
  }
  return { rows: n, cols: m, data: out };
}

/** A·v for a vector v of length A.cols. */
export function matVec(a: Matrix, v: ArrayLike<number>): Float64Array {
  if (v.length !== a.cols) throw shapeError('matVec', `vector length must be ${a.cols}`, String(v.length));
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const o = i * a.cols;
    for (let j = 0; j < a.cols; j++) s += a.data[o + j] * v[j];
    out[i] = s;
  }
  return out;
}

/** vᵀ·A (equivalently Aᵀ·v) for a vector v of length A.rows. */
export function vecMat(v: ArrayLike<number>, a: Matrix): Float64Array {
  if (v.length !== a.rows) throw shapeError('vecMat', `vector length must be ${a.rows}`, String(v.length));
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const o = i * a.cols;
    for (let j = 0; j < a.cols; j++) out[j] += vi * a.data[o + j];
  }
  return out;
}

/** A + B. */
export function add(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw shapeError('add', 'shapes must agree', `${a.rows}x${a.cols} + ${b.rows}x${b.cols}`);
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] + b.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** c·A. */
export function scale(a: Matrix, c: number): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = c * a.data[i];
  return { rows: a.rows, cols: a.cols, data: out };
}

/** Inner product of two vectors of the same length. */
export function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  if (u.length !== v.length) throw shapeError('dot', 'vectors must have the same length', `${u.length} vs ${v.length}`);
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** Largest absolute entry of A − B (shapes must agree). */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw shapeError('maxAbsDiff', 'shapes must agree', `${a.rows}x${a.cols} vs ${b.rows}x${b.cols}`);
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}
