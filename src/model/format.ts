/**
 * The model file format, version 1 (docs/model-format.md explains every field; the JSON Schema is
 * exported to docs/model-format.schema.json). Read with zod validation, shape checks and finiteness
 * checks; written atomically. A matrix is either nested rows (number[][]) or, for large ones,
 * { "shape": [rows, cols], "float64le": base64 of the row-major little-endian float64 bytes }.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FileFormatError, showValue } from '../core/errors.js';
import { fromData, type Matrix } from '../core/matrix.js';
import { writeFileAtomic } from '../core/files.js';
import { ACTIVATIONS } from './activations.js';
import type { Model, PositionBlock, AttentionHead, LayerHead, DenseLayer } from './types.js';
import { checkModel } from './check-model.js';

/** The `format` field every model file carries (def-model-file). */
export const MODEL_FORMAT = 'attn-theory-model';
/** The format version this toolkit writes and reads (def-model-file); other versions are refused. */
export const MODEL_FORMAT_VERSION = 1;
/** Matrices with more entries than this are written base64-encoded. */
export const DENSE_JSON_MAX_ENTRIES = 4096;

// Error texts follow the toolkit's `field must be <condition> (got <value>)` convention.
const MUST_BE_FINITE = 'must be a finite number';
const finite = z.number({ error: MUST_BE_FINITE }).refine(Number.isFinite, { error: MUST_BE_FINITE });
/** An integer >= min (sizes, columns, seeds), with a message in the toolkit's wording. */
const intAtLeast = (min: number, max?: number) => {
  const cond = max === undefined ? `an integer >= ${min}` : `an integer in ${min}..${max}`;
  const base = z
    .number({ error: `must be ${cond}` })
    .int({ error: `must be ${cond}` })
    .min(min, { error: `must be ${cond}` });
  return max === undefined ? base : base.max(max, { error: `must be ${cond}` });
};
const nestedMatrix = z.array(z.array(finite));
const packedMatrix = z.strictObject({
  /** [rows, cols]. */
  shape: z.tuple([intAtLeast(0), intAtLeast(0)]),
  /** Base64 of the rows·cols row-major little-endian float64 entries. */
  float64le: z.string(),
});
const matrixJson = z.union([nestedMatrix, packedMatrix]);
const vectorJson = z.array(finite);
const activation = z.enum(ACTIVATIONS);

const positionBlock = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Block kind: an explicit matrix. */
    kind: z.literal('dense'),
    /** The T×d block. */
    matrix: matrixJson,
  }),
  z.strictObject({
    /** Block kind: scaled basis vectors, position t+1 at column + t. */
    kind: z.literal('onehot'),
    /** Value of each row's single non-zero entry. */
    scale: finite,
    /** 0-based column of position 1 (column + T ≤ d). */
    column: intAtLeast(0),
  }),
  z.strictObject({
    /** Block kind: seeded ±scale codes (signHash, docs/model-format.md). */
    kind: z.literal('sign-hash'),
    /** Magnitude of every entry. */
    scale: finite,
    /** signHash seed, 32-bit unsigned. */
    seed: intAtLeast(0, 0xffffffff),
    /** 0-based first column (column + width ≤ d). */
    column: intAtLeast(0),
    /** Number of columns spanned (code dimension D). */
    width: intAtLeast(1),
  }),
]);

const headJson = z.strictObject({
  /** W_QK, d×d. */
  wQK: matrixJson,
  /** W_V, d×k. */
  wV: matrixJson,
  /** σ of the head (σ(0) = 0). */
  activation,
});
const layerHeadJson = z.strictObject({
  /** W_QK, d×d. */
  wQK: matrixJson,
  /** W_V, d×k. */
  wV: matrixJson,
  /** σ of the head (σ(0) = 0). */
  activation,
  /** W_C, k×d. */
  wC: matrixJson,
});
const denseJson = z.strictObject({
  /** W, in×out. */
  weight: matrixJson,
  /** b (length out) or null. */
  bias: vectorJson.nullable(),
  /** σ of the layer. */
  activation,
});

/**
 * zod strict schema of a version-1 model file (def-model-file, docs/model-format.md): unknown fields,
 * NaN and infinities are rejected. Shapes are checked after parsing, by modelFromJson.
 */
export const modelFileSchema = z.strictObject({
  /** Always MODEL_FORMAT. */
  format: z.literal(MODEL_FORMAT),
  /** Always MODEL_FORMAT_VERSION. */
  version: z.literal(MODEL_FORMAT_VERSION),
  /** T, ≥ 1. */
  contextLength: intAtLeast(1),
  /** d, ≥ 1. */
  width: intAtLeast(1),
  /** The embedding: E_tok, E_pos blocks and x_0. */
  embedding: z.strictObject({
    /** E_tok, 2×d. */
    token: matrixJson,
    /** E_pos as a list of blocks, summed. */
    position: z.array(positionBlock),
    /** x_0, the [CLS] row, length d. */
    cls: vectorJson,
  }),
  /** The self-attention layers, in order. */
  layers: z.array(
    z.strictObject({
      /** The layer's heads. */
      heads: z.array(layerHeadJson),
      /** Whether x_t is added before the projection. */
      residual: z.boolean(),
      /** R of Π_R (> 0), or null for none. */
      projectionRadius: z.number({ error: 'must be a finite number > 0 or null' }).positive({ error: 'must be a finite number > 0 or null' }).nullable(),
    }),
  ),
  /** The [CLS] heads (summed; empty = read x_0^L). */
  clsHeads: z.array(headJson),
  /** The readout MLP, at least one layer. */
  readout: z.array(denseJson).min(1),
  /** The Boolean target, when known. */
  target: z
    .strictObject({
      /** 1-based support positions I. */
      support: z.array(intAtLeast(1)),
      /** Truth table: 2^s characters '0'/'1'. */
      table: z.string(),
      /** Optional human name. */
      name: z.string().optional(),
    })
    .optional(),
  /** Free-form metadata. */
  meta: z.record(z.string(), z.unknown()).optional(),
});

/** The JSON form of a model file (what JSON.parse returns for a valid file). */
export type ModelFileJson = z.infer<typeof modelFileSchema>;
type MatrixJson = z.infer<typeof matrixJson>;

function fail(where: string, msg: string): never {
  throw new FileFormatError(`${where}: ${msg}`);
}

/** ` (got <value>)`, or nothing for an absent value. */
function gotSuffix(value: unknown): string {
  return value === undefined ? '' : ` (got ${showValue(value)})`;
}

const BASE64_RULE = 'standard base64 with padding (RFC 4648 §4: A-Z a-z 0-9 + /, = padding, no whitespace)';

/**
 * Decode the base64 of a packed matrix exactly as docs/model-format.md specifies it: the standard
 * alphabet, '=' padding to a multiple of 4 characters, no whitespace or other characters, and the
 * canonical form (the unused bits of the last character are 0). Node's decoder would silently skip a
 * stray character, accept the URL-safe alphabet and missing padding; this one names the field and the
 * first offending character instead.
 * @throws FileFormatError `<file>: <field> must be standard base64 … (<what is wrong>)`.
 */
export function decodeBase64Strict(where: string, field: string, text: string): Buffer {
  const bad = (why: string): never => fail(where, `${field} must be ${BASE64_RULE} (${why})`);
  const m = /[^A-Za-z0-9+/=]/.exec(text);
  if (m) {
    const ch = m[0];
    const what = /\s/.test(ch) ? `whitespace ${JSON.stringify(ch)}` : ch === '-' || ch === '_' ? `${JSON.stringify(ch)} of the URL-safe alphabet` : `the character ${JSON.stringify(ch)}`;
    bad(`${what} at offset ${m.index}`);
  }
  if (text.length % 4 !== 0) bad(`length ${text.length} is not a multiple of 4: missing '=' padding?`);
  const eq = text.indexOf('=');
  if (eq >= 0 && !(eq >= text.length - 2 && /^=+$/.test(text.slice(eq)))) bad(`'=' at offset ${eq} before the end`);
  const buf = Buffer.from(text, 'base64');
  if (buf.toString('base64') !== text) bad('not canonical: the unused bits of the last character must be 0');
  return buf;
}

function decodeMatrix(where: string, field: string, m: MatrixJson): Matrix {
  if (Array.isArray(m)) {
    const r = m.length;
    const c = r === 0 ? 0 : m[0].length;
    const data = new Float64Array(r * c);
    for (let i = 0; i < r; i++) {
      const ri = m[i];
      if (ri.length !== c) fail(where, `${field}: row ${i} has ${ri.length} entries, expected ${c}`);
      for (let j = 0; j < c; j++) {
        const x = ri[j];
        if (!Number.isFinite(x)) fail(where, `${field}[${i}][${j}] must be a finite number (got ${showValue(x)})`);
        data[i * c + j] = x;
      }
    }
    return fromData(r, c, data);
  }
  const [r, c] = m.shape;
  const buf = decodeBase64Strict(where, `${field}.float64le`, m.float64le);
  if (buf.length !== r * c * 8) fail(where, `${field}.float64le holds ${buf.length} bytes, expected ${r * c * 8} for shape ${r}x${c}`);
  const data = new Float64Array(r * c);
  // Copy through a DataView: the Buffer may be unaligned, and the bytes are little-endian by spec.
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < data.length; i++) {
    const x = dv.getFloat64(i * 8, true);
    if (!Number.isFinite(x)) fail(where, `${field} entry ${i} (row ${Math.floor(i / Math.max(c, 1))}) must be a finite number (got ${showValue(x)})`);
    data[i] = x;
  }
  return fromData(r, c, data);
}

function decodeVector(where: string, field: string, v: number[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) fail(where, `${field}[${i}] must be a finite number (got ${showValue(v[i])})`);
    out[i] = v[i];
  }
  return out;
}

/** Encode a matrix for JSON: nested rows when small, base64 float64le when large. */
export function encodeMatrix(m: Matrix): MatrixJson {
  if (m.rows * m.cols <= DENSE_JSON_MAX_ENTRIES) {
    const rows: number[][] = [];
    for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
    return rows;
  }
  const buf = Buffer.alloc(m.data.length * 8);
  for (let i = 0; i < m.data.length; i++) buf.writeDoubleLE(m.data[i], i * 8);
  return { shape: [m.rows, m.cols], float64le: buf.toString('base64') };
}

/**
 * Validate parsed JSON as a model file and decode it into a Model (def-model-file).
 * @param json - what JSON.parse returned for the file.
 * @param where - name used at the head of error messages (the file path, usually).
 * @throws FileFormatError naming `where` and the field at fault: wrong format or version, a schema
 *   violation, a non-finite entry, a bad base64 length, or weights whose shapes do not fit T and d.
 */
export function modelFromJson(json: unknown, where = 'model'): Model {
  // Check the format and version first, so an old or foreign file gets a precise message.
  const head = json as Record<string, unknown> | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head)) fail(where, `must be a JSON object (got ${showValue(json)})`);
  if (head.format !== MODEL_FORMAT) fail(where, `format must be "${MODEL_FORMAT}"${gotSuffix(head.format)}`);
  if (head.version !== MODEL_FORMAT_VERSION) fail(where, `version must be ${MODEL_FORMAT_VERSION}${gotSuffix(head.version)}`);
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    let issue: z.core.$ZodIssue = parsed.error.issues[0];
    let issuePath: PropertyKey[] = [...issue.path];
    // A matrix is a union (nested rows | packed): descend into the branch that got furthest, so the
    // message names the entry at fault (e.g. embedding.token[1][3]) rather than "Invalid input".
    while (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const depth = (b: z.core.$ZodIssue[]) => (b.length === 0 ? -1 : b[0].path.length);
      const branch = issue.errors.reduce((best, b) => (depth(b) > depth(best) ? b : best));
      if (branch.length === 0) break;
      issue = branch[0];
      issuePath = [...issuePath, ...issue.path];
    }
    const path = issuePath
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    let got: unknown = json;
    for (const p of issuePath) got = (got as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey];
    const sep = issue.message.startsWith('must ') ? ' ' : ': ';
    // A missing field reads `field is missing (it must be …)`: never "(got undefined)".
    if (got === undefined && issuePath.length > 0) fail(where, `${path} is missing${issue.message.startsWith('must ') ? ` (it ${issue.message})` : ''}`);
    fail(where, `${path || '(root)'}${sep}${issue.message}${gotSuffix(got)}`);
  }
  const f = parsed.data;
  const position: PositionBlock[] = f.embedding.position.map((b, i) => (b.kind === 'dense' ? { kind: 'dense', matrix: decodeMatrix(where, `embedding.position[${i}].matrix`, b.matrix) } : b));
  const decodeHead = (h: z.infer<typeof headJson>, field: string): AttentionHead => ({
    wQK: decodeMatrix(where, `${field}.wQK`, h.wQK),
    wV: decodeMatrix(where, `${field}.wV`, h.wV),
    activation: h.activation,
  });
  const model: Model = {
    contextLength: f.contextLength,
    width: f.width,
    embedding: {
      token: decodeMatrix(where, 'embedding.token', f.embedding.token),
      position,
      cls: decodeVector(where, 'embedding.cls', f.embedding.cls),
    },
    layers: f.layers.map((l, li) => ({
      heads: l.heads.map(
        (h, hi): LayerHead => ({
          ...decodeHead(h, `layers[${li}].heads[${hi}]`),
          wC: decodeMatrix(where, `layers[${li}].heads[${hi}].wC`, h.wC),
        }),
      ),
      residual: l.residual,
      projectionRadius: l.projectionRadius,
    })),
    clsHeads: f.clsHeads.map((h, i) => decodeHead(h, `clsHeads[${i}]`)),
    readout: f.readout.map(
      (l, i): DenseLayer => ({
        weight: decodeMatrix(where, `readout[${i}].weight`, l.weight),
        bias: l.bias === null ? null : decodeVector(where, `readout[${i}].bias`, l.bias),
        activation: l.activation,
      }),
    ),
    ...(f.target ? { target: f.target } : {}),
    ...(f.meta ? { meta: f.meta } : {}),
  };
  checkModel(model, where);
  return model;
}

/**
 * Convert a Model to its JSON form (def-model-file): matrices with at most DENSE_JSON_MAX_ENTRIES
 * entries as nested rows, larger ones base64 float64le.
 * @throws FileFormatError when the model's shapes do not fit (checked first: a bad model is never written).
 */
export function modelToJson(model: Model): ModelFileJson {
  checkModel(model, 'modelToJson');
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    contextLength: model.contextLength,
    width: model.width,
    embedding: {
      token: encodeMatrix(model.embedding.token),
      position: model.embedding.position.map((b) => (b.kind === 'dense' ? { kind: 'dense' as const, matrix: encodeMatrix(b.matrix) } : { ...b })),
      cls: Array.from(model.embedding.cls),
    },
    layers: model.layers.map((l) => ({
      heads: l.heads.map((h) => ({ wQK: encodeMatrix(h.wQK), wV: encodeMatrix(h.wV), activation: h.activation, wC: encodeMatrix(h.wC) })),
      residual: l.residual,
      projectionRadius: l.projectionRadius,
    })),
    clsHeads: model.clsHeads.map((h) => ({ wQK: encodeMatrix(h.wQK), wV: encodeMatrix(h.wV), activation: h.activation })),
    readout: model.readout.map((l) => ({ weight: encodeMatrix(l.weight), bias: l.bias ? Array.from(l.bias) : null, activation: l.activation })),
    ...(model.target ? { target: { ...model.target, support: [...model.target.support] } } : {}),
    ...(model.meta ? { meta: { ...model.meta } } : {}),
  };
}

/**
 * Read, validate and decode a model file (def-model-file).
 * @param path - the file to read.
 * @throws FileFormatError naming the path and the field: unreadable file, invalid JSON, or any failure of
 *   modelFromJson.
 */
export function readModelFile(path: string): Model {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FileFormatError(`${path}: cannot read model file (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FileFormatError(`${path}: invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  return modelFromJson(json, path);
}

/**
 * Write `model` to `path` as a model file, atomically (temp file + rename) (def-model-file).
 * @throws FileFormatError when the model's shapes do not fit; the file system's error when the write fails.
 */
export function writeModelFile(path: string, model: Model): void {
  writeFileAtomic(path, JSON.stringify(modelToJson(model)) + '\n');
}

/** JSON Schema (draft 2020-12) of the model file, generated from modelFileSchema (def-model-file; docs/model-format.schema.json). */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(modelFileSchema, { target: 'draft-2020-12' });
}

/** Id of the model file format's definition note: proofs-notes/def-model-file.md (docs/model-format.md). */
export const MODEL_FILE_FORMAT_ID = 'def-model-file';
