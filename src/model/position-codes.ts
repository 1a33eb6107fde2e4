/**
 * Position embedding rows, generated on demand so that T = 2^20 never needs a T×d matrix in memory.
 * signHash is specified with 32-bit unsigned arithmetic only, so any language can reproduce it:
 *   fmix32(h) = murmur3 finalizer; signHash(seed, t, j) = +1 if the top bit of
 *   fmix32(fmix32(t + 1) ⊕ ((j + 1) · 0x9E3779B1 mod 2^32) ⊕ seed) is 0, else −1.
 */
import type { PositionBlock } from './types.js';

/** murmur3's 32-bit finalizer (an invertible mixing of a uint32). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** ±1 pseudo-random sign for (seed, position index t ≥ 0, coordinate j ≥ 0). */
export function signHash(seed: number, t: number, j: number): 1 | -1 {
  const h = fmix32((fmix32((t + 1) >>> 0) ^ Math.imul(j + 1, 0x9e3779b1) ^ seed) >>> 0);
  return h >>> 31 ? -1 : 1;
}

/** Add row t (0-based) of the position embedding into out (length d). Mutates out (name says so). */
export function addPositionRowInto(blocks: readonly PositionBlock[], t: number, out: Float64Array): void {
  for (const b of blocks) {
    switch (b.kind) {
      case 'dense': {
        const m = b.matrix;
        const o = t * m.cols;
        for (let j = 0; j < m.cols; j++) out[j] += m.data[o + j];
        break;
      }
      case 'onehot':
        out[b.column + t] += b.scale;
        break;
      case 'sign-hash':
        for (let j = 0; j < b.width; j++) out[b.column + j] += b.scale * signHash(b.seed, t, j);
        break;
    }
  }
}

/** Row t (0-based) of the position embedding, as a new array of length d. */
export function positionRow(blocks: readonly PositionBlock[], t: number, width: number): Float64Array {
  const out = new Float64Array(width);
  addPositionRowInto(blocks, t, out);
  return out;
}
