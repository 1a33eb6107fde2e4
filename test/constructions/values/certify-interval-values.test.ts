/**
 * Values of the interval certifier (src/constructions/certify-interval.ts, alg-certify-interval),
 * written against that file's surviving mutants. Hand-built models with every weight a small dyadic
 * (or with cancellations chosen on purpose) are checked against two independent evaluations:
 * - the exact real-arithmetic minimum margin (properties/support/exact-real.ts, BigInt enclosures):
 *   soundness `certifiedLowerBound ≤ exact`, and tightness `certifiedLowerBound ≥ exact − slack` with a
 *   named slack where the certifier is tight by construction (no free positions, or rows whose bits change
 *   neither scores nor values, or point boxes through a layer);
 * - the float64 reference model over all 2^T inputs (properties/support/constructions.ts): the estimate
 *   `minMargin`, `attained` and the witness search (both backgrounds, then one greedy pass of single
 *   flips, kept only when strictly lower; its budget is checked in certify-interval-witness-budget.test.ts).
 * The cancellation models make the projection error bound ρ large (|E_pos| = 2^20 against scores of order
 * 1, W_QK x_0 summed from ±1000 terms), so dropping ρ, flipping its sign or that of its q-radius part, or
 * reading the float64 scores instead of their enclosures (the float q is off by an ulp of 100) lifts the
 * bound above the exact minimum; the lost-bits models do the same for the row enclosures of models with
 * layers (40 sub-ulp position blocks). Guards: requestedMargin, no heads at all, NaN → −Infinity.
 */
import { describe, expect, test } from 'vitest';
import { certifyInterval } from '../../../src/constructions/certify-interval.js';
import { fromRows } from '../../../src/core/matrix.js';
import type { BooleanTarget, Model, PositionBlock } from '../../../src/model/types.js';
import { bitsOf, flipModel, marginOf } from './flip-model.js';
import { exactMinMargin } from '../../../properties/support/exact-real.js';
import { exhaustiveMinMargin } from '../../../properties/support/constructions.js';

/** Allowed looseness where the certifier is tight by construction (outward rounding of O(1) values, or ρ ≈ 1e−6 in the cancellation model). */
const TIGHT_TOL = 1e-5;
/** Float64 estimate against the float64 reference when both evaluate the same exact dyadic values. */
const FLOAT_TOL = 1e-12;

const f64 = (xs: readonly number[]) => Float64Array.from(xs);
const dense = (rows: number[][]): PositionBlock => ({ kind: 'dense', matrix: fromRows(rows) });
const allSupport = (T: number, table: string): BooleanTarget => ({ support: Array.from({ length: T }, (_, i) => i + 1), table });

/**
 * Scores and values cancel: x_u = E_tok[b] + (2^20 + a_u, −2^20, 0), q = W_QK x_0 from the rows
 * (1002, 1000, 0), (1000, 998, 0) against x_0 = (c, −c, v0): q = (2c, 2c, 0) in real arithmetic, and
 * W_V = (1, 1, 1)ᵀ. Every score is 2c·(b-part + a_u), every value b-part + a_u, the [CLS] score 0 and
 * its value v0, but the products behind them are 2^20 in size, so ρ (error and q-radius bounds) is
 * ≈ 1e−7. With c = 1/2 float64 is exact everywhere; with c = 0.1 the float q_0 − q_1 is off by an ulp
 * of 100, so the float scores are off by ≈ 2^20·1e−14 ≈ 1e−8 and only ρ covers it.
 */
function cancellationModel(a: readonly number[], v0: number, c: number): Model {
  const T = a.length;
  const P = 2 ** 20;
  return {
    contextLength: T,
    width: 3,
    embedding: {
      token: fromRows([
        [0, 0, 0],
        [0.5, -0.25, 0],
      ]),
      position: [dense(a.map((x) => [P + x, -P, 0]))],
      cls: f64([c, -c, v0]),
    },
    layers: [],
    clsHeads: [
      {
        wQK: fromRows([
          [1002, 1000, 0],
          [1000, 998, 0],
          [0, 0, 0],
        ]),
        wV: fromRows([[1], [1], [1]]),
        activation: 'identity',
      },
    ],
    readout: [{ weight: fromRows([[1]]), bias: null, activation: 'identity' }],
  };
}

describe('soundness and tightness against the exact real minimum', () => {
  // Position values above the [CLS] value (v0 = 0) and below it (v0 = 8): moving every position score up
  // (resp. down) raises the margin, so a bound that drops ρ, or the enclosures, on either side overshoots.
  for (const [name, a, v0] of [
    ['positions above [CLS]', [3, 3.5, 4], 0],
    ['positions below [CLS]', [-1, -0.5, 0.25], 8],
  ] as const) {
    test(`cancellation model, exact float64 (c = 1/2), ${name}: exact − TIGHT_TOL ≤ certifiedLowerBound ≤ exact`, () => {
      const model = cancellationModel(a, v0, 0.5);
      const target = allSupport(3, '11111111');
      const exact = exactMinMargin(model, target);
      const c = certifyInterval(model, target);
      expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
      expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - TIGHT_TOL);
      // The estimate evaluates exact scores and values here (short dyadics; the reference model, mixing
      // the 2^20-sized rows before W_V, is the less accurate one): no ρ in it.
      expect(Math.abs(c.minMargin - exact.minLo)).toBeLessThan(FLOAT_TOL);
      expect(c.slack).toBeGreaterThan(0);
    });

    test(`cancellation model, inexact float64 q (c = 0.1), ${name}: exact − TIGHT_TOL ≤ certifiedLowerBound ≤ exact`, () => {
      const model = cancellationModel(a, v0, 0.1);
      const target = allSupport(3, '11111111');
      const exact = exactMinMargin(model, target);
      const c = certifyInterval(model, target);
      expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
      expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - TIGHT_TOL);
    });
  }

  test('free positions whose bit changes the row but neither its score nor its value: still tight', () => {
    // tok0 = (1, 0, 0), tok1 = (0, 1, 0), q = (1, 1, 0.5), W_V = (2, 2, 1)ᵀ: both bits give the same score and
    // value at every position, so the two candidate rows per position bound the margin exactly, while a box
    // around the two rows ([0, 1]² in the first two coordinates) would not.
    const model: Model = {
      contextLength: 3,
      width: 3,
      embedding: {
        token: fromRows([
          [1, 0, 0],
          [0, 1, 0],
        ]),
        position: [
          dense([
            [0, 0, 1],
            [0, 0, -2],
            [0, 0, 0.5],
          ]),
        ],
        cls: f64([0, 0, 1]),
      },
      layers: [],
      clsHeads: [
        {
          wQK: fromRows([
            [0, 0, 1],
            [0, 0, 1],
            [0, 0, 0.5],
          ]),
          wV: fromRows([[2], [2], [1]]),
          activation: 'tanh',
        },
      ],
      readout: [{ weight: fromRows([[1]]), bias: f64([0.25]), activation: 'identity' }],
    };
    const target: BooleanTarget = { support: [2], table: '11' };
    const exact = exactMinMargin(model, target);
    expect(exact.minLo).toBeGreaterThan(0);
    const c = certifyInterval(model, target);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - TIGHT_TOL);
    expect(c.certified).toBe(true);
  });

  test('two [CLS] heads of output dimension 2 and a two-layer readout: tight with all positions fixed', () => {
    const head = (s: number) => ({
      wQK: fromRows([
        [0.5 * s, -0.25],
        [0.75, 0.5],
      ]),
      wV: fromRows([
        [1, -0.5],
        [0.25 * s, 1],
      ]),
      activation: 'relu' as const,
    });
    const model: Model = {
      contextLength: 3,
      width: 2,
      embedding: {
        token: fromRows([
          [0.5, -1],
          [1.5, 0.25],
        ]),
        position: [
          dense([
            [0.25, 0.5],
            [-0.5, 0.75],
            [1, -0.25],
          ]),
        ],
        cls: f64([1, 0.5]),
      },
      layers: [],
      clsHeads: [head(1), head(-2)],
      readout: [
        {
          weight: fromRows([
            [1, -0.5, 0.25],
            [0.5, 1, -1],
          ]),
          bias: f64([0.1, -0.2, 0.3]),
          activation: 'tanh',
        },
        { weight: fromRows([[1], [-0.75], [0.5]]), bias: null, activation: 'identity' },
      ],
    };
    const target = allSupport(3, '10010110');
    const exact = exactMinMargin(model, target);
    const c = certifyInterval(model, target);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - TIGHT_TOL);
    expect(Math.abs(c.minMargin - exhaustiveMinMargin(model, target).min)).toBeLessThan(FLOAT_TOL);
  });

  test('no self-attention layers and no [CLS] heads: the readout reads the constant [CLS] row', () => {
    const model: Model = {
      contextLength: 2,
      width: 2,
      embedding: {
        token: fromRows([
          [0, 0],
          [1, 1],
        ]),
        position: [
          dense([
            [1, 0],
            [0, 1],
          ]),
        ],
        cls: f64([0.5, -0.25]),
      },
      layers: [],
      clsHeads: [],
      readout: [{ weight: fromRows([[2], [1]]), bias: f64([0.25]), activation: 'identity' }],
    };
    // f = 2·0.5 − 0.25 + 0.25 = 1 on every input; labels +1 and −1: minimum margin −1.
    const c = certifyInterval(model, { support: [2], table: '10' });
    expect(c.minMargin).toBe(-1);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(-1);
    expect(c.certifiedLowerBound).toBeGreaterThan(-1 - FLOAT_TOL);
    const one = certifyInterval(model, { support: [1], table: '11' });
    expect(one.certified).toBe(true);
    expect(one.certifiedLowerBound).toBeGreaterThan(1 - FLOAT_TOL);
  });
});

/**
 * A model with one self-attention layer whose every value is a short dyadic: W_QK = 0 (uniform weights
 * 1/4 over T + 1 = 4 rows), so float64 is exact everywhere and the reference equals the exact margin.
 */
function layeredModel(): Model {
  return {
    contextLength: 3,
    width: 2,
    embedding: {
      token: fromRows([
        [0, 0.5],
        [1, -0.25],
      ]),
      position: [
        dense([
          [0.5, 0],
          [0.25, 0.75],
          [0, -0.5],
        ]),
        dense([
          [0.125, 0],
          [0, 0.25],
          [-0.375, 0],
        ]),
      ],
      cls: f64([0.5, 0.5]),
    },
    layers: [
      {
        heads: [
          {
            wQK: fromRows([
              [0, 0],
              [0, 0],
            ]),
            wV: fromRows([
              [1, 0],
              [0, 1],
            ]),
            wC: fromRows([
              [0.5, 0],
              [0.25, -0.5],
            ]),
            activation: 'identity',
          },
        ],
        residual: true,
        projectionRadius: null,
      },
    ],
    clsHeads: [
      {
        wQK: fromRows([
          [0, 0],
          [0, 0],
        ]),
        wV: fromRows([[1], [-2]]),
        activation: 'identity',
      },
    ],
    readout: [{ weight: fromRows([[1]]), bias: f64([0.0625]), activation: 'identity' }],
  };
}

describe('with a self-attention layer (rows as boxes)', () => {
  test('all positions fixed, exact dyadic model: estimate = reference exactly and attained; bound tight', () => {
    const model = layeredModel();
    const target = allSupport(3, '01101001');
    const ref = exhaustiveMinMargin(model, target);
    const exact = exactMinMargin(model, target);
    const c = certifyInterval(model, target);
    expect(c.minMargin).toBe(ref.min);
    expect(c.attained).toBe(true);
    expect(c.worstInputMargin).toBe(ref.min);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - TIGHT_TOL);
  });

  test('free positions: sound (below the exact minimum) and the estimate is not attained by a looser box', () => {
    const model = layeredModel();
    const target: BooleanTarget = { support: [2], table: '01' };
    const exact = exactMinMargin(model, target);
    const c = certifyInterval(model, target);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.minMargin).toBeLessThanOrEqual(exhaustiveMinMargin(model, target).min + FLOAT_TOL);
  });

  test('a projection Π_R in the layer and two [CLS] heads: sound, the estimate below the reference', () => {
    const base = layeredModel();
    const model: Model = {
      ...base,
      layers: [{ ...base.layers[0], projectionRadius: 0.75 }],
      clsHeads: [base.clsHeads[0], { ...base.clsHeads[0], wV: fromRows([[0.5], [0.5]]), activation: 'tanh' }],
    };
    const target = allSupport(3, '11100100');
    const exact = exactMinMargin(model, target);
    const c = certifyInterval(model, target);
    // Π_R maps a point to the box between c·v and v, so the bound is sound but not tight here.
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.minMargin).toBeLessThanOrEqual(exhaustiveMinMargin(model, target).min + FLOAT_TOL);
  });
});

/**
 * Rows whose float64 sum loses bits: E_pos is the block (2^20, −2^20) plus 40 blocks (±2^−34, 0), each a
 * quarter-ulp (or a half-ulp tie to even) of 2^20, so the float row keeps 2^20 while the real row is
 * 2^20 ± 40·2^−34 = 2^20 ± 10 ulps. An identity layer (no heads, residual, no projection) passes the rows
 * on without rounding; the [CLS] head (W_QK = 0, W_V = (1, 1)ᵀ) averages x_0 + x_1 with three outward
 * roundings of 2^20-sized terms (≈ 3 ulps): only the outward-rounded row enclosures cover the lost 10 ulps.
 * Their cost is derived: one outward step (≤ 1 ulp = 2^−32) per nonzero entry added to coordinate 0
 * (41 of them, the zero entries of the small blocks need none) on each end, halved by the average over the
 * two rows, plus ≤ 6 ulps for the value, weight and readout roundings: LOST_BITS_SLACK = 30·2^−32.
 */
const LOST_BITS_SLACK = 30 * 2 ** -32;
function lostBitsModel(sign: 1 | -1): Model {
  const P = 2 ** 20;
  return {
    contextLength: 1,
    width: 2,
    embedding: {
      token: fromRows([
        [0, 0],
        [0.5, 0],
      ]),
      position: [dense([[P, -P]]), ...Array.from({ length: 40 }, () => dense([[sign * 2 ** -34, 0]]))],
      cls: f64([0, 0]),
    },
    layers: [{ heads: [], residual: true, projectionRadius: null }],
    clsHeads: [
      {
        wQK: fromRows([
          [0, 0],
          [0, 0],
        ]),
        wV: fromRows([[1], [1]]),
        activation: 'identity',
      },
    ],
    readout: [{ weight: fromRows([[1]]), bias: null, activation: 'identity' }],
  };
}

describe('row enclosures with layers: the exact rows, not their float64 sums', () => {
  test('lost positive bits, label −1 (the upper ends matter): exact − LOST_BITS_SLACK < certifiedLowerBound ≤ exact', () => {
    const model = lostBitsModel(1);
    const target: BooleanTarget = { support: [1], table: '00' };
    const exact = exactMinMargin(model, target);
    // the real margin −(0.25 + 5·2^−32) is below the float64 one −0.25
    expect(exact.minHi).toBeLessThan(-0.25);
    const c = certifyInterval(model, target);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - LOST_BITS_SLACK);
  });

  test('lost negative bits, label +1 (the lower ends matter): exact − LOST_BITS_SLACK < certifiedLowerBound ≤ exact', () => {
    const model = lostBitsModel(-1);
    const target: BooleanTarget = { support: [1], table: '11' };
    const exact = exactMinMargin(model, target);
    expect(exact.minHi).toBeLessThan(0);
    const c = certifyInterval(model, target);
    expect(c.certifiedLowerBound).toBeLessThanOrEqual(exact.minHi);
    expect(c.certifiedLowerBound).toBeGreaterThan(exact.minLo - LOST_BITS_SLACK);
  });
});

describe('verdict and requestedMargin', () => {
  const model = layeredModel();
  const target = allSupport(3, '11111111');
  test('requestedMargin must be a finite number > 0 (DomainError naming certifyInterval and requestedMargin)', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, -Infinity]) expect(() => certifyInterval(model, target, bad)).toThrow(/certifyInterval.*requestedMargin/);
  });
  test('a valid requestedMargin is judged against certifiedLowerBound', () => {
    const free = certifyInterval(model, target);
    const lb = free.certifiedLowerBound;
    expect(Number.isFinite(lb)).toBe(true);
    const below = certifyInterval(model, target, Math.abs(lb) / 2 + 1e-3);
    expect(below.requestedMargin).toBe(Math.abs(lb) / 2 + 1e-3);
    expect(below.certified).toBe(lb >= Math.abs(lb) / 2 + 1e-3);
    expect(certifyInterval(model, target, 1e6).certified).toBe(false);
  });
});

describe('witness: both backgrounds, then one greedy pass of single flips', () => {
  test('the greedy pass finds an input worse than both backgrounds; worstInputMargin is its margin', () => {
    const p = [3, -2, 5, -4, 1.5, -0.5];
    const model = flipModel(p);
    const target: BooleanTarget = { support: [1], table: '11' };
    const c = certifyInterval(model, target);
    const w = bitsOf(c.worstInput);
    expect(c.worstInputMargin).toBe(marginOf(model, target, w));
    const b1 = w[0];
    const bg = [0, 1].map((g) =>
      marginOf(
        model,
        target,
        Uint8Array.from(p, (_, i) => (i === 0 ? b1 : g)),
      ),
    );
    expect(c.worstInputMargin).toBeLessThan(Math.min(...bg));
    // for this model one pass reaches the exhaustive minimum (bits set exactly at the negative p_u)
    expect(c.worstInputMargin).toBe(exhaustiveMinMargin(model, target).min);
    expect(c.worstInputMargin).toBeGreaterThanOrEqual(c.certifiedLowerBound);
  });

  test('attained is false when the estimate is below every margin found (free positions)', () => {
    const model = flipModel([3, -2, 5, -4]);
    const c = certifyInterval(model, { support: [1], table: '11' });
    expect(c.minMargin).toBeLessThan(c.worstInputMargin);
    expect(c.attained).toBe(false);
  });
});

/** d = 1, W_QK = 0, W_V = 1, no positions: the head output is m = (number of ones)/(T + 1), then a two-layer readout g(m). */
function countModel(T: number, readout: Model['readout']): Model {
  return {
    contextLength: T,
    width: 1,
    embedding: { token: fromRows([[0], [1]]), position: [], cls: f64([0]) },
    layers: [],
    clsHeads: [{ wQK: fromRows([[0]]), wV: fromRows([[1]]), activation: 'identity' }],
    readout,
  };
}

describe('witness: backgrounds and flips are kept only when strictly lower', () => {
  test('the all-0 background wins although single flips from the all-1 background cannot reach it', () => {
    // T = 3, m = c/4 for c ones: g = 4·relu(0.75 − m) − 40·relu(0.1 − m) is 0, 1, 2, −1 for c = 3, 2, 1, 0.
    const model = countModel(3, [
      { weight: fromRows([[-1, -1]]), bias: f64([0.75, 0.1]), activation: 'relu' },
      { weight: fromRows([[4], [-40]]), bias: null, activation: 'identity' },
    ]);
    const target: BooleanTarget = { support: [1], table: '11' };
    const c = certifyInterval(model, target);
    expect(c.worstInput).toBe('000');
    expect(c.worstInputMargin).toBeCloseTo(-1, 12);
    expect(c.worstInputMargin).toBe(exhaustiveMinMargin(model, target).min);
    expect(c.worstInputMargin).toBeLessThanOrEqual(marginOf(model, target, bitsOf('011')));
  });

  test('every input has the same margin: the first assignment, the all-0 background, no flip kept', () => {
    // g = relu(m − 0.9) = 0 on every input (m ≤ 3/4): every comparison is a tie.
    const model = countModel(3, [{ weight: fromRows([[1]]), bias: f64([-0.9]), activation: 'relu' }]);
    const target: BooleanTarget = { support: [2, 3], table: '1111' };
    const c = certifyInterval(model, target);
    expect(c.worstInputMargin).toBe(0);
    expect(c.worstInput).toBe('000');
  });
});

describe('a NaN anywhere makes the certified bound −Infinity', () => {
  test('Inf − Inf in the readout: certifiedLowerBound = −Infinity, not certified', () => {
    // head outputs 1e10 (twice), readout weights ±1e300: both products overflow, their sum is NaN.
    const model: Model = {
      contextLength: 1,
      width: 1,
      embedding: { token: fromRows([[1], [1]]), position: [], cls: f64([1]) },
      layers: [],
      clsHeads: [{ wQK: fromRows([[0]]), wV: fromRows([[1e10, 1e10]]), activation: 'identity' }],
      readout: [{ weight: fromRows([[1e300], [-1e300]]), bias: null, activation: 'identity' }],
    };
    const c = certifyInterval(model, { support: [1], table: '11' });
    expect(c.certifiedLowerBound).toBe(-Infinity);
    expect(c.certified).toBe(false);
  });
});
