/**
 * Shape and finiteness checks of a Model, shared by building, reading and writing. Each failure is a
 * FileFormatError `where: field ... (got ...)`, naming the weight whose shape does not fit.
 */
import { FileFormatError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { checkTarget } from './target.js';
import type { Model } from './types.js';

function fail(where: string, msg: string): never {
  throw new FileFormatError(`${where}: ${msg}`);
}

function shape(where: string, field: string, m: Matrix, rows: number | null, cols: number | null): void {
  if ((rows !== null && m.rows !== rows) || (cols !== null && m.cols !== cols)) {
    fail(where, `${field} must be ${rows ?? 'any'}x${cols ?? 'any'} (got ${m.rows}x${m.cols})`);
  }
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) fail(where, `${field} entry ${i} must be a finite number (got ${m.data[i]})`);
  }
}

/**
 * Check a Model's shapes and entries (def-model-file): T, d ≥ 1; E_tok 2×d; position blocks within d;
 * W_QK d×d, W_V d×k, W_C k×d; readout chained from k (or d) to 1 output; every entry finite; the target
 * valid for T.
 * @param where - name at the head of the message (a path, or the calling function).
 * @throws FileFormatError `where: field ... (got ...)` naming the first weight or field at fault.
 */
export function checkModel(model: Model, where: string): void {
  const T = model.contextLength;
  const d = model.width;
  if (!Number.isSafeInteger(T) || T < 1) fail(where, `contextLength must be an integer >= 1 (got ${T})`);
  if (!Number.isSafeInteger(d) || d < 1) fail(where, `width must be an integer >= 1 (got ${d})`);
  const e = model.embedding;
  shape(where, 'embedding.token', e.token, 2, d);
  if (e.cls.length !== d) fail(where, `embedding.cls must have length d = ${d} (got ${e.cls.length})`);
  for (let i = 0; i < d; i++) if (!Number.isFinite(e.cls[i])) fail(where, `embedding.cls[${i}] must be a finite number (got ${e.cls[i]})`);
  e.position.forEach((b, i) => {
    const f = `embedding.position[${i}]`;
    if (b.kind === 'dense') shape(where, `${f}.matrix`, b.matrix, T, d);
    else if (b.kind === 'onehot') {
      if (!Number.isFinite(b.scale)) fail(where, `${f}.scale must be a finite number (got ${b.scale})`);
      if (b.column + T > d) fail(where, `${f}: onehot codes need column + T <= d = ${d} (got ${b.column} + ${T})`);
    } else {
      if (!Number.isFinite(b.scale)) fail(where, `${f}.scale must be a finite number (got ${b.scale})`);
      if (b.column + b.width > d) fail(where, `${f}: sign-hash codes need column + width <= d = ${d} (got ${b.column} + ${b.width})`);
    }
  });
  model.layers.forEach((l, li) => {
    if (l.projectionRadius !== null && !(l.projectionRadius > 0 && Number.isFinite(l.projectionRadius))) {
      fail(where, `layers[${li}].projectionRadius must be a finite number > 0 or null (got ${l.projectionRadius})`);
    }
    l.heads.forEach((h, hi) => {
      const f = `layers[${li}].heads[${hi}]`;
      shape(where, `${f}.wQK`, h.wQK, d, d);
      shape(where, `${f}.wV`, h.wV, d, null);
      shape(where, `${f}.wC`, h.wC, h.wV.cols, d);
    });
  });
  let k: number | null = null;
  model.clsHeads.forEach((h, hi) => {
    const f = `clsHeads[${hi}]`;
    shape(where, `${f}.wQK`, h.wQK, d, d);
    shape(where, `${f}.wV`, h.wV, d, k);
    k = h.wV.cols;
  });
  let inDim: number = k ?? d;
  if (model.readout.length === 0) fail(where, 'readout must have at least one layer (got 0)');
  model.readout.forEach((l, i) => {
    shape(where, `readout[${i}].weight`, l.weight, inDim, null);
    if (l.bias) {
      if (l.bias.length !== l.weight.cols) fail(where, `readout[${i}].bias must have length ${l.weight.cols} (got ${l.bias.length})`);
      for (let j = 0; j < l.bias.length; j++) if (!Number.isFinite(l.bias[j])) fail(where, `readout[${i}].bias[${j}] must be a finite number (got ${l.bias[j]})`);
    }
    inDim = l.weight.cols;
  });
  if (inDim !== 1) fail(where, `readout must end in 1 output (got ${inDim})`);
  if (model.target) {
    try {
      checkTarget(where, 'target', model.target, T);
    } catch (err) {
      fail(where, (err as Error).message.replace(`${where}: `, ''));
    }
  }
}
