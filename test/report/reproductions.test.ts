/**
 * The learning section's external reproductions come from the committed data, row for row: SutroYaro's
 * steps to solve per seed beside their 832, and Trauger & Tewari's logged quantities per T (their own
 * figures are not at hand, and the table says so). A malformed file is an error, never a silent gap.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultReproductionDir, reproductionParts, SUTROYARO_REPORTED_STEPS } from '../../src/report/sections/learning-reproductions.js';
import { FileFormatError } from '../../src/core/errors.js';

test('the tables hold the committed rows, with their figure beside ours', () => {
  const dir = defaultReproductionDir();
  const parts = reproductionParts('3. Learning', dir);
  const sutro = parts.tables.find((t) => t.id === 'learning-sutroyaro')!;
  const csv = readFileSync(join(dir, 'sutroyaro-reproduction.csv'), 'utf8').trim().split('\n').slice(1);
  expect(sutro.rows.length).toBe(csv.length);
  for (const [i, line] of csv.entries()) expect(sutro.rows[i]![1]).toBe(Number(line.split(',')[1]));
  expect(sutro.rows.every((r) => String(r[4]).startsWith(String(SUTROYARO_REPORTED_STEPS)))).toBe(true);
  const tt = parts.tables.find((t) => t.id === 'learning-trauger-tewari')!;
  const json = JSON.parse(readFileSync(join(dir, 'trauger-tewari-reproduction.json'), 'utf8')) as { perT: { T: number }[] };
  expect(tt.rows.map((r) => r[0])).toEqual(json.perT.map((r) => r.T));
  expect(tt.rows.every((r) => r[8] === 'not at hand')).toBe(true);
  expect(parts.summary.map((l) => l.check)).toEqual([
    'SutroYaro parity MLP: median steps to solve (ours / theirs)',
    'Trauger–Tewari majority: Σℓ1 without positions, generalization gap (first → last T)',
    'Trauger–Tewari weights: our grid-union gap bound; compression certificates',
  ]);
  // Our bounds on those weights, one row per committed model, in the CSV's order.
  const bounds = parts.tables.find((t) => t.id === 'learning-trauger-tewari-bounds')!;
  const bcsv = readFileSync(join(dir, 'trauger-tewari-bounds.csv'), 'utf8').trim().split('\n');
  const col = bcsv[0]!.split(',').indexOf('boundGap');
  expect(bounds.rows.map((r) => r[3])).toEqual(bcsv.slice(1).map((l) => Number(l.split(',')[col])));
});

test('absent data leave the tables out; malformed data are an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attn-repro-'));
  try {
    expect(reproductionParts('3. Learning', dir).tables).toEqual([]);
    writeFileSync(join(dir, 'trauger-tewari-reproduction.json'), '{"perT": 3}');
    expect(() => reproductionParts('3. Learning', dir)).toThrow(FileFormatError);
    writeFileSync(join(dir, 'trauger-tewari-reproduction.json'), '{not json');
    expect(() => reproductionParts('3. Learning', dir)).toThrow(/must be JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
