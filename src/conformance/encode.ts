/**
 * A model as the JSON of a request (docs/conformance.md): the model file of docs/model-format.md with
 * every matrix in one chosen encoding, so the runner exercises both encodings a reader must accept.
 */
import { toRows, type Matrix } from '../core/matrix.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, modelToJson, type ModelFileJson } from '../model/format.js';
import type { Model } from '../model/types.js';

/** How the matrices of a request are written: nested rows, or packed base64 float64le. */
export type MatrixEncoding = 'nested' | 'packed';

/** The packed matrix encoding of docs/model-format.md. */
export interface PackedMatrixJson {
  /** [rows, cols]. */
  shape: [number, number];
  /** Base64 of the rows·cols row-major little-endian float64 entries. */
  float64le: string;
}

/** One matrix in the chosen encoding (packed: base64 of the row-major little-endian float64 entries). */
export function encodeMatrixAs(m: Matrix, encoding: MatrixEncoding): number[][] | PackedMatrixJson {
  if (encoding === 'nested') return toRows(m);
  const buf = Buffer.alloc(m.data.length * 8);
  for (let i = 0; i < m.data.length; i++) buf.writeDoubleLE(m.data[i], i * 8);
  return { shape: [m.rows, m.cols], float64le: buf.toString('base64') };
}

/**
 * The model file JSON of a model with every matrix in `encoding`.
 * @throws FileFormatError when the model's shapes do not fit (modelToJson checks them first).
 */
export function modelToRequestJson(model: Model, encoding: MatrixEncoding): ModelFileJson {
  const base = modelToJson(model); // checks the model; its matrices are replaced below
  const enc = (m: Matrix) => encodeMatrixAs(m, encoding);
  return {
    ...base,
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    embedding: {
      token: enc(model.embedding.token),
      position: model.embedding.position.map((b) => (b.kind === 'dense' ? { kind: 'dense' as const, matrix: enc(b.matrix) } : { ...b })),
      cls: Array.from(model.embedding.cls),
    },
    layers: model.layers.map((l) => ({
      heads: l.heads.map((h) => ({ wQK: enc(h.wQK), wV: enc(h.wV), activation: h.activation, wC: enc(h.wC) })),
      residual: l.residual,
      projectionRadius: l.projectionRadius,
    })),
    clsHeads: model.clsHeads.map((h) => ({ wQK: enc(h.wQK), wV: enc(h.wV), activation: h.activation })),
    readout: model.readout.map((l) => ({ weight: enc(l.weight), bias: l.bias ? Array.from(l.bias) : null, activation: l.activation })),
  };
}
