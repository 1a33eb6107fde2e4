/**
 * The runner's cases (docs/conformance.md, "Cases"): random valid models of random shapes and weight
 * scales, with a batch of inputs, each case a pure function of (seed, index) through the toolkit's
 * seeded xoroshiro128+ (pure-rand).
 */
import { zeros, type Matrix } from '../core/matrix.js';
import { createRng, type Rng } from '../core/rng.js';
import { ACTIVATIONS, type Activation } from '../model/activations.js';
import { fmix32 } from '../model/position-codes.js';
import type { AttentionHead, DenseLayer, LayerHead, Model, PositionBlock, SelfAttentionLayer } from '../model/types.js';
import type { MatrixEncoding } from './encode.js';

/** One conformance case: a model, its inputs (bit strings, character t−1 = b_t) and the matrix encoding sent. */
export interface ConformanceCase {
  /** The model (valid: checkModel passes). */
  readonly model: Model;
  /** Non-empty list of bit strings of length T. */
  readonly inputs: readonly string[];
  /** How the request writes the model's matrices. */
  readonly encoding: MatrixEncoding;
}

/** Largest T a generated case has. */
export const CASE_MAX_CONTEXT = 8;
/** Largest d a generated case has. */
export const CASE_MAX_WIDTH = 6;
/** Largest number of inputs in one case's batch. */
export const CASE_MAX_INPUTS = 8;

function gaussian(rng: Rng, rows: number, cols: number, scale: number): Matrix {
  const m = zeros(rows, cols);
  const c = scale / Math.sqrt(rows);
  for (let i = 0; i < m.data.length; i++) m.data[i] = c * rng.normal();
  return m;
}

function gaussianVector(rng: Rng, n: number, scale: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = scale * rng.normal();
  return v;
}

const pickActivation = (rng: Rng): Activation => ACTIVATIONS[rng.int(0, ACTIVATIONS.length - 1)];

function positionBlocks(rng: Rng, T: number, d: number, scale: number): PositionBlock[] {
  const out: PositionBlock[] = [];
  const n = rng.int(1, 2);
  for (let i = 0; i < n; i++) {
    const kinds: PositionBlock['kind'][] = d >= T ? ['dense', 'onehot', 'sign-hash'] : ['dense', 'sign-hash'];
    const kind = kinds[rng.int(0, kinds.length - 1)];
    if (kind === 'dense') out.push({ kind, matrix: gaussian(rng, T, d, scale * Math.sqrt(T)) });
    else if (kind === 'onehot') out.push({ kind, scale: scale * (0.5 + 1.5 * rng.float()), column: rng.int(0, d - T) });
    else {
      const width = rng.int(1, d);
      out.push({ kind, scale: (scale * (0.5 + 1.5 * rng.float())) / Math.sqrt(width), seed: rng.int(0, 0xffffffff) >>> 0, column: rng.int(0, d - width), width });
    }
  }
  return out;
}

function randomInputs(rng: Rng, T: number): string[] {
  const bits = (x: number) => Array.from({ length: T }, (_, t) => ((x >> t) & 1 ? '1' : '0')).join('');
  if (2 ** T <= CASE_MAX_INPUTS) return Array.from({ length: 2 ** T }, (_, x) => bits(x));
  const seen = new Set<string>();
  while (seen.size < CASE_MAX_INPUTS) seen.add(Array.from({ length: T }, () => (rng.bit() ? '1' : '0')).join(''));
  return [...seen];
}

/** The stream of case `index` under `seed`: independent of the other cases (a hash of both). */
export function caseRng(seed: number, index: number): Rng {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  return createRng(fmix32((fmix32(low ^ fmix32((index + 1) >>> 0)) ^ fmix32(high ^ 0x9e3779b9)) >>> 0));
}

/**
 * Case `index` of the run with `seed` (docs/conformance.md, "Cases").
 * @param seed - any safe integer.
 * @param index - 0-based case number.
 */
export function generateCase(seed: number, index: number): ConformanceCase {
  const rng = caseRng(seed, index);
  const T = rng.int(1, CASE_MAX_CONTEXT);
  const d = rng.int(1, CASE_MAX_WIDTH);
  const scale = 2 ** (-2 + 3 * rng.float()); // log-uniform in [1/4, 2]
  const embedding = { token: gaussian(rng, 2, d, scale * Math.sqrt(2)), position: positionBlocks(rng, T, d, scale), cls: gaussianVector(rng, d, scale) };
  const layers: SelfAttentionLayer[] = [];
  const L = rng.int(0, 2);
  for (let l = 0; l < L; l++) {
    const heads: LayerHead[] = [];
    const H = rng.int(0, 2);
    for (let h = 0; h < H; h++) {
      const k = rng.int(1, 3);
      heads.push({ wQK: gaussian(rng, d, d, scale), wV: gaussian(rng, d, k, scale), wC: gaussian(rng, k, d, scale), activation: pickActivation(rng) });
    }
    layers.push({ heads, residual: rng.bit() === 1, projectionRadius: rng.bit() ? 0.5 + 3 * rng.float() : null });
  }
  const clsHeads: AttentionHead[] = [];
  const nCls = rng.int(0, 2);
  const kCls = rng.int(1, 3);
  for (let j = 0; j < nCls; j++) clsHeads.push({ wQK: gaussian(rng, d, d, scale), wV: gaussian(rng, d, kCls, scale), activation: pickActivation(rng) });
  const readout: DenseLayer[] = [];
  const depth = rng.int(1, 2);
  let inDim = nCls > 0 ? kCls : d;
  for (let i = 0; i < depth; i++) {
    const out = i === depth - 1 ? 1 : rng.int(1, 4);
    // The last layer is identity half the time: a relu there often zeroes f(b) and hides the rest.
    const activation = i === depth - 1 && rng.bit() ? 'identity' : pickActivation(rng);
    readout.push({ weight: gaussian(rng, inDim, out, scale), bias: rng.bit() ? gaussianVector(rng, out, scale) : null, activation });
    inDim = out;
  }
  const withTarget = rng.int(0, 3) === 0;
  const target = withTarget ? { support: [rng.int(1, T)], table: rng.bit() ? '01' : '10', name: 'conformance' } : undefined;
  const model: Model = {
    contextLength: T,
    width: d,
    embedding,
    layers,
    clsHeads,
    readout,
    ...(target ? { target } : {}),
    ...(rng.bit() ? { meta: { generator: 'attn-theory conformance', seed, case: index } } : {}),
  };
  const encoding: MatrixEncoding = rng.bit() ? 'packed' : 'nested';
  return { model, inputs: randomInputs(rng, T), encoding };
}
