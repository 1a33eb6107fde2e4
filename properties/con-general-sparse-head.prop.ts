/**
 * con-general-sparse-head: for random T, s ≤ 8 and random truth tables (any function), the one-hot
 * general construction (attention weights ∝ 2^{s−1−j}) is certified on all 2^T inputs with the
 * requested margin; for T ≤ 14 the exhaustive reference minimum equals the certificate; norms stay
 * within the formulas; the mutations (table bit flipped, support shifted, readout sign flipped) are
 * rejected; the closed-form bound class (bound-architecture.ts) equals the measured one of
 * bounds/api.ts architectureFromModel field by field and gives the same generalization gap, and a model
 * that is not a construction is refused. Note: proofs-notes/con-general-sparse-head.md.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { construct, certify } from '../src/constructions/api.js';
import { sparseHeadNormBounds } from '../src/constructions/norm-formulas.js';
import { MARGIN_SLACK } from '../src/constructions/scales.js';
import { flipTableBit, shiftSupport, flipReadoutSign } from '../src/constructions/mutations.js';
import { sparseHeadArchitecture } from '../src/constructions/bound-architecture.js';
import { architectureFromModel, boundForArchitectureGap } from '../src/bounds/api.js';
import { close, REL_TOL_FLOAT64, ABS_TOL_FLOAT64, REL_TOL_ITERATIVE } from '../src/core/tolerances.js';
import { DomainError } from '../src/core/errors.js';
import { fromData } from '../src/core/matrix.js';
import { createRng } from '../src/core/rng.js';
import { measureNorms } from '../src/model/norms-report.js';
import { arbSizes, arbTable, arbNonConstantTable, arbSupportSeed, arbMargin, exhaustiveMinMargin, normViolations } from './support/constructions.js';

const arbSpec = (minT: number, maxT: number, maxS: number, table = arbTable) =>
  arbSizes(minT, maxT, maxS).chain(({ T, s }) => fc.record({ T: fc.constant(T), s: fc.constant(s), table: table(s), seed: arbSupportSeed, margin: arbMargin }));

function build(p: { T: number; s: number; table: string; seed: number; margin: number }) {
  return construct({ fn: `table:${p.table}`, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: 'onehot', margin: p.margin, family: 'general' });
}

/**
 * Paths where two values (Architectures) differ: numbers by close(REL_TOL_FLOAT64, ABS_TOL_FLOAT64), other
 * leaves by ===, every key of either side. `skip` names keys left out (see the property's comment).
 */
function fieldMismatches(a: unknown, b: unknown, skip: ReadonlySet<string>, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return close(a, b, REL_TOL_FLOAT64, ABS_TOL_FLOAT64) ? [] : [`${path}: ${a} vs ${b}`];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array vs non-array`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !skip.has(k)));
  return [...keys].flatMap((k) => fieldMismatches((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], skip, `${path}.${k}`));
}

/** Small constructions of either code kind and either family (default family from the table). */
const arbSmallConstruction = arbSizes(1, 16, 4).chain(({ T, s }) =>
  fc.record({
    T: fc.constant(T),
    s: fc.constant(s),
    fn: fc.oneof(
      fc.constantFrom('parity', 'and', 'or', 'majority'),
      arbTable(s).map((t) => `table:${t}`),
    ),
    seed: arbSupportSeed,
    margin: arbMargin,
    codes: fc.constantFrom<'onehot' | 'compact'>('onehot', 'compact'),
    entry: fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 1e-3, max: 5, noNaN: true })),
  }),
);

describe('con-general-sparse-head', () => {
  test.prop([arbSpec(1, 14, 8)], { seed: 4201, numRuns: 30 })('T <= 14: certified, exhaustive minimum equals the certificate', (p) => {
    const c = build(p);
    const cert = certify(c.model);
    expect(cert.certified).toBe(true);
    expect(cert.attained).toBe(true);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
    const ex = exhaustiveMinMargin(c.model, c.target);
    expect(close(ex.min, cert.minMargin, 1e-9, 1e-12)).toBe(true);
    let changes = 0;
    for (let k = 1; k < p.table.length; k++) if (p.table[k] !== p.table[k - 1]) changes++;
    expect(c.model.readout[0].weight.cols).toBeLessThanOrEqual(Math.max(1, Math.min(2 ** p.s, 2 * changes)));
  });

  test.prop([arbSpec(15, 4096, 8)], { seed: 4202, numRuns: 8 })('T up to 2^12, any table: certified with the requested margin', (p) => {
    const cert = certify(build(p).model);
    expect(cert.certified).toBe(true);
    expect(close(cert.minMargin, p.margin * (1 + MARGIN_SLACK), 1e-9)).toBe(true);
  });

  test.prop([arbSpec(1, 100, 7)], { seed: 4203, numRuns: 20 })('measured norms stay within the explicit formulas', (p) => {
    const c = build(p);
    expect(normViolations(c.model, sparseHeadNormBounds(p.T, p.s, p.margin, 'onehot', 'general'))).toEqual([]);
  });

  test.prop([arbSpec(1, 40, 5), fc.integer()], { seed: 4205, numRuns: 6 })('adversarial: flipping table bits to maximize measured/formula never exceeds 1', (p, seed) => {
    // Hill climb over truth tables (the readout norms depend on where the labels change).
    const rng = createRng(seed);
    const worstRatio = (table: string): number => {
      const c = build({ ...p, table });
      const bounds = sparseHeadNormBounds(p.T, p.s, p.margin, 'onehot', 'general') as unknown as Record<string, number>;
      const n = measureNorms(c.model);
      const measured = [
        n.clsHeads[0].wQK.spectral / bounds.qkSpectral,
        n.readout[0].spectral / bounds.readout1Spectral,
        n.readout[0].group21Columns / bounds.readout1Group21Columns,
        n.readout[1].spectral / bounds.readout2Spectral,
        n.readout[1].group21Rows / bounds.readout2Group21Rows,
      ];
      return Math.max(...measured);
    };
    let table = p.table;
    let best = worstRatio(table);
    for (let it = 0; it < 12; it++) {
      const row = rng.int(0, table.length - 1);
      const cand = table.slice(0, row) + (table[row] === '1' ? '0' : '1') + table.slice(row + 1);
      const r = worstRatio(cand);
      expect(r).toBeLessThanOrEqual(1 + 1e-9);
      if (r >= best) {
        best = r;
        table = cand;
      }
    }
  });

  test.prop([arbSpec(2, 300, 8, arbNonConstantTable), fc.nat()], { seed: 4204, numRuns: 25 })('mutations are rejected: table bit flipped, support shifted, readout sign flipped', (p, row) => {
    fc.pre(p.s < p.T);
    const c = build(p);
    expect(certify(c.model).certified).toBe(true);
    expect(certify(c.model, flipTableBit(c.target, row % 2 ** p.s)).certified).toBe(false);
    expect(certify(c.model, shiftSupport(c.target, p.T)).certified).toBe(false);
    expect(certify(flipReadoutSign(c.model)).certified).toBe(false);
  });

  test.prop([arbSmallConstruction], { seed: 4206, numRuns: 60 })(
    'sparseHeadArchitecture = architectureFromModel field by field, same gap; non-constructions refused (dropped bias row caught)',
    (p) => {
      const c = construct({ fn: p.fn as never, contextLength: p.T, sparsity: p.s, seed: p.seed, codes: p.codes, margin: p.margin });
      const closed = sparseHeadArchitecture(c.model);
      const measured = architectureFromModel(c.model);
      const skip = new Set<string>();
      expect(fieldMismatches(closed, measured, skip)).toEqual([]);
      for (const m of [1e4, 1e12]) {
        const a = boundForArchitectureGap(closed, m, p.margin, 0.05);
        const b = boundForArchitectureGap(measured, m, p.margin, 0.05);
        // The bound optimizes its ε split numerically, so float64-level input differences move it by ~1e−9.
        expect(close(a, b, REL_TOL_ITERATIVE), `gap at m = ${m}: closed form ${a}, measured ${b}`).toBe(true);
      }
      // Mutation: the output layer's Frobenius budget without its bias row (b2 = y_0 γ_out ≠ 0) is caught.
      const noBias = { ...closed, readout: closed.readout.map((r, i) => (i === 1 ? { ...r, frobenius: Math.hypot(...c.model.readout[1].weight.data) } : r)) };
      expect(fieldMismatches(noBias, measured, skip).length).toBeGreaterThan(0);
      // Not a construction: W_QK with a nonzero entry outside column 0, or a second [CLS] head.
      const d = c.model.width;
      const [i, j0, x] = p.entry;
      const j = 1 + (j0 % (d - 1));
      const wQK = Float64Array.from(c.model.clsHeads[0].wQK.data);
      wQK[(i % d) * d + j] += x;
      const broken = { ...c.model, clsHeads: [{ ...c.model.clsHeads[0], wQK: fromData(d, d, wQK) }] };
      expect(() => sparseHeadArchitecture(broken)).toThrow(DomainError);
      expect(() => sparseHeadArchitecture(broken)).toThrow(/^sparseHeadArchitecture: model must be a W_QK supported on column 0/);
      const twoHeads = { ...c.model, clsHeads: [c.model.clsHeads[0], c.model.clsHeads[0]] };
      expect(() => sparseHeadArchitecture(twoHeads)).toThrow(DomainError);
    },
  );
});
