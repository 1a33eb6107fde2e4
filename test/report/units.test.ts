/** Small units of the report: CSV round trip, plain progress lines, cell formatting, the property scan. */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCsv, parseCsv } from '../../src/report/csv.js';
import { createProgress } from '../../src/report/progress.js';
import { formatCell } from '../../src/report/format.js';
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
    expect(formatCell(Infinity)).toBe('∞');
    expect(formatCell(null)).toBe('–');
    expect(formatCell(true)).toBe('yes');
  });

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
