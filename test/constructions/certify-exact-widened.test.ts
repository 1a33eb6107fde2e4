/**
 * The exact certifier on every model whose [CLS] heads share one W_QK (alg-certify-position-keys,
 * issue 12): splitting a constructed head into two identical halves, or its value map into k = 2 equal
 * columns read by a duplicated readout row, keeps the function; the exact method still applies and
 * certifies, where the interval fallback used to fail. Heads with different W_QK, or a tanh head with
 * H·k > 1, are refused with the reason.
 */
import { describe, expect, test } from 'vitest';
import { construct, certify } from '../../src/constructions/api.js';
import { certifyExact, exactCertifierObstacle, EXACT_PRECONDITION } from '../../src/constructions/certify-exact.js';
import { fromData } from '../../src/core/matrix.js';
import { forward } from '../../src/model/forward.js';
import type { Model } from '../../src/model/types.js';
import { exhaustiveMinMargin } from '../../properties/support/constructions.js';

const c = construct({ fn: 'parity', contextLength: 10, sparsity: 3, seed: 3 });
const h = c.model.clsHeads[0];
const halves: Model = {
  ...c.model,
  clsHeads: [0, 1].map(() => ({
    ...h,
    wV: fromData(
      h.wV.rows,
      1,
      h.wV.data.map((x) => x / 2),
    ),
  })),
};
const r0 = c.model.readout[0];
const twoColumns: Model = {
  ...c.model,
  clsHeads: [
    {
      ...h,
      wV: fromData(
        h.wV.rows,
        2,
        Float64Array.from({ length: 2 * h.wV.rows }, (_, i) => h.wV.data[i >> 1] / 2),
      ),
    },
  ],
  readout: [{ ...r0, weight: fromData(2, r0.weight.cols, Float64Array.from([...r0.weight.data, ...r0.weight.data])) }, ...c.model.readout.slice(1)],
};

describe('exact certifier, several heads and k > 1', () => {
  for (const [name, model] of [
    ['two identical halves', halves],
    ['k = 2 equal columns', twoColumns],
  ] as const) {
    test(`${name}: same function, exact method applies and certifies; bound <= exhaustive minimum`, () => {
      const bits = Uint8Array.from({ length: 10 }, (_, i) => ((i * 7) % 3) & 1);
      expect(forward(model, bits)).toBeCloseTo(forward(c.model, bits), 12);
      expect(exactCertifierObstacle(model)).toBeNull();
      const base = certifyExact(c.model, c.target, 1);
      const cert = certify(model, c.target);
      expect(cert.method).toBe('exact-position-keys');
      expect(cert.certified).toBe(true);
      expect(cert.certifiedLowerBound).toBeGreaterThanOrEqual(1);
      expect(Math.abs(cert.minMargin - base.minMargin)).toBeLessThanOrEqual(1e-9);
      const ex = exhaustiveMinMargin(model, c.target);
      expect(cert.certifiedLowerBound).toBeLessThanOrEqual(ex.min);
      expect(cert.attained).toBe(true);
      expect(Math.abs(cert.minMargin - ex.min)).toBeLessThanOrEqual(1e-9);
    });
  }

  test('the interval fallback fails on the split head (why the exact method had to widen)', () => {
    expect(certify(halves, c.target, { method: 'interval' }).certified).toBe(false);
  });

  test('refused: different W_QK, and a tanh head with H·k > 1', () => {
    const other = {
      ...h,
      wQK: fromData(
        h.wQK.rows,
        h.wQK.cols,
        h.wQK.data.map((x) => 3 * x),
      ),
    };
    expect(exactCertifierObstacle({ ...halves, clsHeads: [halves.clsHeads[0], other] })).toMatch(/different W_QK/);
    const tanh = { ...halves, clsHeads: halves.clsHeads.map((x) => ({ ...x, activation: 'tanh' as const })) };
    expect(exactCertifierObstacle(tanh)).toMatch(/tanh with H·k = 2/);
    expect(certify(tanh, c.target).method).toBe('interval');
    expect(EXACT_PRECONDITION).toMatch(/share one W_QK/);
  });
});
