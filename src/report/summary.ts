/**
 * The report's verdicts (alg-report-checks): one row per claim checked, giving the claim in one
 * sentence, the criterion fixed in code, the evidence and pass / fail / inconclusive; and, apart, the
 * figures shown without a criterion (info). The same rows go to index.md, index.html and the terminal.
 */
import type { ReportSection, ReportTable, SummaryLine, Verdict } from './types.js';

/** Verdicts a claim row can carry (info lines are figures, listed apart). */
export const CLAIM_VERDICTS: readonly Verdict[] = ['pass', 'fail', 'inconclusive', 'n/a'];

/** Columns of the verdict table. */
export const VERDICT_COLUMNS = ['section', 'claim', 'criterion (fixed in code)', 'evidence', 'verdict'] as const;
/** Columns of the figures table. */
export const FIGURE_COLUMNS = ['section', 'figure', 'value'] as const;

const isClaim = (l: SummaryLine) => CLAIM_VERDICTS.includes(l.verdict);
const claimRow = (l: SummaryLine) => [l.section, l.claim ?? l.check, l.criterion ?? '–', l.value, l.verdict];
const figureRow = (l: SummaryLine) => [l.section, l.check, l.value];

/** The lines of every section, or of one section when `only` is given. */
function linesOf(sections: readonly ReportSection[], only?: ReportSection): readonly SummaryLine[] {
  return only ? only.summary : sections.flatMap((s) => s.summary);
}

/**
 * The report's verdicts as a table: one row per claim checked (pass / fail / inconclusive / n/a), with
 * the claim, its criterion and the evidence; every section's, or one section's when `only` is given.
 * index.md and index.html show it at the top and per section (alg-report-checks).
 */
export function verdictTable(sections: readonly ReportSection[], only?: ReportSection): ReportTable {
  return {
    id: only ? `verdicts-${only.id}` : 'verdicts',
    title: only ? `Verdicts: ${only.title}` : 'Verdicts: what holds, per claim checked',
    columns: [...VERDICT_COLUMNS],
    rows: linesOf(sections, only).filter(isClaim).map(claimRow),
    note: 'pass / fail: the criterion, fixed in code before the data (proofs-notes/alg-report-checks.md, alg-learning-verdict.md), holds / does not hold on the evidence; inconclusive: the evidence decides neither way under that rule; n/a: not checked in this run.',
  };
}

/** The figures shown without a pass/fail criterion (verdict info), every section's or one section's. */
export function figuresTable(sections: readonly ReportSection[], only?: ReportSection): ReportTable {
  return {
    id: only ? `figures-${only.id}` : 'figures',
    title: only ? `Figures: ${only.title}` : 'Figures without a pass/fail criterion',
    columns: [...FIGURE_COLUMNS],
    rows: linesOf(sections, only)
      .filter((l) => !isClaim(l))
      .map(figureRow),
  };
}

/** Split a cell into lines of at most `width` characters at spaces (a longer word stays whole). */
export function wrapCell(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/).filter((x) => x !== '')) {
    if (cur === '') cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ` ${w}`;
    else {
      out.push(cur);
      cur = w;
    }
  }
  out.push(cur);
  return out;
}

/** An aligned plain-text table whose cells wrap at the given column widths (rows separated by a blank line when any cell wraps). */
function wrappedTable(header: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): string {
  const w = header.map((h, i) => Math.max(Math.min(widths[i], Math.max(h.length, ...rows.map((r) => r[i].length))), h.length));
  const wrapped = rows.map((r) => r.map((c, i) => wrapCell(c, w[i])));
  const cols = header.map((_, i) => Math.max(w[i], ...wrapped.map((r) => Math.max(...r[i].map((l) => l.length)))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(cols[i]))
      .join('  ')
      .trimEnd();
  const multi = wrapped.some((r) => r.some((c) => c.length > 1));
  const out = [line(header), cols.map((c) => '-'.repeat(c)).join('  ')];
  for (const r of wrapped) {
    const h = Math.max(...r.map((c) => c.length));
    for (let k = 0; k < h; k++) out.push(line(r.map((c) => c[k] ?? '')));
    if (multi) out.push('');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/**
 * Render the terminal summary (alg-report-checks): the verdict table (section, claim, criterion,
 * evidence, verdict; cells wrapped to fit about `width` columns), then the figures without a criterion.
 * @param sections - the report's sections (unavailable ones contribute their 'n/a' line).
 * @param width - the terminal width to fit (default 140).
 */
export function summaryTable(sections: readonly ReportSection[], width = 140): string {
  const v = verdictTable(sections);
  const f = figuresTable(sections);
  const free = Math.max(60, width - 17 - 12 - 8);
  const claimW = Math.floor(free * 0.34);
  const critW = Math.floor(free * 0.36);
  const evW = free - claimW - critW;
  const parts = [
    'Verdicts (claim, criterion fixed in code, evidence):\n',
    wrappedTable(
      v.columns,
      v.rows.map((r) => r.map(String)),
      [17, claimW, critW, evW, 12],
    ),
  ];
  if (f.rows.length)
    parts.push(
      '\nFigures (no pass/fail criterion):\n',
      wrappedTable(
        f.columns,
        f.rows.map((r) => r.map(String)),
        [17, Math.floor((width - 21) * 0.4), Math.ceil((width - 21) * 0.6)],
      ),
    );
  return parts.join('');
}
