/**
 * docs/model-format.md's worked example and test vectors are right: every number the page states is
 * recomputed with the reference code and looked up in the page's text.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readModelFile } from '../../src/model/format.js';
import { forwardTrace } from '../../src/model/forward.js';
import { readoutForwardVector } from '../../src/model/readout.js';
import { targetIndex, targetLabel } from '../../src/model/target.js';
import { parseBits } from '../../src/model/embed.js';
import { fmix32, signHash } from '../../src/model/position-codes.js';

const DOC = readFileSync(fileURLToPath(new URL('../../docs/model-format.md', import.meta.url)), 'utf8');
const model = readModelFile(fileURLToPath(new URL('../../examples/parity3-T8.json', import.meta.url)));

describe('docs/model-format.md worked example (b = 01000010)', () => {
  const b = parseBits('test', 'bits', '01000010', 8);
  const trace = forwardTrace(model, b);
  const head = trace.clsHeads[0];
  test('scores and attention weights', () => {
    expect(Array.from(head.scores)).toEqual([0, 0, 12, 0, 0, 12, 0, 12, 0]);
    expect(DOC).toContain(String(head.attention[2]));
    expect(DOC).toContain(head.attention[0].toExponential().replace('e-', 'e−'));
    expect(head.attention[2]).toBeCloseTo(Math.exp(12) / (3 * Math.exp(12) + 6), 15);
  });
  test('head output, readout hidden layer, f(b)', () => {
    expect(DOC).toContain(String(head.output[0]));
    const hidden = readoutForwardVector([model.readout[0]], trace.pooled);
    expect(DOC).toContain(`[${Array.from(hidden).join(', ')}]`);
    expect(DOC).toContain(`f(b) = ${trace.output}`);
  });
  test('truth-table index, label and margin', () => {
    expect(targetIndex(model.target!, b)).toBe(5);
    expect(targetLabel(model.target!, b)).toBe(-1);
    expect(DOC).toContain(`y·f(b) = ${(-trace.output).toFixed(5)}`);
  });
});

describe('docs/model-format.md hash test vectors', () => {
  test('fmix32', () => {
    expect(fmix32(0)).toBe(0);
    expect(DOC).toContain(`fmix32(1) = ${fmix32(1)}`);
  });
  test('signHash(12345, t, j)', () => {
    const show = (t: number) => [0, 1, 2, 3].map((j) => (signHash(12345, t, j) === 1 ? '+1' : '−1')).join(', ');
    expect(DOC).toContain(`signHash(12345, 0, j) for j = 0, 1, 2, 3 is\n${show(0)}`);
    expect(DOC).toContain(`signHash(12345, 1, j) is ${show(1)}`);
  });
});
