/** Small units of the report: CSV round trip, plain progress lines, cell formatting, the property scan. */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCsv, parseCsv } from '../../src/report/csv.js';
import { createProgress } from '../../src/report/progress.js';
import { formatCell, formatNumber, formatR2, formatSeconds, formatVsLimit } from '../../src/report/format.js';
import { test as ftest, fc } from '../helpers/fc-test.js';
import { scanProperties } from '../../src/report/property-scan.js';

describe('report units', () => {
  test('CSV quotes commas, quotes and newlines, and parses back', () => {
    const rows = [
      { a: 'x,y', b: 'say "hi"', c: 1.5 },
      { a: 'two\nlines', b: null, c: Infinity },
    ];
    const text = toCsv(rows);
    expect(text.split('\n')[0]).toBe('a,b,c');
    expect(parseCsv(text)).toEqual([
      { a: 'x,y', b: 'say "hi"', c: '1.5' },
      { a: 'two\nlines', b: '', c: 'Infinity' },
    ]);
  });

  test('plain progress prints one line per quarter and the last, to the given stream', () => {
    const lines: string[] = [];
    const stream = {
      isTTY: false,
      write: (s: string) => {
        lines.push(s);
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const p = createProgress('step', 100, { stream });
    for (let i = 1; i <= 100; i++) p.update(i);
    p.stop();
    expect(lines.map((l) => l.replace(/ \(.*$/s, ''))).toEqual(['step: 25/100', 'step: 50/100', 'step: 75/100', 'step: 100/100']);
    const quiet: string[] = [];
    const s2 = {
      isTTY: false,
      write: (s: string) => {
        quiet.push(s);
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const q = createProgress('x', 3, { stream: s2, silent: true });
    q.update(3);
    q.stop();
    expect(quiet).toEqual([]);
  });

  test('formatCell keeps 6 significant digits, spells infinities and null', () => {
    expect(formatCell(0.9999666679)).toBe('0.999967');
    expect(formatCell(12)).toBe('12');
    expect(formatCell(1.23456789e-7)).toBe('1.23457e-7');
    expect(formatCell(1048576)).toBe('1048576');
    expect(formatCell(10_000_000_000)).toBe('1e10');
    expect(formatCell(2.74025e7)).toBe('2.74025e7');
    expect(formatCell(Infinity)).toBe('∞');
    expect(formatCell(null)).toBe('–');
    expect(formatCell(true)).toBe('yes');
  });

  test('one formatter: the implied-m range reads 3.31e13 .. 8.37e14; R² from fewer than 3 points or NaN is no fit quality', () => {
    expect(`${formatNumber(33115023374625, 3)} .. ${formatNumber(837361441437765, 3)}`).toBe('3.31e13 .. 8.37e14');
    expect(formatR2(Number.NaN, 2)).toBe('n/a (fewer than 3 points)');
    expect(formatR2(1, 2)).toBe('n/a (fewer than 3 points)');
    expect(formatR2(0.99996, 17)).toBe('0.99996');
    expect(formatR2(0.75, 3)).toBe('0.75');
    expect(formatVsLimit(0.9999666679, 1, 4)).toBe('0.99997');
    expect(formatSeconds(83)).toBe('1 min 23 s');
    expect(formatSeconds(0.2)).toBe('1 s');
    expect(() => formatNumber(1, 0)).toThrow(/formatNumber: digits must be an integer in \[1, 17\] \(got 0\)/);
  });

  ftest.prop([fc.double({ min: -1e20, max: 1e20, noNaN: true }), fc.double({ min: -1e20, max: 1e20, noNaN: true }), fc.integer({ min: 1, max: 8 })], { seed: 31, numRuns: 2000 })(
    'formatVsLimit never puts the figure on the other side of (or onto) the limit',
    (v, limit, digits) => {
      const shown = Number(formatVsLimit(v, limit, digits));
      expect(Math.sign(shown - limit)).toBe(Math.sign(v - limit));
    },
  );

  // |v| ≤ 1e300: near the float64 maximum, rounding up can print a figure (2e308) that reads back as ∞.
  ftest.prop([fc.double({ min: -1e300, max: 1e300, noNaN: true }), fc.integer({ min: 1, max: 17 })], { seed: 32, numRuns: 2000 })(
    'formatNumber reads back within its significant digits',
    (v, digits) => {
      const back = Number(formatNumber(v, digits));
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 10 ** (1 - digits));
    },
  );

  test('the property scan reads name, seed and numRuns (literal, expression, default)', () => {
    const root = mkdtempSync(join(tmpdir(), 'attn-scan-'));
    mkdirSync(join(root, 'properties', 'sub'), { recursive: true });
    writeFileSync(
      join(root, 'properties', 'sub', 'a.prop.ts'),
      "test.prop([fc.integer(), fc.array(fc.nat())], { seed: 42, numRuns: 1_000 })('first (x, y)', () => {});\n" +
        'test.prop([fc.integer()], { seed: SEED, numRuns: N })("second", () => {});\n' +
        "it.prop([fc.integer()])('third', () => {});\n",
    );
    expect(scanProperties(root)).toEqual([
      { file: 'properties/sub/a.prop.ts', name: 'first (x, y)', seed: 42, numRuns: 1000 },
      { file: 'properties/sub/a.prop.ts', name: 'second', seed: 'SEED', numRuns: 'N' },
      { file: 'properties/sub/a.prop.ts', name: 'third', seed: null, numRuns: null },
    ]);
  });
});
