/**
 * alg-mstar-model-selection: exact data from each law is selected; the selection is invariant under
 * m → 2^k·m; fewer than 3 T is never a selection; a selected law beats every other law by the AIC
 * margin, with RSS recomputed here by an independent normal-equation fit. Mutants rejected: no margin,
 * and the power law's RSS taken on the log scale.
 * Note: proofs-notes/alg-mstar-model-selection.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { fitMstarLaws, lawValue, selectMstarModel, SELECTION_AIC_MARGIN, type MstarLaw, type MstarSelection } from '../src/experiments/stats/model-selection.js';

const GRID = [8, 16, 32, 64, 128, 256];
const arbTs = fc.subarray(GRID, { minLength: 3 });

/** Independent RSS of a law: least squares by the 2x2 normal equations (Cramer's rule). */
function naiveRss(law: MstarLaw, Ts: number[], ms: number[]): number {
  const x = Ts.map((T) => (law === 'a + b T' ? T : Math.log(T)));
  const y = law === 'a T^b' ? ms.map(Math.log) : ms;
  const n = x.length;
  const sx = x.reduce((a, v) => a + v, 0);
  const sy = y.reduce((a, v) => a + v, 0);
  const sxx = x.reduce((a, v) => a + v * v, 0);
  const sxy = x.reduce((a, v, i) => a + v * y[i], 0);
  const det = n * sxx - sx * sx;
  const a = (sy * sxx - sx * sxy) / det;
  const b = (n * sxy - sx * sy) / det;
  return ms.reduce((s, m, i) => {
    const f = law === 'a T^b' ? Math.exp(a) * Ts[i] ** b : a + b * x[i];
    return s + (m - f) ** 2;
  }, 0);
}

/** The rule's contract against independent RSS; returns the first violation or null. */
function violation(Ts: number[], ms: number[], sel: MstarSelection): string | null {
  const K = new Set(Ts).size;
  if (K < 3) return sel.status === 'too few points' && sel.selected === null ? null : 'selected with < 3 points';
  const laws: MstarLaw[] = ['a + b ln T', 'a + b T', 'a T^b'];
  const rss = laws.map((l) => naiveRss(l, Ts, ms));
  const scale = ms.reduce((a, m) => a + m * m, 0);
  if (sel.status === 'selected') {
    const i = laws.indexOf(sel.selected!);
    for (let j = 0; j < 3; j++) {
      if (j === i) continue;
      // Allow float noise: the margin must hold up to a relative 1e-9 in RSS (and absolute 1e-18 of the scale).
      const d = K * Math.log((rss[j] + 1e-18 * scale) / (rss[i] + 1e-18 * scale));
      if (rss[j] > 1e-12 * scale && d < SELECTION_AIC_MARGIN - 1e-6) return `selected ${sel.selected} but ${laws[j]} is within the margin (${d})`;
    }
  }
  return null;
}

const arbData = fc.tuple(arbTs, fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: 6, maxLength: 6 })).map(([Ts, ms]) => ({ Ts, ms: ms.slice(0, Ts.length) }));

describe('alg-mstar-model-selection', () => {
  test.prop([arbTs, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true })], { seed: 21, numRuns: 300 })('exact log-law data selects a + b ln T', (Ts, a, b) => {
    const s = selectMstarModel(
      Ts,
      Ts.map((T) => a + b * Math.log(T)),
    );
    expect(s.selected).toBe('a + b ln T');
  });

  test.prop([arbTs, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true })], { seed: 22, numRuns: 300 })('exact linear data selects a + b T', (Ts, a, b) => {
    fc.pre(a > 0.5);
    expect(
      selectMstarModel(
        Ts,
        Ts.map((T) => a + b * T),
      ).selected,
    ).toBe('a + b T');
  });

  test.prop([arbTs, fc.double({ min: 1, max: 50, noNaN: true }), fc.double({ min: 0.2, max: 2, noNaN: true })], { seed: 23, numRuns: 300 })('exact power-law data selects a T^b', (Ts, a, b) => {
    fc.pre(Math.abs(b - 1) > 0.05);
    expect(
      selectMstarModel(
        Ts,
        Ts.map((T) => a * T ** b),
      ).selected,
    ).toBe('a T^b');
  });

  test.prop([arbData, fc.integer({ min: -10, max: 10 })], { seed: 24, numRuns: 400 })('invariant under m -> 2^k m, and the margin holds against independent RSS', ({ Ts, ms }, k) => {
    const s = selectMstarModel(Ts, ms);
    const t = selectMstarModel(
      Ts,
      ms.map((m) => m * 2 ** k),
    );
    expect([t.status, t.selected]).toEqual([s.status, s.selected]);
    expect(violation(Ts, ms, s)).toBeNull();
  });

  test.prop([fc.subarray(GRID, { minLength: 1, maxLength: 2 }), fc.double({ min: 1, max: 1e4, noNaN: true })], { seed: 25, numRuns: 100 })('fewer than 3 T is never a selection', (Ts, m) => {
    expect(
      selectMstarModel(
        Ts,
        Ts.map((T) => m + T),
      ).status,
    ).toBe('too few points');
  });

  test('the fits are least squares: power-law residuals vanish on exact data, lawValue inverts them', () => {
    const f = fitMstarLaws([8, 16, 32], [24, 48, 96]).find((x) => x.law === 'a T^b')!;
    expect(f.b).toBeCloseTo(1, 12);
    expect(lawValue(f, 64)).toBeCloseTo(192, 8);
  });

  test('mutation: a rule without the margin is rejected', () => {
    const noMargin = (Ts: number[], ms: number[]): MstarSelection => {
      const s = selectMstarModel(Ts, ms);
      const best = s.fits.reduce((a, b) => (b.rss < a.rss ? b : a));
      return { ...s, status: 'selected', selected: best.law, candidates: [best.law] };
    };
    const r = fc.check(
      fc.property(arbData, ({ Ts, ms }) => violation(Ts, ms, noMargin(Ts, ms)) === null),
      { seed: 26, numRuns: 400 },
    );
    expect(r.failed).toBe(true);
  });

  test('mutation: comparing the power law by its log-scale RSS is rejected (not scale invariant)', () => {
    const logScale = (Ts: number[], ms: number[]): string => {
      const fits = fitMstarLaws(Ts, ms);
      const rss = fits.map((f) => (f.law === 'a T^b' ? ms.reduce((s, m, i) => s + (Math.log(m) - Math.log(lawValue(f, Ts[i]))) ** 2, 0) : f.rss));
      return fits[rss.indexOf(Math.min(...rss))].law;
    };
    const r = fc.check(
      fc.property(
        arbData,
        fc.integer({ min: -30, max: 30 }),
        ({ Ts, ms }, k) =>
          logScale(Ts, ms) ===
          logScale(
            Ts,
            ms.map((m) => m * 2 ** k),
          ),
      ),
      { seed: 27, numRuns: 400 },
    );
    expect(r.failed).toBe(true);
  });
});
