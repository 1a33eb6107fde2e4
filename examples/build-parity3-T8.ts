/**
 * Builds examples/parity3-T8.json: a hand-made one-head model computing parity of bits 2, 5, 7 of
 * T = 8 bits (one-hot positions, uniform attention on the support at temperature R = 12, a 3-unit ReLU
 * readout through the 4 levels of the head output). Run: npx tsx examples/build-parity3-T8.ts
 * The constructions module builds such heads in general; this file only ships a small fixed example.
 */
import { fileURLToPath } from 'node:url';
import { fromRows, zeros } from '../src/core/matrix.js';
import { writeModelFile } from '../src/model/format.js';
import type { Model } from '../src/model/types.js';

const T = 8;
const support = [2, 5, 7];
const R = 12; // temperature: off-support attention mass ≤ (T+1−s)e^{−R}/s
const d = T + 2; // columns 0..T−1 position one-hot, column T the bit, column T+1 the [CLS] flag
const bitCol = T;
const clsCol = T + 1;

const token = zeros(2, d);
token.data[1 * d + bitCol] = 1; // E_tok[1] = e_bit, E_tok[0] = 0
const cls = new Float64Array(d);
cls[clsCol] = 1;
const wQK = zeros(d, d);
for (const p of support) wQK.data[(p - 1) * d + clsCol] = R; // s_u = x_uᵀ W_QK x_0 = R on the support
const wV = zeros(d, 1);
wV.data[bitCol] = 1; // head output ≈ (number of ones on the support)/s

const model: Model = {
  contextLength: T,
  width: d,
  embedding: { token, position: [{ kind: 'onehot', scale: 1, column: 0 }], cls },
  layers: [],
  clsHeads: [{ wQK, wV, activation: 'identity' }],
  readout: [
    { weight: fromRows([[1, 1, 1]]), bias: Float64Array.from([0, -1 / 3, -2 / 3]), activation: 'relu' },
    { weight: fromRows([[6], [-12], [12]]), bias: Float64Array.from([-1]), activation: 'identity' },
  ],
  target: { support, table: '01101001', name: 'parity' },
  meta: { description: 'parity of bits 2,5,7 of 8; hand-built example shipped with the toolkit' },
};

writeModelFile(fileURLToPath(new URL('./parity3-T8.json', import.meta.url)), model);
