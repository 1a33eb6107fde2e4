/**
 * The sparse-compression certificate (src/bounds/compression-certificate.ts, compression-class.ts;
 * thm-sparse-compression-certificate §1–§3) on a constructed majority head at T = 10, s = 3, each field
 * against the note written out here:
 * - the class prior ln(1/π): general ln C(T, s) + 2^s ln 2, symmetric ln C(T, s) + (s+1) ln 2, adaptive
 *   ln 2 + ln|G_sym| − ln(1 + |G_sym|/|G_gen|) (and ln 2 + ln|G_gen| for a non-symmetric g), and the
 *   confidence term ln(1/(δπ)) = ln(1/π) + ln(1/δ) (targets the class conditionals and the sign of ln δ');
 * - the forms: realizable iff K = 0, Occam (ln(1/π) + ln(1/δ))/m only then, the closed form 1 − (δπ)^{1/m},
 *   Hoeffding K/m + √(ln(1/(δπ))/(2m)), the order binomial ≤ kl ≤ Hoeffding;
 * - the options schema at its edges (K = m accepted, K = m + 1 refused with the field named);
 * - the certificate's copy of the certifier's fields and of g, the statement's parameters, `vacuous` for a
 *   bound of exactly 1 (K = m) and for a null bound (a g the model does not compute);
 * - sampleErrors against a count by hand on rows that differ, labels read as readSparseFunction reads them
 *   (> 0 is +1, 0 is −1) (targets the row slicing and the label test).
 */
import { describe, expect, test } from 'vitest';
import { construct, certify } from '../../../src/constructions/api.js';
import { targetLabel } from '../../../src/model/target.js';
import { compressionBound, compressionCertificate, compressionOptionsSchema, compressionStatement, certifiedCompression, sampleErrors } from '../../../src/bounds/compression-certificate.js';
import { logInversePrior } from '../../../src/bounds/compression-class.js';

/** Rounding allowance (relative) for a few float operations. */
const REL = 1e-13;
const close = (got: number, want: number, what: string) => expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(want)));

const T = 10;
const s = 3;
const built = construct({ fn: 'majority', contextLength: T, sparsity: s, seed: 3 });
const g = built.target;
const cert = certify(built.model, g);
// ln C(10, 3) = ln 120.
const lnC = Math.log(120);
const lnGen = lnC + 8 * Math.LN2;
const lnSym = lnC + 4 * Math.LN2;
/** Not symmetric: rows 001 and 010 (one 1 each) differ. */
const nonSymTable = '01000000';

describe('class prior (note §1)', () => {
  test('general, symmetric, adaptive for a symmetric g; a non-symmetric g', () => {
    close(logInversePrior(g, T, 'general') as number, lnGen, 'general');
    close(logInversePrior(g, T, 'symmetric') as number, lnSym, 'symmetric');
    close(logInversePrior(g, T, 'adaptive') as number, Math.LN2 + lnSym - Math.log1p(Math.exp(lnSym - lnGen)), 'adaptive');
    const ns = { support: [...g.support], table: nonSymTable };
    expect(logInversePrior(ns, T, 'symmetric')).toBeNull();
    close(logInversePrior(ns, T, 'adaptive') as number, Math.LN2 + lnGen, 'adaptive, non-symmetric');
    close(logInversePrior(ns, T, 'general') as number, lnGen, 'general, non-symmetric');
  });
});

describe('compressionBound (note §2–§3)', () => {
  const m = 400;
  const delta = 0.02;
  test.each(['general', 'symmetric', 'adaptive'] as const)('K = 0, class %s: realizable, closed form, Occam', (cls) => {
    const lp = { general: lnGen, symmetric: lnSym, adaptive: Math.LN2 + lnSym - Math.log1p(Math.exp(lnSym - lnGen)) }[cls];
    const b = compressionBound(g, T, { sampleSize: m, trainErrors: 0, delta, functionClass: cls });
    const conf = lp - Math.log(delta);
    close(b.logInversePrior, lp, 'ln 1/π');
    close(b.logInverseConfidence, conf, 'ln 1/(δπ)');
    expect(b.form).toBe('realizable');
    expect(b.symmetric).toBe(true);
    close(b.forms.occam as number, conf / m, 'Occam');
    close(b.forms.binomial, 1 - Math.exp(-conf / m), 'closed form');
    close(b.forms.hoeffding, Math.sqrt(conf / (2 * m)), 'Hoeffding');
    expect(b.forms.binomial).toBeLessThanOrEqual(b.forms.kl);
    expect(b.forms.kl).toBeLessThanOrEqual(b.forms.hoeffding);
  });

  test('K = 7: agnostic, no Occam form, Hoeffding K/m + √(c/2)', () => {
    const b = compressionBound(g, T, { sampleSize: m, trainErrors: 7, delta, functionClass: 'general' });
    const conf = lnGen - Math.log(delta);
    expect(b.form).toBe('agnostic');
    expect(b.forms.occam).toBeNull();
    close(b.forms.hoeffding, 7 / m + Math.sqrt(conf / (2 * m)), 'Hoeffding');
    expect(b.forms.binomial).toBeGreaterThan(7 / m);
    expect(b.forms.binomial).toBeLessThanOrEqual(b.forms.kl);
    expect(b.forms.kl).toBeLessThanOrEqual(b.forms.hoeffding);
  });

  test("a non-symmetric g under class 'symmetric' is refused", () => {
    const ns = { support: [...g.support], table: nonSymTable };
    expect(() => compressionBound(ns, T, { sampleSize: m, trainErrors: 0, delta, functionClass: 'symmetric' })).toThrow(/compressionCertificate: target must be symmetric/);
  });
});

describe('options schema edges', () => {
  test('K = m accepted, K = m + 1 refused naming trainErrors', () => {
    expect(compressionOptionsSchema.safeParse({ sampleSize: 5, trainErrors: 5 }).success).toBe(true);
    const bad = compressionOptionsSchema.safeParse({ sampleSize: 5, trainErrors: 6 });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/trainErrors/);
  });
});

describe('certifiedCompression: the returned certificate', () => {
  test('copies the certifier and g, states its parameters, not vacuous below 1', () => {
    const c = compressionCertificate(built.model, g, { sampleSize: 300, trainErrors: 0, delta: 0.1, functionClass: 'adaptive' });
    expect(c.signAgrees).toBe(cert.certifiedLowerBound > 0);
    expect(c.signAgrees).toBe(true);
    expect(c.certificate).toEqual({
      minMargin: cert.minMargin,
      certifiedLowerBound: cert.certifiedLowerBound,
      slack: cert.slack,
      method: cert.method,
      inputsCovered: cert.inputsCovered,
      worstInput: cert.worstInput,
      worstInputMargin: cert.worstInputMargin,
    });
    expect(c.target).toEqual({ support: [...g.support], table: g.table });
    expect(c.target.support).not.toBe(g.support);
    expect(c.contextLength).toBe(T);
    expect(c.sparsity).toBe(s);
    expect(c.statement).toBe(compressionStatement(T, s, 'adaptive', 0.1));
    expect(c.statement).toMatch(/1 - 0\.1 over m i\.i\.d\. samples from any distribution on \{0,1\}\^10 /);
    expect(c.statement).toMatch(/every 3-sparse function of the 'adaptive' class/);
    expect(c.bound).toBe(c.forms.binomial);
    expect(c.vacuous).toBe(false);
    expect(c.form).toBe('realizable');
  });

  test('vacuous at a bound of exactly 1 (K = m) and for a null bound (g not computed by the model)', () => {
    const all = certifiedCompression(built.model, g, { sampleSize: 50, trainErrors: 50, delta: 0.05, functionClass: 'general' }, cert);
    expect(all.bound).toBe(1);
    expect(all.vacuous).toBe(true);
    expect(all.form).toBe('agnostic');
    // Majority's model against the constant-false table on the same support: the sign disagrees somewhere.
    const wrong = { support: [...g.support], table: '00000000' };
    const w = compressionCertificate(built.model, wrong, { sampleSize: 300, trainErrors: 0 });
    expect(w.signAgrees).toBe(false);
    expect(w.bound).toBeNull();
    expect(w.vacuous).toBe(true);
  });
});

describe('sampleErrors', () => {
  test('counts rows whose label differs from g, rows read T bits apart', () => {
    // Four rows of T bits: g's support bits give majority 1, 0, 0, 1 (labels ±1 of g: +1, −1, −1, +1).
    const rows = [
      [1, 1, 1],
      [0, 0, 1],
      [0, 0, 0],
      [1, 0, 1],
    ];
    const bits = new Uint8Array(4 * T);
    rows.forEach((r, i) => {
      g.support.forEach((p, j) => {
        bits[i * T + p - 1] = r[j];
      });
    });
    const want = rows.map((_, i) => targetLabel(g, bits.subarray(i * T, (i + 1) * T)));
    expect(want).toEqual([1, -1, -1, 1]);
    expect(sampleErrors(g, bits, [1, -1, -1, 1], T)).toBe(0);
    expect(sampleErrors(g, bits, [1, 1, -1, -1], T)).toBe(2);
    expect(sampleErrors(g, bits, [-1, 1, 1, -1], T)).toBe(4);
    // Only the labelled rows count (the fourth row, g = +1, is not read).
    expect(sampleErrors(g, bits, [1, -1, -1], T)).toBe(0);
    expect(sampleErrors(g, bits, [-1, -1, 1], T)).toBe(2);
    // A label > 0 reads as +1 and anything else as −1, as readSparseFunction reads them (so K counts the
    // disagreements with the labels the table was voted from).
    expect(sampleErrors(g, bits, [0.25, 0, 0, 0.25], T)).toBe(0);
    expect(sampleErrors(g, bits, [0, 0.25, 0.25, 0], T)).toBe(4);
  });
});
