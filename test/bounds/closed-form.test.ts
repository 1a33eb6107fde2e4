/**
 * cor-closed-form-gap's two evaluations at the cases the property file does not reach: a grid cell's
 * confidence cost u = ln(1/w) (it enters as ln(2/δ) + u, i.e. as δ·e^{−u}), a class with no parts
 * (K = 0), and the LaTeX rendering of α_i, β_i.
 */
import { describe, expect, test } from 'vitest';
import { closedFormGap, closedFormValue } from '../../src/bounds/closed-form.js';
import { architectureFromRequest } from '../../src/bounds/api.js';
import { architectureCover } from '../../src/bounds/transformer-covering.js';
import { boundRequestSchema } from '../../src/bounds/request-schema.js';
import { WORKED_EXAMPLE_REQUEST } from '../../src/bounds/worked-example.js';
import { SOFTMAX_LINF_L1_CONSTANT } from '../../src/bounds/softmax-step.js';
import { REL_TOL_FLOAT64 } from '../../src/core/tolerances.js';

const req = boundRequestSchema.parse(WORKED_EXAMPLE_REQUEST);
const cover = architectureCover(architectureFromRequest(req), req.sampleSize, SOFTMAX_LINF_L1_CONSTANT);
const base = { parts: cover.parts, rangeBound: cover.rangeBound, sampleSize: req.sampleSize, margin: req.margin, delta: req.delta };
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(8 * REL_TOL_FLOAT64 * Math.abs(b));

describe('closed form: grid cost, empty class, LaTeX', () => {
  test('u = ln(1/w) > 0 acts as δ·e^{−u}, in the number and in the tree (which carries u in its scope)', () => {
    const u = 7.25;
    const withU = closedFormValue({ ...base, unionLogInverseWeight: u });
    close(withU, closedFormValue({ ...base, delta: base.delta * Math.exp(-u) }));
    expect(withU).toBeGreaterThan(closedFormValue(base));
    const tree = closedFormGap({ ...base, unionLogInverseWeight: u });
    expect(tree.scope.u).toBe(u);
    close(tree.value, withU);
    expect(closedFormGap(base).scope.u).toBe(0);
  });

  test('no parts: K = 0, M = 60, both evaluations agree', () => {
    const p = { ...base, parts: [] };
    const v = closedFormValue(p);
    close(v, (2 / base.margin) * base.rangeBound * 2 ** -60 + 3 * Math.sqrt(Math.log(2 / base.delta) / (2 * base.sampleSize)));
    close(closedFormGap(p).value, v);
  });

  test('LaTeX renders α_i and β_i as Greek letters with braced subscripts', () => {
    const { latex } = closedFormGap(base);
    for (let i = 1; i <= cover.parts.length; i++) {
      expect(latex).toContain(`\\alpha_{${i}}`);
      expect(latex).toContain(`\\beta_{${i}}`);
    }
    expect(latex).not.toMatch(/alpha\\_|beta\\_|alpha_\d/);
    expect(latex).toContain('\\gamma');
  });
});
