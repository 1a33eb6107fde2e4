/**
 * The report's files say what holds (issue 12 item 1): index.md, index.html and the terminal summary
 * carry the verdict table (claim in one sentence, criterion fixed in code, evidence, pass / fail /
 * inconclusive) at the top and each section's own verdicts at its start; figures without a criterion
 * (info) are listed apart, never as verdicts.
 */
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown, type ReportMeta } from '../../src/report/markdown.js';
import { figuresTable, summaryTable, verdictTable, wrapCell } from '../../src/report/summary.js';
import type { ReportSection, Verdict } from '../../src/report/types.js';

const meta: ReportMeta = { title: 'T', generatedAt: 'now', source: 'a store', lines: [] };
type L = [check: string, value: string, verdict: Verdict, claim?: string, criterion?: string];
const section = (id: string, title: string, lines: L[]): ReportSection => ({
  id,
  title,
  available: true,
  paragraphs: ['text'],
  tables: [],
  plots: [],
  summary: lines.map(([check, value, verdict, claim, criterion]) => ({ section: title, check, value, verdict, ...(claim ? { claim } : {}), ...(criterion ? { criterion } : {}) })),
});
const sections = [
  section('capacity', '1. Capacity', [
    ['log-T law', '1.06', 'pass', 'Capacity grows like log T.', 'ratio ≤ 2'],
    ['gap range', '0.17 -> 0.18', 'info'],
  ]),
  section('learning', '3. Learning', [
    ['m* majority, transformer', 'inconclusive (slope range)', 'inconclusive', 'm* grows like a + b ln T.', 'alg-learning-verdict'],
    ['m* parity', 'contradicted', 'fail', 'm* of parity grows like a + b ln T.', 'alg-learning-verdict'],
  ]),
];

describe('verdicts in the report files', () => {
  test('the verdict table has every claim line in order, with claim, criterion, evidence and verdict; info lines go to the figures table', () => {
    const t = verdictTable(sections);
    expect(t.columns).toEqual(['section', 'claim', 'criterion (fixed in code)', 'evidence', 'verdict']);
    expect(t.rows).toEqual([
      ['1. Capacity', 'Capacity grows like log T.', 'ratio ≤ 2', '1.06', 'pass'],
      ['3. Learning', 'm* grows like a + b ln T.', 'alg-learning-verdict', 'inconclusive (slope range)', 'inconclusive'],
      ['3. Learning', 'm* of parity grows like a + b ln T.', 'alg-learning-verdict', 'contradicted', 'fail'],
    ]);
    expect(figuresTable(sections).rows).toEqual([['1. Capacity', 'gap range', '0.17 -> 0.18']]);
  });

  test('the terminal summary holds the same rows (cells wrapped, words intact)', () => {
    const text = summaryTable(sections, 100);
    const words = text.split(/\s+/);
    for (const r of [...verdictTable(sections).rows, ...figuresTable(sections).rows]) for (const c of r) for (const w of String(c).split(/\s+/)) expect(words).toContain(w);
    expect(text.indexOf('Verdicts')).toBeLessThan(text.indexOf('Figures'));
    expect(text.split('\n').every((l) => l.length <= 110)).toBe(true);
    expect(wrapCell('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapCell('a-very-long-word x', 4)).toEqual(['a-very-long-word', 'x']);
  });

  test('index.md shows the verdicts before the contents and each section its own', () => {
    const md = renderMarkdown(meta, sections, new Map());
    const top = md.indexOf('Verdicts: what holds');
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(md.indexOf('## Contents'));
    expect(md).toContain('| 3. Learning | m* of parity grows like a + b ln T. | alg-learning-verdict | contradicted | fail |');
    const learning = md.indexOf('## 3. Learning');
    expect(md.indexOf('Verdicts: 3. Learning')).toBeGreaterThan(learning);
    expect(md.slice(md.indexOf('Verdicts: 3. Learning'))).not.toContain('log T.');
    expect(md.indexOf('Figures: 1. Capacity')).toBeGreaterThan(md.indexOf('## 1. Capacity'));
  });

  test('index.html shows the same tables with pass, fail and inconclusive marked', () => {
    const html = renderHtml(meta, sections, new Map());
    expect(html.indexOf('Verdicts: what holds')).toBeLessThan(html.indexOf('<nav>'));
    expect(html).toContain('<td class="verdict-fail">fail</td>');
    expect(html.match(/class="verdict-pass"/g)?.length).toBe(2); // the top table + the section's
    expect(html.match(/class="verdict-inconclusive"/g)?.length).toBe(2);
    expect(html).toContain('<th>criterion (fixed in code)</th>');
  });
});
