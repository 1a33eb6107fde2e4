/**
 * The report's files say what holds (issue 12 item 1): index.md and index.html carry the verdict table
 * (the terminal summary's lines) at the top and each section's own verdicts at its start.
 */
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown, type ReportMeta } from '../../src/report/markdown.js';
import { summaryTable, verdictTable } from '../../src/report/summary.js';
import type { ReportSection } from '../../src/report/types.js';

const meta: ReportMeta = { title: 'T', generatedAt: 'now', source: 'a store', lines: [] };
const section = (id: string, title: string, lines: [string, string, 'pass' | 'fail' | 'info' | 'n/a'][]): ReportSection => ({
  id,
  title,
  available: true,
  paragraphs: ['text'],
  tables: [],
  plots: [],
  summary: lines.map(([check, value, verdict]) => ({ section: title, check, value, verdict })),
});
const sections = [
  section('capacity', '1. Capacity', [['log-T law', '1.06', 'pass']]),
  section('learning', '3. Learning', [
    ['m* majority, transformer', 'supported', 'pass'],
    ['m* parity', 'censored', 'fail'],
  ]),
];

describe('verdicts in the report files', () => {
  test('the top table has every summary line, in order, as the terminal summary does', () => {
    const t = verdictTable(sections);
    expect(t.rows).toEqual([
      ['1. Capacity', 'log-T law', '1.06', 'pass'],
      ['3. Learning', 'm* majority, transformer', 'supported', 'pass'],
      ['3. Learning', 'm* parity', 'censored', 'fail'],
    ]);
    for (const r of t.rows) for (const c of r) expect(summaryTable(sections)).toContain(String(c));
  });

  test('index.md shows the verdicts before the contents and each section its own', () => {
    const md = renderMarkdown(meta, sections, new Map());
    const top = md.indexOf('Verdicts: what holds');
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(md.indexOf('## Contents'));
    expect(md).toContain('| 3. Learning | m* parity | censored | fail |');
    const learning = md.indexOf('## 3. Learning');
    expect(md.indexOf('Verdicts: 3. Learning')).toBeGreaterThan(learning);
    expect(md.slice(md.indexOf('Verdicts: 3. Learning'))).not.toContain('log-T law');
  });

  test('index.html shows the same table with fail and pass marked', () => {
    const html = renderHtml(meta, sections, new Map());
    expect(html.indexOf('Verdicts: what holds')).toBeLessThan(html.indexOf('<nav>'));
    expect(html).toContain('<td class="verdict-fail">fail</td>');
    expect(html.match(/class="verdict-pass"/g)?.length).toBe(4); // 2 in the top table + 1 in each section's
  });
});
