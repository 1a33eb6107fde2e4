/**
 * Embedding (DIGEST §2): X ∈ R^{(T+1)×d}, row 0 = x_0 ([CLS]), row t = E_tok[b_t] + E_pos[t] for
 * t = 1..T (bits are 0-indexed in the array: b[t−1] is the bit at position t).
 */
import { zeros, type Matrix } from '../core/matrix.js';
import { shapeError, domainError } from '../core/errors.js';
import { addPositionRowInto } from './position-codes.js';
import type { Embedding } from './types.js';
import { l2 } from '../core/norms.js';

/**
 * Parse a bit string such as "0110" into b ∈ {0,1}^T (character t−1 is b_t; def-reference-model).
 * @param fn - function or flag name at the head of the message.
 * @param param - parameter name in the message.
 * @param s - the string, only '0' and '1'.
 * @param expectedLength - T, when the length must match.
 * @throws DomainError when s is empty, has another character, or (given expectedLength) the wrong length.
 */
export function parseBits(fn: string, param: string, s: string, expectedLength?: number): Uint8Array {
  if (typeof s !== 'string' || !/^[01]+$/.test(s)) throw domainError(fn, param, "a non-empty string of '0' and '1'", s);
  if (expectedLength !== undefined && s.length !== expectedLength) {
    throw domainError(fn, param, `of length T = ${expectedLength}`, `length ${s.length}`);
  }
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) - 48;
  return out;
}

/** X = embed(b): (T+1)×d, row 0 the [CLS] row. */
export function embed(emb: Embedding, contextLength: number, bits: ArrayLike<number>): Matrix {
  const d = emb.cls.length;
  if (bits.length !== contextLength) throw shapeError('embed', `bits must have length T = ${contextLength}`, String(bits.length));
  const X = zeros(contextLength + 1, d);
  X.data.set(emb.cls, 0);
  for (let t = 0; t < contextLength; t++) {
    const b = bits[t];
    if (b !== 0 && b !== 1) throw domainError('embed', `bits[${t}]`, '0 or 1', b);
    const rowOut = X.data.subarray((t + 1) * d, (t + 2) * d);
    rowOut.set(emb.token.data.subarray(b * d, (b + 1) * d));
    addPositionRowInto(emb.position, t, rowOut);
  }
  return X;
}

/**
 * B_X over all 2^T inputs: max(‖x_0‖₂, max_t max_{b∈{0,1}} ‖E_tok[b] + E_pos[t]‖₂). Exact, O(T·d),
 * streamed row by row (def-reference-model).
 * @param emb - a checked embedding.
 * @param contextLength - T.
 */
export function maxEmbeddedRowNorm(emb: Embedding, contextLength: number): number {
  const d = emb.cls.length;
  let best = l2(emb.cls);
  const r = new Float64Array(d);
  for (let t = 0; t < contextLength; t++) {
    for (let b = 0; b < 2; b++) {
      r.set(emb.token.data.subarray(b * d, (b + 1) * d));
      addPositionRowInto(emb.position, t, r);
      best = Math.max(best, l2(r));
    }
  }
  return best;
}
