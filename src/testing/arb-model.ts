/**
 * Arbitrary (attn-theory/testing): random valid Models (src/model/types.ts, float64 reference semantics)
 * of given shapes and norm budgets, for differential and soundness tests.
 * fast-check draws the STRUCTURE (T, d, number of layers, [CLS] heads, readout depth, seed), so a
 * failure shrinks towards a small model; the weights and per-head details come from
 * createRng(seed), so the same shape + seed always rebuilds the same model (`randomModel`).
 * Every model produced passes checkModel (the file-format validator).
 */
import fc from 'fast-check';
import { zeros, type Matrix } from '../core/matrix.js';
import { createRng, type Rng } from '../core/rng.js';
import { ACTIVATIONS, type Activation } from '../model/activations.js';
import type { Model, PositionBlock, SelfAttentionLayer, LayerHead, AttentionHead, DenseLayer, BooleanTarget } from '../model/types.js';
import { arbDim, type DimSpec } from './arb-matrix.js';
import { arbSeed } from './arb-seed.js';
import { arbBits } from './arb-bits.js';
import { applyNormBudgets, type ModelNormBudgets } from './norm-budgets.js';

/** The kinds of position block (model/position-codes.ts). */
export type PositionKind = PositionBlock['kind'];

/** Tri-state switch for optional parts. */
export type Presence = 'never' | 'always' | 'maybe';

/** Options of arbModel / randomModel; every field has a default. */
export interface ArbModelOptions {
  /** T (default 1..6). */
  readonly contextLength?: DimSpec;
  /** d (default 1..6). */
  readonly width?: DimSpec;
  /** L, number of self-attention layers (default 0..2). */
  readonly layers?: DimSpec;
  /** H per layer (default 1..3). */
  readonly heads?: DimSpec;
  /** Number of [CLS] heads (default 0..2; 0 = read the [CLS] row directly). */
  readonly clsHeads?: DimSpec;
  /** Readout depth (default 1..2 dense layers). */
  readonly readoutDepth?: DimSpec;
  /** k, head output dimension (default 1..3; shared by all [CLS] heads). */
  readonly headDim?: DimSpec;
  /** Hidden units of each non-final readout layer (default 1..4). */
  readonly hiddenUnits?: DimSpec;
  /** Kinds of position block allowed (default all three). onehot is skipped when d < T. */
  readonly positionKinds?: readonly PositionKind[];
  /** Number of position blocks (default 1..2). */
  readonly positionBlocks?: DimSpec;
  /** Activations drawn for heads and readout layers (default all). */
  readonly activations?: readonly Activation[];
  /** Weights are scale·N(0,1)/√fan-in (default 1): keeps scores moderate for naive softmax. */
  readonly weightScale?: number;
  /** Residual connections (default 'maybe'). */
  readonly residual?: Presence;
  /** Projection Π_R with R in [0.5, 3.5) (default 'maybe'). */
  readonly projection?: Presence;
  /** A Boolean target with 1..min(T,4) support positions (default 'maybe'). */
  readonly target?: Presence;
  /** Norm budgets every generated matrix is scaled down to meet (default none; see ModelNormBudgets). */
  readonly budgets?: ModelNormBudgets;
}

/** The structure fast-check draws; randomModel(shape, opts) is a pure function of it. */
export interface ModelShape {
  /** Seed of createRng, from which every weight and per-head detail is drawn. */
  readonly seed: number;
  /** T. */
  readonly contextLength: number;
  /** d. */
  readonly width: number;
  /** L, the number of self-attention layers. */
  readonly layers: number;
  /** The number of [CLS] heads (0: the readout reads x_0^L). */
  readonly clsHeads: number;
  /** The number of dense readout layers. */
  readonly readoutDepth: number;
}

function range(spec: DimSpec | undefined, dflt: DimSpec): { min: number; max: number } {
  const s = spec ?? dflt;
  return typeof s === 'number' ? { min: s, max: s } : s;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)];
}

function present(rng: Rng, p: Presence | undefined): boolean {
  const v = p ?? 'maybe';
  return v === 'always' || (v === 'maybe' && rng.bit() === 1);
}

function gaussian(rng: Rng, rows: number, cols: number, scale: number): Matrix {
  const m = zeros(rows, cols);
  const c = scale / Math.sqrt(Math.max(1, rows));
  for (let i = 0; i < m.data.length; i++) m.data[i] = c * rng.normal();
  return m;
}

function gaussianVector(rng: Rng, n: number, scale: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = scale * rng.normal();
  return v;
}

function positionBlocks(rng: Rng, T: number, d: number, opts: ArbModelOptions, scale: number): PositionBlock[] {
  const kinds = opts.positionKinds ?? ['dense', 'onehot', 'sign-hash'];
  const { min, max } = range(opts.positionBlocks, { min: 1, max: 2 });
  const n = rng.int(min, max);
  const out: PositionBlock[] = [];
  for (let i = 0; i < n && kinds.length > 0; i++) {
    const usable = kinds.filter((k) => k !== 'onehot' || d >= T);
    if (usable.length === 0) break;
    const kind = pick(rng, usable);
    if (kind === 'dense') out.push({ kind, matrix: gaussian(rng, T, d, scale * Math.sqrt(T)) });
    else if (kind === 'onehot') out.push({ kind, scale: scale * (0.5 + 1.5 * rng.float()), column: rng.int(0, d - T) });
    else {
      const width = rng.int(1, d);
      out.push({ kind, scale: (scale * (0.5 + 1.5 * rng.float())) / Math.sqrt(width), seed: rng.int(0, 0xffffffff) >>> 0, column: rng.int(0, d - width), width });
    }
  }
  return out;
}

function randomTarget(rng: Rng, T: number): BooleanTarget {
  const s = rng.int(1, Math.min(T, 4));
  const positions = Array.from({ length: T }, (_, i) => i + 1);
  for (let i = T - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [positions[i], positions[j]] = [positions[j], positions[i]];
  }
  let table = '';
  for (let i = 0; i < 2 ** s; i++) table += rng.bit() ? '1' : '0';
  return { support: positions.slice(0, s), table, name: 'random' };
}

/**
 * The model of a given shape, deterministic in (shape, opts), scaled to opts.budgets when given.
 * Throws RangeError when weightScale is not finite and > 0.
 */
export function randomModel(shape: ModelShape, opts: ArbModelOptions = {}): Model {
  const scale = opts.weightScale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`randomModel: weightScale must be a finite number > 0 (got ${scale})`);
  const rng = createRng(shape.seed);
  const acts = opts.activations ?? ACTIVATIONS;
  const T = shape.contextLength;
  const d = shape.width;
  const headsRange = range(opts.heads, { min: 1, max: 3 });
  const kRange = range(opts.headDim, { min: 1, max: 3 });
  const hiddenRange = range(opts.hiddenUnits, { min: 1, max: 4 });
  const embedding = { token: gaussian(rng, 2, d, scale * Math.sqrt(2)), position: positionBlocks(rng, T, d, opts, scale), cls: gaussianVector(rng, d, scale) };
  const layers: SelfAttentionLayer[] = [];
  for (let l = 0; l < shape.layers; l++) {
    const heads: LayerHead[] = [];
    const H = rng.int(headsRange.min, headsRange.max);
    for (let h = 0; h < H; h++) {
      const k = rng.int(kRange.min, kRange.max);
      heads.push({ wQK: gaussian(rng, d, d, scale), wV: gaussian(rng, d, k, scale), wC: gaussian(rng, k, d, scale), activation: pick(rng, acts) });
    }
    const residual = present(rng, opts.residual);
    const projectionRadius = present(rng, opts.projection) ? 0.5 + 3 * rng.float() : null;
    layers.push({ heads, residual, projectionRadius });
  }
  const clsHeads: AttentionHead[] = [];
  const kCls = rng.int(kRange.min, kRange.max);
  for (let h = 0; h < shape.clsHeads; h++) clsHeads.push({ wQK: gaussian(rng, d, d, scale), wV: gaussian(rng, d, kCls, scale), activation: pick(rng, acts) });
  const readout: DenseLayer[] = [];
  let inDim = shape.clsHeads > 0 ? kCls : d;
  for (let i = 0; i < shape.readoutDepth; i++) {
    const out = i === shape.readoutDepth - 1 ? 1 : rng.int(hiddenRange.min, hiddenRange.max);
    const bias = rng.bit() ? gaussianVector(rng, out, scale) : null;
    readout.push({ weight: gaussian(rng, inDim, out, scale), bias, activation: pick(rng, acts) });
    inDim = out;
  }
  const target = present(rng, opts.target) ? randomTarget(rng, T) : undefined;
  const model: Model = {
    contextLength: T,
    width: d,
    embedding,
    layers,
    clsHeads,
    readout,
    ...(target ? { target } : {}),
    meta: { generator: 'attn-theory/testing randomModel', seed: shape.seed },
  };
  return opts.budgets ? applyNormBudgets(model, opts.budgets) : model;
}

/** fast-check arbitrary of ModelShape under the options' ranges (shrinks towards small models). */
export function arbModelShape(opts: ArbModelOptions = {}): fc.Arbitrary<ModelShape> {
  return fc.record({
    seed: arbSeed(),
    contextLength: arbDim(opts.contextLength ?? { min: 1, max: 6 }),
    width: arbDim(opts.width ?? { min: 1, max: 6 }),
    layers: arbDim(opts.layers ?? { min: 0, max: 2 }),
    clsHeads: arbDim(opts.clsHeads ?? { min: 0, max: 2 }),
    readoutDepth: arbDim(opts.readoutDepth ?? { min: 1, max: 2 }),
  });
}

/** Random valid Models (see ArbModelOptions for the ranges and defaults). */
export function arbModel(opts: ArbModelOptions = {}): fc.Arbitrary<Model> {
  return arbModelShape(opts).map((shape) => randomModel(shape, opts));
}

/** A model and an input for it. */
export interface ModelAndBits {
  /** The model. */
  model: Model;
  /** b ∈ {0,1}^T. */
  bits: Uint8Array;
}

/** A random model together with an input of its length T. */
export function arbModelAndBits(opts: ArbModelOptions = {}): fc.Arbitrary<ModelAndBits> {
  return arbModel(opts).chain((model) => arbBits(model.contextLength).map((bits) => ({ model, bits })));
}
