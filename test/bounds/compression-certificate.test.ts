/**
 * thm-sparse-compression-certificate on a constructed head (fast): the read-off recovers the support and
 * the table from the head's attention and a seeded sample, the certificate at T = 64, s = 3, m = 1000 is
 * the closed form 1 − (δ/|G|)^{1/m} ≤ 0.1; bad options are refused with one line naming the field; the
 * CLI path `certify MODEL --generalization --m M --train-errors K` prints the same bound and exits 2 on bad flags.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { construct } from '../../src/constructions/api.js';
import { createRng } from '../../src/core/rng.js';
import { targetLabel } from '../../src/model/target.js';
import { writeModelFile } from '../../src/model/format.js';
import { readSparseFunction, sameFunction } from '../../src/bounds/compression-readoff.js';
import { compressionCertificate, sampleErrors } from '../../src/bounds/compression-certificate.js';
import { logGeneralClassSize } from '../../src/bounds/compression-class.js';
import { runCli, isOneLineError } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-compression-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = 64;
const m = 1000;
const built = construct({ fn: 'majority', contextLength: T, sparsity: 3, seed: 7 });

/** m uniform inputs (seeded) labelled by the target. */
function sample(seed: number): { bits: Uint8Array; labels: Int8Array } {
  const rng = createRng(seed);
  const bits = new Uint8Array(m * T);
  const labels = new Int8Array(m);
  for (let i = 0; i < m; i++) {
    for (let t = 0; t < T; t++) bits[i * T + t] = rng.bit();
    labels[i] = targetLabel(built.target, bits.subarray(i * T, (i + 1) * T));
  }
  return { bits, labels };
}

describe('compression certificate on a constructed majority head, T = 64, s = 3, m = 1000', () => {
  test('read-off recovers the support and table; the realizable bound is the closed form and ≤ 0.1', () => {
    const { bits, labels } = sample(31);
    const read = readSparseFunction(built.model, bits, labels, 3);
    expect(read.target.support).toEqual([...built.target.support].sort((a, b) => a - b));
    expect(read.target.table).toBe(built.target.table);
    const K = sampleErrors(read.target, bits, labels, T);
    expect(K).toBe(0);
    const general = compressionCertificate(built.model, read.target, { sampleSize: m, trainErrors: K, delta: 0.05 });
    expect(general.signAgrees).toBe(true);
    expect(general.form).toBe('realizable');
    const closed = 1 - Math.exp(-(logGeneralClassSize(T, 3) + Math.log(20)) / m); // ln|G| = ln C(64,3) + 8 ln 2 = 16.18
    expect(general.bound as number).toBeCloseTo(closed, 12);
    expect(general.bound as number).toBeLessThanOrEqual(0.1);
    expect(general.bound as number).toBeCloseTo(0.019, 3);
    const adaptive = compressionCertificate(built.model, read.target, { sampleSize: m, trainErrors: K, delta: 0.05, functionClass: 'adaptive' });
    expect(adaptive.bound as number).toBeLessThan(general.bound as number);
    // Label noise: a table that disagrees with some labels is the agnostic form, larger.
    const noisy = Int8Array.from(labels, (y, i) => (i % 50 === 0 ? -y : y));
    const Kn = sampleErrors(read.target, bits, noisy, T);
    expect(Kn).toBe(20);
    const agn = compressionCertificate(built.model, read.target, { sampleSize: m, trainErrors: Kn, delta: 0.05 });
    expect(agn.form).toBe('agnostic');
    expect(agn.bound as number).toBeGreaterThan(0.02);
    expect(agn.bound as number).toBeLessThan(agn.forms.hoeffding);
  });

  test('sameFunction: a permuted support with the permuted table is the same function; a changed row or support is not', () => {
    const g = { support: [5, 2, 9], table: '01000000' }; // +1 exactly at b_5 = 0, b_2 = 0, b_9 = 1
    expect(sameFunction(g, { support: [2, 5, 9], table: '01000000' }, 16)).toBe(true); // b_2 = b_5 = 0 symmetric in 2, 5
    expect(sameFunction(g, { support: [9, 2, 5], table: '00001000' }, 16)).toBe(true); // row 100 = b_9 = 1, b_2 = 0, b_5 = 0
    expect(sameFunction(g, { support: [9, 2, 5], table: '00000100' }, 16)).toBe(false);
    expect(sameFunction(g, { support: [5, 2, 10], table: '01000000' }, 16)).toBe(false);
  });

  test('bad options name the field', () => {
    const g = built.target;
    expect(() => compressionCertificate(built.model, g, { sampleSize: m, trainErrors: 0, delta: Number.NaN })).toThrow(/compressionCertificate: delta must be in \(0, 1\)/);
    expect(() => compressionCertificate(built.model, g, { sampleSize: m, trainErrors: m + 1 })).toThrow(/trainErrors must be <= sampleSize/);
    expect(() => compressionCertificate(built.model, g, { sampleSize: m, trainErrors: 0, extra: 1 })).toThrow(/extra/);
    expect(() => compressionCertificate(built.model, { support: g.support, table: '01000000' }, { sampleSize: m, trainErrors: 0, functionClass: 'symmetric' })).toThrow(/symmetric/);
    expect(() => compressionCertificate(built.model, { support: [1, 2, 65], table: g.table }, { sampleSize: m, trainErrors: 0 })).toThrow(/target.support must be positions in 1..64/);
  });

  test('CLI: certify --generalization prints the library bound; bad flags exit 2 with one line', () => {
    const path = join(dir, 'maj.json');
    writeModelFile(path, built.model);
    const spec = `majority@${built.target.support.join(',')}`;
    const r = runCli(['certify', path, '--target', spec, '--generalization', '--m', '1e3', '--train-errors', '0', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const lib = compressionCertificate(built.model, built.target, { sampleSize: m, trainErrors: 0 });
    expect(j.bound).toBe(lib.bound);
    expect(j.functionClass).toBe('general');
    for (const bad of [
      ['--generalization', '--m', '1000'],
      ['--generalization', '--m', '1000', '--train-errors', '1001'],
      ['--generalization', '--m', '1000', '--train-errors', '0', '--class', 'sym'],
      ['--generalization', '--m', '1000', '--train-errors', '0', '--margin', '1'],
      ['--m', '1000'],
    ]) {
      const e = runCli(['certify', path, '--target', spec, ...bad]);
      expect(e.code, bad.join(' ')).toBe(2);
      expect(isOneLineError(e), e.stderr).toBe(true);
    }
  });
});
