/**
 * Rigorous real arithmetic for the rounding properties (alg-certify-rounding): a real number is enclosed
 * in [lo, hi]·2^−P with BigInt ends (P = 256 fractional bits). Sums are exact; products, quotients and
 * float64 inputs finer than 2^−P round outward (floor for lo, ceil for hi); e^x is a Taylor series with
 * outward-rounded terms and a bounded tail after argument halving, then repeated squaring, so every
 * result encloses the exact value. Used as the brute-force oracle: the exact real-arithmetic margin of a
 * model file (the float64 values read as reals) on every input, and to check the libm assumption.
 */
import { toDyadic } from '../../src/constructions/certify-exact-dyadic.js';
import { positionRow } from '../../src/model/position-codes.js';
import { targetLabel } from '../../src/model/target.js';
import type { Activation } from '../../src/model/activations.js';
import type { BooleanTarget, Model } from '../../src/model/types.js';

/** Fractional bits of the fixed-point ends. */
export const P = 256n;
const ONE = 1n << P;

/** An enclosure [lo, hi]·2^−P of a real number. */
export interface Iv {
  readonly lo: bigint;
  readonly hi: bigint;
}

const floorShift = (x: bigint, k: bigint) => x >> k; // BigInt >> is floor division by 2^k
const ceilShift = (x: bigint, k: bigint) => -(-x >> k);
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** The float64 x as an enclosure (a point unless x has bits below 2^−P). */
export function fromFloat(x: number): Iv {
  const { m, e } = toDyadic(x);
  const k = BigInt(e) + P;
  if (k >= 0n) {
    const v = m << k;
    return { lo: v, hi: v };
  }
  return { lo: floorShift(m, -k), hi: ceilShift(m, -k) };
}

export const ZERO: Iv = { lo: 0n, hi: 0n };
export const add = (a: Iv, b: Iv): Iv => ({ lo: a.lo + b.lo, hi: a.hi + b.hi });
export const sub = (a: Iv, b: Iv): Iv => ({ lo: a.lo - b.hi, hi: a.hi - b.lo });
export const neg = (a: Iv): Iv => ({ lo: -a.hi, hi: -a.lo });

/** a·b, outward. */
export function mul(a: Iv, b: Iv): Iv {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  let mn = c[0];
  let mx = c[0];
  for (const x of c) {
    if (x < mn) mn = x;
    if (x > mx) mx = x;
  }
  return { lo: floorShift(mn, P), hi: ceilShift(mx, P) };
}

/** a / b for b > 0 (b.lo > 0), outward. */
export function div(a: Iv, b: Iv): Iv {
  if (b.lo <= 0n) throw new RangeError('div: the divisor must be > 0');
  const n = [a.lo << P, a.hi << P];
  const cands = [floorDiv(n[0], b.lo), floorDiv(n[0], b.hi), floorDiv(n[1], b.lo), floorDiv(n[1], b.hi)];
  const candsHi = [ceilDiv(n[0], b.lo), ceilDiv(n[0], b.hi), ceilDiv(n[1], b.lo), ceilDiv(n[1], b.hi)];
  // biome-ignore lint/complexity/useMathMinMax: BigInt ends (Math.min and Math.max take numbers only).
  return { lo: cands.reduce((x, y) => (y < x ? y : x)), hi: candsHi.reduce((x, y) => (y > x ? y : x)) };
}

/** e^{v·2^−P} rounded down (up = false) or up, v a fixed-point value. */
export function expFixed(v: bigint, roundUp: boolean): bigint {
  if (v < 0n) {
    // e^{−y} = 1 / e^{y}: the lower end from the upper end of e^{y} and vice versa.
    const e = expFixed(-v, !roundUp);
    return roundUp ? ceilDiv(ONE << P, e) : floorDiv(ONE << P, e);
  }
  // Halve the argument j times so that r = v / 2^j ≤ 2^−8, then e^v = (e^r)^(2^j).
  const bits = BigInt(v.toString(2).length);
  const j = bits > P - 8n ? bits - (P - 8n) : 0n;
  const r = roundUp ? ceilShift(v, j) : floorShift(v, j);
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; ; n++) {
    term = roundUp ? ceilDiv(term * r, n << P) : floorDiv(term * r, n << P);
    sum += term;
    if (term <= 1n) break;
  }
  // Upper end: the tail Σ_{n > N} r^n/n! is at most term_N·Σ_k 2^−8k < 2 units (term_N ≤ 1).
  if (roundUp) sum += 2n;
  for (let i = 0n; i < j; i++) sum = roundUp ? ceilShift(sum * sum, P) : floorShift(sum * sum, P);
  return sum;
}

/** e^a, outward (e^x is increasing). */
export function exp(a: Iv): Iv {
  return { lo: expFixed(a.lo, false), hi: expFixed(a.hi, true) };
}

/** tanh(x) = 1 − 2/(e^{2x} + 1) at a fixed-point x, rounded down or up (increasing in e^{2x}). */
function tanhFixed(v: bigint, roundUp: boolean): bigint {
  const e = expFixed(2n * v, roundUp);
  const frac = roundUp ? floorDiv(2n * ONE * ONE, e + ONE) : ceilDiv(2n * ONE * ONE, e + ONE);
  return ONE - frac;
}

/** σ(a), outward (every activation is nondecreasing). */
export function activate(act: Activation, a: Iv): Iv {
  if (act === 'identity') return a;
  if (act === 'relu') return { lo: a.lo > 0n ? a.lo : 0n, hi: a.hi > 0n ? a.hi : 0n };
  return { lo: tanhFixed(a.lo, false), hi: tanhFixed(a.hi, true) };
}

/** The lower end as a float64 rounded down (a safe bound to compare floats against), and the upper end rounded up. */
export function toFloatLo(a: Iv): number {
  return bigToFloat(a.lo, false);
}
export function toFloatHi(a: Iv): number {
  return bigToFloat(a.hi, true);
}
function bigToFloat(v: bigint, roundUp: boolean): number {
  // Number(v) rounds to nearest; step one float outward, then scale by 2^−P (exact unless it underflows).
  const x = Number(v);
  if (Number.isFinite(x) && BigInt(x) === v) {
    const scaled = x * 2 ** -Number(P);
    if (scaled * 2 ** Number(P) === x) return scaled; // exact: no rounding to account for
  }
  const stepped = roundUp ? (x >= 0 ? x * (1 + 2 ** -52) : x * (1 - 2 ** -52)) : x >= 0 ? x * (1 - 2 ** -52) : x * (1 + 2 ** -52);
  const bound = roundUp ? Math.max(stepped, x) + 2 ** -1074 * 2 ** 256 : Math.min(stepped, x) - 2 ** -1074 * 2 ** 256;
  return bound * 2 ** -Number(P);
}

/** Σ_j a_j·b_j for float64 vectors (exact up to the P-bit rounding of each product). */
function dotFloats(a: ArrayLike<number>, b: readonly Iv[]): Iv {
  let s = ZERO;
  for (let j = 0; j < a.length; j++) if (a[j] !== 0) s = add(s, mul(fromFloat(a[j]), b[j]));
  return s;
}

/**
 * Enclosures of the exact real margin y(b)·f(b) of every input b (T ≤ 14; self-attention layers too),
 * with the model's floats read as reals; returns the smallest lower end and the smallest upper end:
 * the real minimum margin lies in [minLo, minHi].
 */
export function exactMinMargin(model: Model, target: BooleanTarget): { minLo: number; minHi: number; minLoInput: number } {
  const T = model.contextLength;
  const d = model.width;
  if (T > 14) throw new RangeError(`exactMinMargin: T must be <= 14 (got ${T})`);
  const emb = model.embedding;
  // Rows E_tok[b] + E_pos[u], summed exactly block by block (each block's entry is one float).
  const rows: Iv[][][] = [0, 1].map((b) =>
    Array.from({ length: T }, (_, t) => {
      const r = Array.from({ length: d }, (_, j) => fromFloat(emb.token.data[b * d + j]));
      for (const block of emb.position) {
        const part = positionRow([block], t, d);
        for (let j = 0; j < d; j++) if (part[j] !== 0) r[j] = add(r[j], fromFloat(part[j]));
      }
      return r;
    }),
  );
  const cls = Array.from(emb.cls, fromFloat);
  const heads = model.clsHeads.map((h) => {
    const k = h.wV.cols;
    const q = Array.from({ length: d }, (_, j) => dotFloats(h.wQK.data.subarray(j * d, (j + 1) * d), cls)); // W_QK x_0
    const dotIv = (x: readonly Iv[], y: readonly Iv[]) => x.reduce((s, xi, j) => add(s, mul(xi, y[j])), ZERO);
    const col = (m: number) => Array.from({ length: d }, (_, j) => fromFloat(h.wV.data[j * k + m]));
    const cols = Array.from({ length: k }, (_, m) => col(m));
    return {
      act: h.activation,
      s0: dotIv(cls, q),
      v0: cols.map((w) => dotIv(cls, w)),
      score: [0, 1].map((b) => rows[b].map((r) => dotIv(r, q))),
      value: cols.map((w) => [0, 1].map((b) => rows[b].map((r) => dotIv(r, w)))),
    };
  });
  const readout = model.readout.map((l) => ({
    rows: l.weight.rows,
    cols: l.weight.cols,
    w: Array.from(l.weight.data, fromFloat),
    b: l.bias ? Array.from(l.bias, fromFloat) : null,
    act: l.activation,
  }));
  let minLo = Infinity;
  let minHi = Infinity;
  let minLoInput = 0;
  const bits = new Uint8Array(T);
  for (let x = 0; x < 2 ** T; x++) {
    for (let i = 0; i < T; i++) bits[i] = (x >>> i) & 1;
    let pooled: Iv[];
    if (model.layers.length > 0) pooled = layeredPooled(model, rows, cls, bits);
    else if (heads.length === 0) pooled = cls;
    else {
      pooled = [];
      for (const h of heads) {
        // Shift every score by the [CLS] score's lower end (exact: a shift leaves softmax unchanged).
        const shift = h.s0.lo;
        const e = [exp({ lo: h.s0.lo - shift, hi: h.s0.hi - shift })];
        for (let u = 1; u <= T; u++) {
          const s = h.score[bits[u - 1]][u - 1];
          e.push(exp({ lo: s.lo - shift, hi: s.hi - shift }));
        }
        const Z = e.reduce(add, ZERO);
        const a = e.map((eu) => div(eu, Z));
        h.value.forEach((perBit, m) => {
          let v = mul(a[0], h.v0[m]);
          for (let u = 1; u <= T; u++) v = add(v, mul(a[u], perBit[bits[u - 1]][u - 1]));
          const out = activate(h.act, v);
          pooled[m] = pooled[m] === undefined ? out : add(pooled[m], out);
        });
      }
    }
    let hcur = pooled;
    for (const l of readout) {
      const next: Iv[] = [];
      for (let j = 0; j < l.cols; j++) {
        let z = l.b ? l.b[j] : ZERO;
        for (let i = 0; i < l.rows; i++) z = add(z, mul(hcur[i], l.w[i * l.cols + j]));
        next.push(activate(l.act, z));
      }
      hcur = next;
    }
    const y = targetLabel(target, bits);
    const margin = y === 1 ? hcur[0] : neg(hcur[0]);
    const lo = toFloatLo(margin);
    const hi = toFloatHi(margin);
    if (lo < minLo) {
      minLo = lo;
      minLoInput = x;
    }
    if (hi < minHi) minHi = hi;
  }
  return { minLo, minHi, minLoInput };
}

/** c·2^K ± (EXP_REL_ERR·c + LIBM_ABS_ERR)·2^K exactly, as BigInts (K = 2400: every term is an integer). */
const K = 2400n;
function withinBand(c: number, relErr: number, absErr: number): { lo: bigint; hi: bigint } {
  const dc = toDyadic(c);
  const dr = toDyadic(relErr);
  const da = toDyadic(absErr);
  const cK = dc.m << (BigInt(dc.e) + K);
  const band = (((dc.m < 0n ? -dc.m : dc.m) * dr.m) << (BigInt(dc.e + dr.e) + K)) + (da.m << (BigInt(da.e) + K));
  return { lo: cK - band, hi: cK + band };
}

/**
 * True when the float c is within relErr·|c| + absErr of e^x (fn 'exp') or tanh(x) (fn 'tanh'), decided
 * rigorously from the enclosures above (tanh needs |x| ≥ 2^−100 or x = 0).
 */
export function libmWithin(fn: 'exp' | 'tanh', x: number, c: number, relErr: number, absErr: number): boolean {
  if (fn === 'tanh' && x < 0) return libmWithin('tanh', -x, -c, relErr, absErr);
  const { lo, hi } = withinBand(c, relErr, absErr);
  const ONEK = 1n << K;
  if (x === 0) return fn === 'exp' ? lo <= ONEK && ONEK <= hi : lo <= 0n && 0n <= hi;
  const v = fromFloat(Math.abs(x));
  if (fn === 'exp') {
    const Elo = expFixed(v.lo, false);
    const Ehi = expFixed(v.hi, true);
    if (x > 0) return lo <= Elo << (K - P) && Ehi << (K - P) <= hi; // e^x ∈ [Elo, Ehi]·2^−P
    return lo * Ehi <= ONEK << P && ONEK << P <= hi * Elo; // e^x = 1/e^{|x|} ∈ [2^P/Ehi, 2^P/Elo]
  }
  if (Math.abs(x) < 2 ** -100) throw new RangeError('libmWithin: tanh needs |x| >= 2^-100');
  const Elo = expFixed(2n * v.lo, false);
  const Ehi = expFixed(2n * v.hi, true);
  // tanh x = (E − 1)/(E + 1), increasing in E = e^{2x}.
  return lo * (Elo + ONE) <= (Elo - ONE) << K && (Ehi - ONE) << K <= hi * (Ehi + ONE);
}

/** ⌊√v⌋ for v ≥ 0 (Newton on BigInt). */
function isqrt(v: bigint): bigint {
  if (v < 2n) return v;
  let x = BigInt(Math.floor(Math.sqrt(Number(v))));
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x && x * x <= v && (x + 1n) * (x + 1n) > v) return x;
    x = y;
  }
}

/** √a for a ≥ 0 (fixed point), outward. */
function sqrtIv(a: Iv): Iv {
  const lo = a.lo > 0n ? isqrt(a.lo << P) : 0n;
  const hiR = a.hi > 0n ? isqrt(a.hi << P) : 0n;
  const hi = hiR * hiR === a.hi << P ? hiR : hiR + 1n;
  return { lo, hi };
}

/** x², outward (0 when the interval straddles 0). */
function square(a: Iv): Iv {
  const m = mul(a, a);
  return a.lo <= 0n && a.hi >= 0n ? { lo: 0n, hi: m.hi } : m;
}

/** One head f_head(X, z) with rows X and query z (all enclosures), outward. */
function headIv(h: { wQK: ArrayLike<number>; wV: ArrayLike<number>; k: number; act: Activation }, X: readonly Iv[][], z: readonly Iv[]): Iv[] {
  const d = z.length;
  const q = Array.from({ length: d }, (_, j) => {
    let acc = ZERO;
    for (let i = 0; i < d; i++) if (h.wQK[j * d + i] !== 0) acc = add(acc, mul(fromFloat(h.wQK[j * d + i]), z[i]));
    return acc;
  });
  const scores = X.map((x) => x.reduce((acc, xi, j) => add(acc, mul(xi, q[j])), ZERO));
  const shift = scores[0].lo;
  const e = scores.map((sc) => exp({ lo: sc.lo - shift, hi: sc.hi - shift }));
  const Z = e.reduce(add, ZERO);
  const a = e.map((eu) => div(eu, Z));
  const mix = Array.from({ length: d }, (_, j) => X.reduce((acc, x, u) => add(acc, mul(a[u], x[j])), ZERO));
  return Array.from({ length: h.k }, (_, m) => {
    let v = ZERO;
    for (let j = 0; j < d; j++) if (h.wV[j * h.k + m] !== 0) v = add(v, mul(fromFloat(h.wV[j * h.k + m]), mix[j]));
    return activate(h.act, v);
  });
}

/** The readout input of a model with layers on input `bits`: every layer (residual, Π_R), then the [CLS] heads. */
function layeredPooled(model: Model, rows: Iv[][][], cls: Iv[], bits: Uint8Array): Iv[] {
  const d = model.width;
  let X: Iv[][] = [cls, ...Array.from(bits, (b, t) => rows[b][t])];
  for (const layer of model.layers) {
    X = X.map((xt) => {
      let y = layer.residual ? [...xt] : Array.from({ length: d }, () => ZERO);
      for (const h of layer.heads) {
        const o = headIv({ wQK: h.wQK.data, wV: h.wV.data, k: h.wV.cols, act: h.activation }, X, xt);
        y = y.map((yj, j) => o.reduce((acc, om, m) => (h.wC.data[m * d + j] === 0 ? acc : add(acc, mul(om, fromFloat(h.wC.data[m * d + j])))), yj));
      }
      const R = layer.projectionRadius;
      if (R === null) return y;
      // Π_R(y) = y · min(1, R/‖y‖₂); c decreases in ‖y‖², so c ∈ [c(hi), c(lo)].
      const n = sqrtIv(y.reduce((acc, yj) => add(acc, square(yj)), ZERO));
      const r = fromFloat(R);
      const cAt = (norm: bigint, up: boolean): bigint => {
        if (norm <= r.lo) return ONE;
        const q = up ? ceilDiv(r.hi << P, norm) : floorDiv(r.lo << P, norm);
        return q < ONE ? q : ONE;
      };
      const c: Iv = { lo: cAt(n.hi, false), hi: n.lo > 0n ? cAt(n.lo, true) : ONE };
      return y.map((yj) => mul(yj, c));
    });
  }
  if (model.clsHeads.length === 0) return X[0];
  let pooled: Iv[] = [];
  for (const h of model.clsHeads) {
    const o = headIv({ wQK: h.wQK.data, wV: h.wV.data, k: h.wV.cols, act: h.activation }, X, X[0]);
    pooled = pooled.length === 0 ? o : pooled.map((p, m) => add(p, o[m]));
  }
  return pooled;
}
