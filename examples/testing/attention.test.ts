// Property checks of your own attention code with attn-theory/testing (docs/testing.md).
// Copy this file into your project (npm i -D attn-theory fast-check vitest) and run `npx vitest run`.
// The three functions below stand for yours: replace them and keep the three tests.
import { describe, it } from 'vitest';
import { agreesWithReference, boundIsSound, constructionIsCorrect, type BoundFn, type BuildFn, type ForwardFn } from 'attn-theory/testing';
import { construct, modelToJson } from 'attn-theory';
import type { AttentionHead, Matrix } from 'attn-theory/model';

const at = (m: Matrix, i: number, j: number): number => m.data[i * m.cols + j] as number;
const act = (a: string, x: number): number => (a === 'relu' ? Math.max(0, x) : a === 'tanh' ? Math.tanh(x) : x);

/** One head: scores s_u = x_uᵀ W_QK z over every row u = 0..T ([CLS] included), softmax, σ(W_Vᵀ Xᵀ a). */
function head(h: AttentionHead, X: number[][], z: number[]): number[] {
  const q = z.map((_, i) => z.reduce((acc, zj, j) => acc + at(h.wQK, i, j) * zj, 0));
  const s = X.map((x) => x.reduce((acc, xi, i) => acc + xi * (q[i] as number), 0));
  const top = Math.max(...s);
  const e = s.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  const mixed = q.map((_, i) => X.reduce((acc, x, u) => acc + ((e[u] as number) / total) * (x[i] as number), 0));
  return Array.from({ length: h.wV.cols }, (_, c) =>
    act(
      h.activation,
      mixed.reduce((acc, v, i) => acc + v * at(h.wV, i, c), 0),
    ),
  );
}

/** Your forward pass f(b) (here: a plain-loops implementation; sign-hash position codes left out). */
const myForward: ForwardFn = (model, bits) => {
  const d = model.width;
  let X: number[][] = [Array.from(model.embedding.cls)];
  for (let t = 0; t < model.contextLength; t++) {
    const x = Array.from({ length: d }, (_, j) => at(model.embedding.token, bits[t] as number, j));
    for (const p of model.embedding.position) {
      if (p.kind === 'dense') for (let j = 0; j < d; j++) x[j] = (x[j] as number) + at(p.matrix, t, j);
      else if (p.kind === 'onehot') x[p.column + t] = (x[p.column + t] as number) + p.scale;
      else throw new Error('sign-hash position codes are not supported');
    }
    X.push(x);
  }
  for (const layer of model.layers) {
    X = X.map((xt) => {
      const y = xt.map((v) => (layer.residual ? v : 0));
      for (const h of layer.heads) {
        const o = head(h, X, xt);
        for (let j = 0; j < d; j++) y[j] = (y[j] as number) + o.reduce((acc, oc, c) => acc + oc * at(h.wC, c, j), 0);
      }
      const n = Math.hypot(...y);
      const R = layer.projectionRadius;
      return R !== null && n > R ? y.map((v) => (v * R) / n) : y;
    });
  }
  const x0 = X[0] as number[];
  let h: number[] = x0;
  if (model.clsHeads.length > 0) {
    const outs = model.clsHeads.map((c) => head(c, X, x0));
    h = (outs[0] as number[]).map((_, j) => outs.reduce((acc, o) => acc + (o[j] as number), 0));
  }
  for (const l of model.readout) {
    const input = h;
    h = Array.from({ length: l.weight.cols }, (_, j) => act(l.activation, (l.bias ? (l.bias[j] as number) : 0) + input.reduce((acc, v, i) => acc + v * at(l.weight, i, j), 0)));
  }
  return h[0] as number;
};

/** Your bound on sup_S R̂_S(F) of the request's class (here: the range bound sup|f| = H·L_σ·B_V·B_X·B_w). */
const myBound: BoundFn = (r) => (r.model === 'multihead' || r.model === 'transformer' ? (r.heads ?? 1) : 1) * r.activationLipschitz * r.normBounds.valueSpectral * r.inputNorm * r.normBounds.readout;

/** Your construction (T, s, target) → model file (here: the toolkit's, written out as JSON text). */
const myConstruction: BuildFn = ({ contextLength, sparsity, target }) =>
  JSON.stringify(modelToJson(construct({ fn: `table:${target.table}`, contextLength, sparsity, support: [...target.support] }).model));

describe('my attention code', () => {
  it('the forward pass agrees with the float64 reference', () => agreesWithReference(myForward, { models: { positionKinds: ['dense', 'onehot'] } }).check({ seed: 42 }));

  it('the bound is at least the Rademacher complexity of its class', () => boundIsSound(myBound).check({ seed: 42 }));

  it('the construction computes its target on all 2^T inputs', () => constructionIsCorrect(myConstruction).check({ seed: 42 }));
});
