/**
 * The shared builder of both sparse-head constructions (con-symmetric-sparse-head,
 * con-general-sparse-head): a [CLS]-head model whose keys depend on positions only.
 *
 * Columns (d = 2 + code width): 0 = [CLS] marker, 1 = the bit, 2.. = position codes p_t.
 *   E_tok[0] = 0, E_tok[1] = e_1, x_0 = e_0, E_pos[t] = (0, 0, p_t).
 *   q = W_QK x_0 = (0, 0, P_I c), c = G⁻¹ r, G = P_Iᵀ P_I  (one-hot: G = I, c = r), W_QK = q e_0ᵀ.
 *   So s_{i_j} = r_j on the support, s_0 = 0 and s_u = ⟨p_u, q⟩ elsewhere: no score depends on a bit.
 *   W_V = e_1 (k = 1), σ = identity: v(b) = Σ_{u≥1} a_u b_u.
 *   Readout: level-readout.ts with level labels y_n and the measured leak λ_off.
 * Compact codes: sign-hash p_t ∈ {±1/√D}^D with code seed σ₀, σ₀+1, ... until λ_min(G) ≥ 1/2 and
 * λ_off ≤ 1/2 (con-compact-position-codes); the seed used is recorded in meta.codeSeed.
 */
import { zeros, fromData } from '../core/matrix.js';
import { domainError, AttnTheoryError } from '../core/errors.js';
import { requirePositive } from '../core/validate.js';
import { checkTarget } from '../model/target.js';
import type { BooleanTarget, Model, PositionBlock } from '../model/types.js';
import { projectPositions } from './position-projections.js';
import { buildLevelReadout } from './level-readout.js';
import { symmetricLevels } from './targets.js';
import { compactCodeDimension, compactQuery, GRAM_MIN_EIGENVALUE } from './compact-codes.js';
import { temperature, supportScores, outputScale, MAX_LEAK, type CodeKind, type Family } from './scales.js';

/** Column of the [CLS] marker. */
export const CLS_COLUMN = 0;
/** Column of the bit. */
export const BIT_COLUMN = 1;
/** First column of the position codes. */
export const CODE_COLUMN = 2;
/** How many code seeds the compact construction tries before giving up. */
export const MAX_CODE_SEED_ATTEMPTS = 64;
/** One-hot codes store a dense d×d W_QK with d = T + 2: refused beyond this T (con-symmetric-sparse-head). */
export const MAX_ONEHOT_CONTEXT = 4096;

/** Options of buildSparseHead (con-symmetric-sparse-head, con-general-sparse-head). */
export interface SparseHeadOptions {
  /** symmetric (uniform support weights; the table must depend only on the number of ones) or general. */
  readonly family: Family;
  /** Position codes: one-hot (d = T + 2, T ≤ MAX_ONEHOT_CONTEXT) or compact sign-hash codes (con-compact-position-codes). */
  readonly codes: CodeKind;
  /** γ > 0, the requested margin. */
  readonly margin: number;
  /** First code seed tried (compact codes), a uint32. */
  readonly codeSeed?: number;
}

/** What buildSparseHead returns: the model, its design quantities and its norms (lem-sparse-head-scales). */
export interface SparseHead {
  /** The constructed one-[CLS]-head model (no self-attention layers), with the target and meta set. */
  readonly model: Model;
  /** The measured design quantities: R, λ_off, Z′ = 1/A, γ_out, D, code seed. */
  readonly scales: {
    /** R, the least support score (temperature). */
    readonly temperature: number;
    /** λ_off = Σ_{u∉I} e^{s_u − R}, the background mass in units of the least support weight (≤ MAX_LEAK). */
    readonly leak: number;
    /** Z′ = 1/A = W_I + λ_off + e^{−R}, the inverse least support weight. */
    readonly inverseLeastWeight: number;
    /** γ_out, the readout output scale. */
    readonly outputScale: number;
    /** Width of the position-code block: T (one-hot) or D (compact). */
    readonly codeDimension: number;
    /** The sign-hash seed that passed the checks (compact codes), or null (one-hot). */
    readonly codeSeed: number | null;
    /** λ_min(G) of the support codes' Gram matrix (1 for one-hot codes; ≥ 1/2 when accepted). */
    readonly gramMinEigenvalue: number;
    /** max_{u∉I} s_u, the largest off-support score (−Infinity when I = {1..T}). */
    readonly maxOffSupportScore: number;
  };
  /** Every norm the bounds use, computed from the structure (cheap, exact up to rounding). */
  readonly norms: Record<string, number>;
}

function l2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
function l1(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]);
  return s;
}

/**
 * Build the sparse head for a target (con-symmetric-sparse-head, con-general-sparse-head; scales from
 * lem-sparse-head-scales). family 'symmetric' requires a table that depends only on the number of ones on I.
 * @param target - the Boolean target, support I of size s.
 * @param contextLength - T.
 * @param opts - family, codes, margin γ and first code seed.
 * @throws DomainError on a bad target, margin, family or codes, or one-hot codes with T > MAX_ONEHOT_CONTEXT;
 *   AttnTheoryError if no code seed passes the checks within MAX_CODE_SEED_ATTEMPTS.
 */
export function buildSparseHead(target: BooleanTarget, contextLength: number, opts: SparseHeadOptions): SparseHead {
  const fn = 'buildSparseHead';
  checkTarget(fn, 'target', target, contextLength);
  requirePositive(fn, 'margin', opts.margin);
  const T = contextLength;
  const s = target.support.length;
  const family = opts.family;
  let levelLabels: (1 | -1)[];
  if (family === 'symmetric') {
    const lv = symmetricLevels(target.table, s);
    if (lv === null) throw domainError(fn, 'family', "'general' for a table that is not symmetric (symmetric needs a label depending only on the number of ones)", family);
    levelLabels = lv.map((c) => (c === '1' ? 1 : -1));
  } else if (family === 'general') {
    levelLabels = Array.from(target.table, (c) => (c === '1' ? 1 : -1));
  } else throw domainError(fn, 'family', "'symmetric' or 'general'", family);
  if (opts.codes === 'onehot' && T > MAX_ONEHOT_CONTEXT) {
    throw domainError(fn, 'codes', `'compact' when T > ${MAX_ONEHOT_CONTEXT} (one-hot needs a dense (T+2)×(T+2) W_QK)`, opts.codes);
  }
  if (opts.codes !== 'onehot' && opts.codes !== 'compact') throw domainError(fn, 'codes', "'onehot' or 'compact'", opts.codes);

  const R = temperature(T, s, opts.codes);
  const r = supportScores(s, R, family);
  const inSupport = new Uint8Array(T);
  for (const p of target.support) inSupport[p - 1] = 1;

  let codeWidth: number;
  let block: PositionBlock;
  let qCode: Float64Array;
  let codeSeed: number | null = null;
  let gramMin = 1;
  let scores: Float64Array;
  let leak = 0;
  let maxOff = -Infinity;
  const attempts = opts.codes === 'onehot' ? 1 : MAX_CODE_SEED_ATTEMPTS;
  const seed0 = (opts.codeSeed ?? 0) >>> 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt >= attempts) {
      throw new AttnTheoryError(`${fn}: no code seed in ${seed0}..${seed0 + attempts - 1} gives λ_min(G) >= 1/2 and leak <= ${MAX_LEAK} (T = ${T}, s = ${s})`);
    }
    if (opts.codes === 'onehot') {
      codeWidth = T;
      block = { kind: 'onehot', scale: 1, column: CODE_COLUMN };
      qCode = new Float64Array(T);
      for (const [j, p] of target.support.entries()) qCode[p - 1] = r[j];
    } else {
      const D = compactCodeDimension(T, s, family);
      codeWidth = D;
      codeSeed = (seed0 + attempt) >>> 0;
      block = { kind: 'sign-hash', scale: 1 / Math.sqrt(D), seed: codeSeed, column: CODE_COLUMN, width: D };
      const cq = compactQuery(target.support, r, D, codeSeed);
      gramMin = cq.gramMin;
      if (!(gramMin >= GRAM_MIN_EIGENVALUE)) continue;
      qCode = cq.q;
    }
    const d = CODE_COLUMN + codeWidth;
    const qFull = new Float64Array(d);
    qFull.set(qCode, CODE_COLUMN);
    [scores] = projectPositions([block], T, d, [qFull]); // (T) s_u = ⟨p_u, q⟩, u = 1..T
    leak = 0;
    maxOff = -Infinity;
    for (let t = 0; t < T; t++) {
      if (inSupport[t]) continue;
      leak += Math.exp(scores[t] - R);
      if (scores[t] > maxOff) maxOff = scores[t];
    }
    if (leak <= MAX_LEAK) break;
  }
  const d = CODE_COLUMN + codeWidth!;
  // Z′ = e^{−R} Σ_u e^{s_u} = Σ_j e^{s_{i_j} − R} + λ_off + e^{0 − R}  (1/A, the inverse least support weight).
  let supportSum = 0;
  for (const p of target.support) supportSum += Math.exp(scores![p - 1] - R);
  const inverseLeastWeight = supportSum + leak + Math.exp(-R);
  const constant = levelLabels.every((y) => y === levelLabels[0]);
  const gammaOut = outputScale(opts.margin, leak, constant);
  const readout = buildLevelReadout(levelLabels, inverseLeastWeight, leak, gammaOut);

  const token = zeros(2, d);
  token.data[d + BIT_COLUMN] = 1; // E_tok[1] = e_1
  const cls = new Float64Array(d);
  cls[CLS_COLUMN] = 1; // x_0 = e_0
  const wQK = zeros(d, d); // (d×d) = q e_0ᵀ
  for (let k = 0; k < codeWidth!; k++) wQK.data[(CODE_COLUMN + k) * d + CLS_COLUMN] = qCode![k];
  const wVdata = new Float64Array(d);
  wVdata[BIT_COLUMN] = 1; // (d×1) = e_1
  const model: Model = {
    contextLength: T,
    width: d,
    embedding: { token, position: [block!], cls },
    layers: [],
    clsHeads: [{ wQK, wV: fromData(d, 1, wVdata), activation: 'identity' }],
    readout: readout.layers,
    target,
    meta: {
      construction: family === 'symmetric' ? 'con-symmetric-sparse-head' : 'con-general-sparse-head',
      family,
      codes: opts.codes,
      requestedMargin: opts.margin,
      temperature: R,
      leak,
      outputScale: gammaOut,
      codeSeed,
      codeDimension: codeWidth!,
    },
  };

  const H = readout.knots.length;
  const qNorm = l2(qCode!);
  const c2 = l2(readout.coefficients);
  const c1 = l1(readout.coefficients);
  const xNorm = opts.codes === 'onehot' ? Math.SQRT2 : Math.sqrt(1 + codeWidth! * (1 / Math.sqrt(codeWidth!)) ** 2);
  const norms: Record<string, number> = {
    inputNorm: Math.max(1, xNorm),
    qkSpectral: qNorm,
    qkFrobenius: qNorm,
    qkGroup21Columns: qNorm,
    qkGroup21Rows: l1(qCode!),
    valueSpectral: 1,
    valueGroup21Columns: 1,
    valueGroup21Rows: 1,
    readoutHiddenUnits: H,
    readout1Spectral: Math.sqrt(H) * inverseLeastWeight,
    readout1Group21Columns: H * inverseLeastWeight,
    readout1Group21Rows: Math.sqrt(H) * inverseLeastWeight,
    readout2Spectral: c2,
    readout2Group21Columns: c2,
    readout2Group21Rows: c1,
    readoutLipschitzBound: Math.sqrt(H) * inverseLeastWeight * c2,
    readoutLipschitz: constant ? 0 : 2 * gammaOut * inverseLeastWeight,
    temperature: R,
    leak,
    outputScale: gammaOut,
    width: d,
  };
  return {
    model,
    scales: { temperature: R, leak, inverseLeastWeight, outputScale: gammaOut, codeDimension: codeWidth!, codeSeed, gramMinEigenvalue: gramMin, maxOffSupportScore: maxOff },
    norms,
  };
}
