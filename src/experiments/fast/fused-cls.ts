/**
 * Fused forward + backward of the one-layer [CLS] Transformer (L = 1, any H) in plain Float64Array loops:
 * the logistic loss and its gradient with respect to every trainable variable, in one pass, with no
 * tfjs kernels (proofs-notes/alg-fused-cls-step.md). Same function as tf-transformer.ts's fast path:
 *   q_h = W_K^h (W_Q^hᵀ x_0),  s_0 = x_0·q_h,  s_t = b_t (Δ·q_h) + E_tok[0]·q_h + (E_pos q_h)_t,
 *   a^h = softmax(s),  m_h = a_0 x_0 + (Σ_t a_t) E_tok[0] + (Σ_t a_t b_t) Δ + Σ_t a_t E_pos[t],
 *   p = Σ_h W_V^hᵀ m_h,  f = w₂ᵀ relu(W₁ᵀ p + c₁) + c₂,  loss = mean_b log(1 + e^{−y_b f_b}).
 * The query is input-independent, so each (h, t) has only two possible scores (b_t = 0 or 1): the step
 * computes 2·H·T exponentials, not B·H·(T+1).
 * Parameters live in one flat vector θ laid out in the tfjs model's `variables` order (clsLayout), so an
 * elementwise optimizer (fast/optimizers.ts) updates θ without knowing the model.
 */
import { domainError } from '../../core/errors.js';
import { gemmAccWith } from './gemm.js';
import type { WasmGemm } from './wasm-gemm.js';
import { makeWorkspace } from './workspace.js';

/** Id of the note (proofs-notes/alg-fused-cls-step.md). */
export const FUSED_STEP_ID = 'alg-fused-cls-step';

/**
 * Agreement of the fused gradient (float64) with tfjs autodiff (float32): on every entry of every variable
 * |g_fused − g_tfjs| ≤ rel·G + abs, G = the largest |entry| of the whole tfjs gradient (float32 rounding in
 * tfjs's softmax backward is relative to the upstream gradient, not to the entry; properties/alg-fused-cls-step.prop.ts).
 */
export const FUSED_GRAD_TOL = { rel: 2e-3, abs: 1e-6 } as const;

/** What every fused layout states: the length of θ and the ranges weight decay shrinks. */
export interface StepLayout {
  /** Length of θ. */
  readonly size: number;
  /** [start, end) ranges that weight decay shrinks (weight matrices and embeddings, not biases). */
  readonly decayed: readonly (readonly [number, number])[];
}

/** A fused training step: θ and ∂L/∂θ in its own memory, the loss with its gradient, and outputs. */
export interface FusedStep {
  /** Largest batch. */
  readonly B: number;
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  /** Mean logistic loss of rows [0, n) of (bits, labels ±1); writes ∂L/∂θ into grad. */
  lossAndGrad(th: Float64Array, bits: Uint8Array, labels: Float32Array, n: number): number;
  /** Outputs f of rows [from, from + n) of bits into out[0..n). */
  predict(th: Float64Array, bits: Uint8Array, from: number, n: number, out: Float64Array): void;
}

/** Offsets of each tfjs variable in the flat parameter vector θ (the order of TfTransformer.variables at L = 1). */
export interface ClsLayout extends StepLayout {
  readonly T: number;
  readonly d: number;
  readonly H: number;
  /** E_tok (2, d). */
  readonly token: number;
  /** E_pos (T, d). */
  readonly position: number;
  /** x_0 (d). */
  readonly cls: number;
  /** W_Q^h (d, d) at clsQ + h·d². */
  readonly clsQ: number;
  /** W_K^h (d, d) at clsK + h·d². */
  readonly clsK: number;
  /** W_V (H·d, d). */
  readonly clsV: number;
  /** W₁ (d, d). */
  readonly w1: number;
  /** w₂ (d). */
  readonly w2: number;
  /** c₁ (d). */
  readonly c1: number;
  /** c₂ (1). */
  readonly c2: number;
}

/** The layout of θ for context length T, width d and H heads (L = 1). */
export function clsLayout(T: number, d: number, H: number): ClsLayout {
  const token = 0;
  const position = token + 2 * d;
  const cls = position + T * d;
  const clsQ = cls + d;
  const clsK = clsQ + H * d * d;
  const clsV = clsK + H * d * d;
  const w1 = clsV + H * d * d;
  const w2 = w1 + d * d;
  const c1 = w2 + d;
  const c2 = c1 + d;
  return { T, d, H, token, position, cls, clsQ, clsK, clsV, w1, w2, c1, c2, size: c2 + 1, decayed: [[0, c1]] };
}

/** Which terms of the gradient to keep; every field true is the exact gradient (the others exist for mutants). */
export interface FusedClsOptions {
  /** Keep the −a_t Σ_u a_u g_u term of the softmax Jacobian (default true). */
  readonly softmaxCentering?: boolean;
  /** Use the wasm SIMD kernel when the engine has it (default true; results are bit-identical either way). */
  readonly wasm?: boolean;
}

/**
 * Workspace of the fused step for one (layout, batch size): forward caches and the gradient, allocated
 * once. lossAndGrad / predict reuse it; not re-entrant.
 */
export class FusedCls implements FusedStep {
  /** θ in the workspace's memory: pass it as `th` so that the wasm kernel applies (any Float64Array works). */
  readonly theta: Float64Array;
  /** ∂L/∂θ of the last lossAndGrad. */
  readonly grad: Float64Array;
  private readonly kernel: WasmGemm | null;
  private readonly w1T: Float64Array; // (d, d) W₁ᵀ
  private readonly vT: Float64Array; // (d, H·d) W_Vᵀ
  private readonly pT: Float64Array; // (d, T) E_posᵀ
  private readonly q: Float64Array; // (H, d)
  private readonly u: Float64Array; // (H, d)
  private readonly delta: Float64Array; // (d)
  private readonly ex0: Float64Array; // (H) e^{s_0 − M_h}
  private readonly tab: Float64Array; // (H, T, 2) e^{s_t(bit) − M_h}
  private readonly att: Float64Array; // (B, H, T+1)
  private readonly sumA: Float64Array; // (B, H)
  private readonly sumAB: Float64Array; // (B, H)
  private readonly mixed: Float64Array; // (B, H·d)
  private readonly pooled: Float64Array; // (B, d)
  private readonly z: Float64Array; // (B, d) pre-activation
  private readonly gOut: Float64Array; // (B)
  private readonly gz: Float64Array; // (B, d)
  private readonly gp: Float64Array; // (B, d)
  private readonly gm: Float64Array; // (B, H·d)
  private readonly gDelta: Float64Array; // (d)
  private readonly gq: Float64Array; // (d)
  private readonly gu: Float64Array; // (d)
  private readonly gsT: Float64Array; // (H, T) Σ_b ∂L/∂s_t
  private readonly ga: Float64Array; // (B, H, T) ∂L/∂a_t, t ≥ 1
  private readonly acc0: Float64Array; // (H) Σ_b ∂L/∂s_0
  private readonly accB: Float64Array; // (H) Σ_b Σ_t b_t ∂L/∂s_t
  private readonly centering: boolean;

  /** @param L the layout; @param B the largest batch passed to lossAndGrad or predict. */
  constructor(
    readonly L: ClsLayout,
    readonly B: number,
    opts: FusedClsOptions = {},
  ) {
    if (!Number.isSafeInteger(B) || B < 1) throw domainError('FusedCls', 'B', 'an integer >= 1', B);
    const { T, d, H } = L;
    const sizes = [L.size, L.size, 2 * H * d, d, H, 2 * H * T, B * H * (T + 1), 2 * B * H, 2 * B * H * d, 4 * B * d, B, 3 * d, H * T, B * H * T, 2 * H, d * d, d * H * d, d * T];
    const doubles = sizes.reduce((a, b) => a + b, 0);
    const ws = makeWorkspace(doubles, opts.wasm !== false);
    this.kernel = ws.kernel;
    const take = ws.take;
    this.theta = take(L.size);
    this.grad = take(L.size);
    this.q = take(H * d);
    this.u = take(H * d);
    this.delta = take(d);
    this.ex0 = take(H);
    this.tab = take(H * T * 2);
    this.att = take(B * H * (T + 1));
    this.sumA = take(B * H);
    this.sumAB = take(B * H);
    this.mixed = take(B * H * d);
    this.pooled = take(B * d);
    this.z = take(B * d);
    this.gOut = take(B);
    this.gz = take(B * d);
    this.gp = take(B * d);
    this.gm = take(B * H * d);
    this.gDelta = take(d);
    this.gq = take(d);
    this.gu = take(d);
    this.gsT = take(H * T);
    this.ga = take(B * H * T);
    this.acc0 = take(H);
    this.accB = take(H);
    this.w1T = take(d * d);
    this.vT = take(d * H * d);
    this.pT = take(d * T);
    this.centering = opts.softmaxCentering ?? true;
  }

  /** C += A·B through the wasm kernel when every operand lives in its memory (bit-identical to gemmAcc). */
  private mm(M: number, N: number, K: number, a: Float64Array, ao: number, ars: number, acs: number, b: Float64Array, bo: number, brs: number, c: Float64Array, co: number, ldc: number): void {
    gemmAccWith(this.kernel, M, N, K, a, ao, ars, acs, b, bo, brs, 1, c, co, ldc);
  }

  /** Per-step precomputation from θ: u_h, q_h, Δ and the 2·H·T + H score exponentials. */
  private prepare(th: Float64Array): void {
    const { T, d, H } = this.L;
    const { token, position, cls } = this.L;
    const { q, u, delta, ex0, tab } = this;
    for (let j = 0; j < d; j++) delta[j] = th[token + d + j] - th[token + j];
    for (let h = 0; h < H; h++) {
      const oQ = this.L.clsQ + h * d * d;
      const oK = this.L.clsK + h * d * d;
      const uh = h * d;
      // u = W_Qᵀ x_0: u_j = Σ_i W_Q[i, j] x_0[i]
      for (let j = 0; j < d; j++) u[uh + j] = 0;
      for (let i = 0; i < d; i++) {
        const xi = th[cls + i];
        const row = oQ + i * d;
        for (let j = 0; j < d; j++) u[uh + j] += th[row + j] * xi;
      }
      // q = W_K u: q_i = Σ_j W_K[i, j] u_j
      for (let i = 0; i < d; i++) {
        const row = oK + i * d;
        let acc = 0;
        for (let j = 0; j < d; j++) acc += th[row + j] * u[uh + j];
        q[uh + i] = acc;
      }
      let s0 = 0;
      let dq = 0;
      let e0q = 0;
      for (let j = 0; j < d; j++) {
        const qj = q[uh + j];
        s0 += th[cls + j] * qj;
        dq += delta[j] * qj;
        e0q += th[token + j] * qj;
      }
      let M = s0;
      const tb = h * T * 2;
      for (let t = 0; t < T; t++) {
        const row = position + t * d;
        let pq = 0;
        for (let j = 0; j < d; j++) pq += th[row + j] * q[uh + j];
        const s = e0q + pq;
        tab[tb + 2 * t] = s;
        tab[tb + 2 * t + 1] = s + dq;
        if (s > M) M = s;
        if (s + dq > M) M = s + dq;
      }
      ex0[h] = Math.exp(s0 - M);
      for (let k = tb; k < tb + 2 * T; k++) tab[k] = Math.exp(tab[k] - M);
    }
  }

  /** Forward for rows [0, n) of bits (row-major n × T, 0/1): fills att, sumA, sumAB, mixed, pooled, z; writes f into out. */
  private forward(th: Float64Array, bits: Uint8Array, n: number, out: Float64Array): void {
    const { T, d, H } = this.L;
    const { token, position, cls, clsV, w1, w2, c1, c2 } = this.L;
    const { ex0, tab, att, sumA, sumAB, mixed, pooled, z, delta } = this;
    const Hd = H * d;
    const T1 = T + 1;
    for (let b = 0; b < n; b++) {
      const bRow = b * T;
      for (let h = 0; h < H; h++) {
        const tb = h * T * 2;
        const ao = (b * H + h) * T1;
        let Z = ex0[h];
        for (let t = 0; t < T; t++) {
          const e = tab[tb + 2 * t + bits[bRow + t]];
          att[ao + 1 + t] = e;
          Z += e;
        }
        if (!(Z > 0 && Z < Infinity)) throw new RangeError(`FusedCls.forward: attention normalizer must be finite and > 0 (got ${Z})`);
        const inv = 1 / Z;
        att[ao] = ex0[h] * inv;
        let A = 0;
        let C = 0;
        for (let t = 0; t < T; t++) {
          const a = att[ao + 1 + t] * inv;
          att[ao + 1 + t] = a;
          A += a;
          if (bits[bRow + t]) C += a;
        }
        sumA[b * H + h] = A;
        sumAB[b * H + h] = C;
        const mo = b * Hd + h * d;
        const a0 = att[ao];
        for (let j = 0; j < d; j++) mixed[mo + j] = a0 * th[cls + j] + A * th[token + j] + C * delta[j];
      }
    }
    // mixed (n·H × d) += a_{1..T} (n·H × T, row stride T+1) · E_pos (T × d)
    this.mm(n * H, d, T, att, 1, T1, 1, th, position, d, mixed, 0, d);
    // pooled = mixed (n × H·d) · W_V (H·d × d)
    pooled.fill(0, 0, n * d);
    this.mm(n, d, Hd, mixed, 0, Hd, 1, th, clsV, d, pooled, 0, d);
    // z = pooled W₁ + c₁; f = w₂ᵀ relu(z) + c₂
    for (let b = 0; b < n; b++) for (let j = 0; j < d; j++) z[b * d + j] = th[c1 + j];
    this.mm(n, d, d, pooled, 0, d, 1, th, w1, d, z, 0, d);
    for (let b = 0; b < n; b++) {
      let f = th[c2];
      for (let j = 0; j < d; j++) {
        const zj = z[b * d + j];
        if (zj > 0) f += zj * th[w2 + j];
      }
      out[b] = f;
    }
  }

  /**
   * Outputs f(b) of rows [from, from + n) of a dataset (row-major, T bits per row) into out[0..n).
   * Throws DomainError when n exceeds the workspace batch B.
   */
  predict(th: Float64Array, bits: Uint8Array, from: number, n: number, out: Float64Array): void {
    if (n > this.B || n < 1) throw domainError('FusedCls.predict', 'n', `in 1..${this.B}`, n);
    const T = this.L.T;
    this.prepare(th);
    this.forward(th, bits.subarray(from * T, (from + n) * T), n, out);
  }

  /**
   * Mean logistic loss of rows [0, n) of (bits, labels ±1) and its gradient with respect to θ, written
   * into this.grad (overwritten). Throws DomainError when n exceeds the workspace batch B.
   */
  lossAndGrad(th: Float64Array, bits: Uint8Array, labels: Float32Array, n: number): number {
    if (n > this.B || n < 1) throw domainError('FusedCls.lossAndGrad', 'n', `in 1..${this.B}`, n);
    const { T, d, H } = this.L;
    const { token, position, cls, clsQ, clsK, clsV, w1, w2, c1, c2 } = this.L;
    const { grad: g, q, u, att, sumA, sumAB, mixed, pooled, z, gOut, gz, gp, gm, gDelta, gq, gu, gsT, delta } = this;
    const Hd = H * d;
    const T1 = T + 1;
    this.prepare(th);
    const out = gOut; // f first, then overwritten by ∂L/∂f
    this.forward(th, bits, n, out);
    g.fill(0);
    gDelta.fill(0);
    gsT.fill(0);
    let loss = 0;
    for (let b = 0; b < n; b++) {
      const m = -labels[b] * out[b]; // loss_b = softplus(m)
      loss += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
      const sig = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m)); // σ(m)
      gOut[b] = (-labels[b] * sig) / n;
    }
    const { w1T, vT, pT } = this;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) w1T[j * d + i] = th[w1 + i * d + j];
    for (let k = 0; k < Hd; k++) for (let j = 0; j < d; j++) vT[j * Hd + k] = th[clsV + k * d + j];
    for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) pT[j * T + t] = th[position + t * d + j];
    // readout: ∂c₂, ∂w₂, gz = ∂L/∂z
    for (let b = 0; b < n; b++) {
      const go = gOut[b];
      const po = b * d;
      g[c2] += go;
      for (let j = 0; j < d; j++) {
        const zj = z[po + j];
        if (zj > 0) {
          g[w2 + j] += zj * go;
          gz[po + j] = go * th[w2 + j];
        } else gz[po + j] = 0;
        g[c1 + j] += gz[po + j];
      }
    }
    this.mm(d, d, n, pooled, 0, 1, d, gz, 0, d, g, w1, d); // ∂W₁ += pooledᵀ gz
    gp.fill(0, 0, n * d);
    this.mm(n, d, d, gz, 0, d, 1, w1T, 0, d, gp, 0, d); // gp = gz W₁ᵀ
    this.mm(Hd, d, n, mixed, 0, 1, Hd, gp, 0, d, g, clsV, d); // ∂W_V += mixedᵀ gp
    gm.fill(0, 0, n * Hd);
    this.mm(n, Hd, d, gp, 0, d, 1, vT, 0, Hd, gm, 0, Hd); // gm = gp W_Vᵀ
    // ∂L/∂a_t (t ≥ 1), E_pos part: ga (n·H × T) = gm (n·H × d) · E_posᵀ
    const ga = this.ga;
    ga.fill(0, 0, n * H * T);
    this.mm(n * H, T, d, gm, 0, d, 1, pT, 0, T, ga, 0, T);
    // ∂E_pos += a_{1..T}ᵀ (T × n·H) · gm (n·H × d)
    this.mm(T, d, n * H, att, 1, 1, T1, gm, 0, d, g, position, d);
    // attention, per sample and head: the rest of ∂L/∂a, the softmax Jacobian, ∂x_0, ∂E_tok[0], ∂Δ
    for (let b = 0; b < n; b++) {
      const bRow = b * T;
      for (let h = 0; h < H; h++) {
        const ao = (b * H + h) * T1;
        const go = b * Hd + h * d;
        const gr = (b * H + h) * T;
        let ga0 = 0;
        let ge0 = 0;
        let gD = 0;
        const a0 = att[ao];
        const A = sumA[b * H + h];
        const C = sumAB[b * H + h];
        for (let j = 0; j < d; j++) {
          const gj = gm[go + j];
          ga0 += gj * th[cls + j];
          ge0 += gj * th[token + j];
          gD += gj * delta[j];
          g[cls + j] += a0 * gj;
          g[token + j] += A * gj;
          gDelta[j] += C * gj;
        }
        let dot = a0 * ga0;
        for (let t = 0; t < T; t++) {
          const gat = ga[gr + t] + ge0 + (bits[bRow + t] ? gD : 0);
          ga[gr + t] = gat;
          dot += att[ao + 1 + t] * gat;
        }
        if (!this.centering) dot = 0;
        // ∂L/∂s_t = a_t (∂L/∂a_t − Σ_u a_u ∂L/∂a_u), summed over the batch per head
        this.acc0[h] += a0 * (ga0 - dot);
        let GB = 0;
        const gt = h * T;
        for (let t = 0; t < T; t++) {
          const gs = att[ao + 1 + t] * (ga[gr + t] - dot);
          gsT[gt + t] += gs;
          if (bits[bRow + t]) GB += gs;
        }
        this.accB[h] += GB;
      }
    }
    // scores → q_h → W_Q, W_K, x_0, E_tok, E_pos
    for (let h = 0; h < H; h++) {
      const uh = h * d;
      const G0 = this.acc0[h];
      const GB = this.accB[h];
      let GA = 0;
      const gt = h * T;
      for (let t = 0; t < T; t++) GA += gsT[gt + t];
      this.acc0[h] = 0;
      this.accB[h] = 0;
      // ∂L/∂q = G0 x_0 + GB Δ + GA E_tok[0] + Σ_t G_t E_pos[t]
      for (let j = 0; j < d; j++) gq[j] = G0 * th[cls + j] + GB * delta[j] + GA * th[token + j];
      for (let t = 0; t < T; t++) {
        const Gt = gsT[gt + t];
        const row = position + t * d;
        for (let j = 0; j < d; j++) {
          gq[j] += Gt * th[row + j];
          g[row + j] += Gt * q[uh + j];
        }
      }
      for (let j = 0; j < d; j++) {
        const qj = q[uh + j];
        g[cls + j] += G0 * qj;
        gDelta[j] += GB * qj;
        g[token + j] += GA * qj;
      }
      // q = W_K u: ∂W_K[i, j] = gq_i u_j, gu_j = Σ_i W_K[i, j] gq_i
      const oK = clsK + h * d * d;
      const oQ = clsQ + h * d * d;
      gu.fill(0);
      for (let i = 0; i < d; i++) {
        const gi = gq[i];
        const row = oK + i * d;
        for (let j = 0; j < d; j++) {
          g[row + j] += gi * u[uh + j];
          gu[j] += th[row + j] * gi;
        }
      }
      // u = W_Qᵀ x_0: ∂W_Q[i, j] = x_0[i] gu_j, ∂x_0[i] += Σ_j W_Q[i, j] gu_j
      for (let i = 0; i < d; i++) {
        const xi = th[cls + i];
        const row = oQ + i * d;
        let acc = 0;
        for (let j = 0; j < d; j++) {
          g[row + j] += xi * gu[j];
          acc += th[row + j] * gu[j];
        }
        g[cls + i] += acc;
      }
    }
    // Δ = E_tok[1] − E_tok[0]
    for (let j = 0; j < d; j++) {
      g[token + d + j] += gDelta[j];
      g[token + j] -= gDelta[j];
    }
    return loss / n;
  }
}
