/**
 * position-projections.ts against second evaluations (alg-certify-position-keys, alg-certify-rounding):
 * - projectPositions = E_pos[t]·w with E_pos[t] from model/position-codes.ts positionRow, for a mix of
 *   dense, one-hot (not the last block: w has entries after it) and sign-hash blocks; a zero slice of a
 *   sign-hash block adds nothing, even for a non-finite scale (it is skipped, as documented);
 * - projectionErrorBound = Σ_b e_b + 2γ_nb Σ_b M_b with M_b, e_b of the doc comment, recomputed here
 *   in plain float64 (the code rounds upward, so ρ is within REL_TOL above it), block by block and mixed;
 *   for w = 0 the underflow allowances 2^−1070 (sign-hash), cols·2^−1074 (dense) and, one-hot, a figure
 *   derived by hand from the definition of `up`;
 * - projectionMagnitudeBound = Σ_b max_t Σ_j |E_b[t]_j| v_j, per block by brute force over positionRow;
 * - the three ShapeError guards, called with a vector of the wrong length.
 * Targets the per-block loops (bounds, max, index arithmetic), the + / × operators and the guards.
 */
import { describe, expect, test } from 'vitest';
import { projectPositions, projectionErrorBound, projectionMagnitudeBound } from '../../../src/constructions/position-projections.js';
import { positionRow } from '../../../src/model/position-codes.js';
import { fromData } from '../../../src/core/matrix.js';
import type { PositionBlock } from '../../../src/model/types.js';

/** Relative slack of the upward-rounded bounds over the plain float64 recomputation (a few hundred ulps). */
const REL_TOL = 1e-12;
/** Agreement of projectPositions with the row-by-row dot product (both round; sums of ~30 terms of size ≤ 10). */
const DOT_TOL = 1e-12;
const U = 2 ** -53;
const gam = (n: number): number => (n * U) / (1 - n * U);

const T = 5;
const D_SH = 12; // sign-hash width: ⌈12/8⌉ = 2 chunks
const ONEHOT_COL = 2; // columns 2..6; column 7 is after it, inside w
const SH_COL = 9; // columns 9..20
const WIDTH = SH_COL + D_SH; // 21

/** A T×WIDTH dense block whose rows differ (the largest row is neither the first nor the last). */
function denseBlock(): PositionBlock {
  const data = new Float64Array(T * WIDTH);
  for (let t = 0; t < T; t++) for (let j = 0; j < WIDTH; j++) data[t * WIDTH + j] = Math.sin(1 + 3 * t + 7 * j) * (t === 2 ? 3 : 1) + (j === 0 ? t : 0);
  return { kind: 'dense', matrix: fromData(T, WIDTH, data) };
}
const onehot: PositionBlock = { kind: 'onehot', scale: -0.7, column: ONEHOT_COL };
const signHashBlock: PositionBlock = { kind: 'sign-hash', scale: 0.3, seed: 12345, column: SH_COL, width: D_SH };

/** w with distinct magnitudes everywhere; a big entry at column ONEHOT_COL + T (just after the one-hot block). */
function vectorW(): Float64Array {
  const w = Float64Array.from({ length: WIDTH }, (_, j) => Math.cos(2 + 5 * j) * (1 + j / 3));
  w[ONEHOT_COL + T] = 9;
  w[ONEHOT_COL + 1] = -4; // the one-hot max |w| is at t = 1, not the first or last position
  return w;
}

/** M_b of the doc comment, in plain float64. */
function refM(b: PositionBlock, w: Float64Array): number {
  if (b.kind === 'sign-hash') {
    let a = 0;
    for (let j = 0; j < b.width; j++) a += Math.abs(w[b.column + j]);
    return Math.abs(b.scale) * a;
  }
  if (b.kind === 'onehot') {
    let m = 0;
    for (let t = 0; t < T; t++) m = Math.max(m, Math.abs(w[b.column + t]));
    return Math.abs(b.scale) * m;
  }
  let M = 0;
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < b.matrix.cols; j++) s += Math.abs(b.matrix.data[t * b.matrix.cols + j] * w[j]);
    M = Math.max(M, s);
  }
  return M;
}

/** ρ = Σ_b e_b + 2γ_nb Σ_b M_b (alg-certify-rounding, "Projections"), without the underflow allowances. */
function refRho(blocks: PositionBlock[], w: Float64Array): number {
  let err = 0;
  let mags = 0;
  for (const b of blocks) {
    const M = refM(b, w);
    if (b.kind === 'sign-hash') err += 4 * gam(Math.ceil(b.width / 8) + 9) * M;
    else if (b.kind === 'onehot') err += U * M;
    else err += 2 * gam(b.matrix.cols) * M;
    mags += M;
  }
  return err + 2 * gam(blocks.length) * mags;
}

/** max_t Σ_j |E_pos[t]_j| v_j by brute force over the rows positionRow gives. */
function bruteMagnitude(blocks: PositionBlock[], v: Float64Array): number {
  let best = 0;
  for (let t = 0; t < T; t++) {
    const row = positionRow(blocks, t, WIDTH);
    let s = 0;
    for (let j = 0; j < WIDTH; j++) s += Math.abs(row[j]) * v[j];
    best = Math.max(best, s);
  }
  return best;
}

function expectAbove(actual: number, ref: number): void {
  expect(Number.isFinite(actual)).toBe(true);
  expect(actual).toBeGreaterThanOrEqual(ref);
  expect(actual).toBeLessThanOrEqual(ref * (1 + REL_TOL));
}

describe('projectPositions = E_pos[t]·w', () => {
  test('mixed dense + one-hot + sign-hash blocks, two vectors, every position', () => {
    const blocks = [denseBlock(), onehot, signHashBlock];
    const w1 = vectorW();
    const w2 = Float64Array.from(w1, (x, j) => (j % 2 ? -x : 2 * x));
    const [p1, p2] = projectPositions(blocks, T, WIDTH, [w1, w2]);
    expect(p1.length).toBe(T);
    for (const [p, w] of [
      [p1, w1],
      [p2, w2],
    ] as const) {
      for (let t = 0; t < T; t++) {
        const row = positionRow(blocks, t, WIDTH);
        let ref = 0;
        for (let j = 0; j < WIDTH; j++) ref += row[j] * w[j];
        expect(Math.abs(p[t] - ref)).toBeLessThanOrEqual(DOT_TOL);
      }
    }
  });

  test('a vector that is zero on a sign-hash block gets exactly nothing from it, even with scale = Infinity', () => {
    const blocks: PositionBlock[] = [onehot, { kind: 'sign-hash', scale: Infinity, seed: 3, column: SH_COL, width: D_SH }];
    const w = vectorW();
    w.fill(0, SH_COL);
    const [p] = projectPositions(blocks, T, WIDTH, [w]);
    for (let t = 0; t < T; t++) expect(p[t]).toBe(-0.7 * w[ONEHOT_COL + t] + 0);
  });

  test('guard: a vector of the wrong length is a ShapeError naming the function', () => {
    expect(() => projectPositions([onehot], T, WIDTH, [new Float64Array(WIDTH - 1)])).toThrow(/projectPositions: vectors must have length d = 21 \(got 20\)/);
  });
});

describe('projectionErrorBound = Σ e_b + 2γ_nb Σ M_b', () => {
  const w = vectorW();
  for (const [name, blocks] of [
    ['dense', [denseBlock()]],
    ['one-hot', [onehot]],
    ['sign-hash', [signHashBlock]],
    ['all three', [denseBlock(), onehot, signHashBlock]],
  ] as const) {
    test(`${name}: within REL_TOL above the float64 recomputation`, () => {
      expectAbove(projectionErrorBound([...blocks], T, WIDTH, w), refRho([...blocks], w));
    });
  }

  test('a wide sign-hash block: the depth is ⌈D/8⌉ + 9 (D = 100 → γ_22)', () => {
    const wide: PositionBlock = { kind: 'sign-hash', scale: 2, seed: 1, column: 0, width: 100 };
    const v = Float64Array.from({ length: 100 }, (_, j) => 1 + (j % 7));
    let a = 0;
    for (const x of v) a += x;
    const M = 2 * a;
    expectAbove(projectionErrorBound([wide], T, 100, v), 4 * gam(22) * M + 2 * gam(1) * M);
  });

  test('w = 0: the underflow allowances (sign-hash 2^-1070, dense cols·2^-1074, one-hot by hand)', () => {
    const z = new Float64Array(WIDTH);
    expect(projectionErrorBound([signHashBlock], T, WIDTH, z)).toBeGreaterThanOrEqual(2 ** -1070);
    expect(projectionErrorBound([denseBlock()], T, WIDTH, z)).toBeGreaterThanOrEqual(WIDTH * 2 ** -1074);
    // One-hot, by hand (up(0) = 2^-1074, up(x) = next float above x for subnormal x, subnormal sums exact):
    // M = up(0.7·0) = 1u (u = 2^-1074), e = up(2^-53·1u) + 1u = up(0) + 1u = 2u, err = up(0 + 2u) = 3u,
    // mags = up(0 + 1u) = 2u, up(2γ_1·2u) = up(0) = 1u, ρ = up(3u + 1u) = 5u.
    expect(projectionErrorBound([onehot], T, WIDTH, z)).toBe(5 * 2 ** -1074);
  });

  test('guard: w of the wrong length', () => {
    expect(() => projectionErrorBound([onehot], T, WIDTH, new Float64Array(3))).toThrow(/projectionErrorBound: w must have length d = 21 \(got 3\)/);
  });
});

describe('projectionMagnitudeBound = Σ_b max_t Σ_j |E_b[t]_j| v_j', () => {
  const v = Float64Array.from(vectorW(), Math.abs);
  for (const [name, block] of [
    ['dense', denseBlock()],
    ['one-hot', onehot],
    ['sign-hash', signHashBlock],
  ] as const) {
    test(`${name}: the brute-force maximum over positions`, () => {
      expectAbove(projectionMagnitudeBound([block], T, WIDTH, v), bruteMagnitude([block], v));
    });
  }

  test('several blocks: the sum of the per-block maxima', () => {
    const blocks = [denseBlock(), onehot, signHashBlock];
    const sum = blocks.reduce((s, b) => s + bruteMagnitude([b], v), 0);
    expectAbove(projectionMagnitudeBound(blocks, T, WIDTH, v), sum);
  });

  test('guard: v of the wrong length', () => {
    expect(() => projectionMagnitudeBound([onehot], T, WIDTH, new Float64Array(22))).toThrow(/projectionMagnitudeBound: v must have length d = 21 \(got 22\)/);
  });
});
