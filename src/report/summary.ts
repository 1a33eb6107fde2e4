/** The short terminal summary printed after a report: one line per checked claim. */
import { table } from '../cli/output.js';
import type { ReportSection, ReportTable, SummaryLine } from './types.js';

const VERDICT_COLUMNS = ['section', 'check', 'value', 'verdict'] as const;
const row = (l: SummaryLine) => [l.section, l.check, l.value, l.verdict];

/**
 * The report's verdicts as a table (the same lines as the terminal summary): every section's checks,
 * or one section's when `only` is given. index.md and index.html show it at the top and per section.
 */
export function verdictTable(sections: readonly ReportSection[], only?: ReportSection): ReportTable {
  const lines = only ? only.summary : sections.flatMap((s) => s.summary);
  return {
    id: only ? `verdicts-${only.id}` : 'verdicts',
    title: only ? `Verdicts: ${only.title}` : 'Verdicts: what holds, per claim checked',
    columns: [...VERDICT_COLUMNS],
    rows: lines.map(row),
    note: 'pass / fail: a criterion fixed in code before the data (proofs-notes/alg-report-checks.md and the section notes); info: a figure with no pass/fail criterion; n/a: not checked in this run.',
  };
}

/**
 * Render the terminal summary: a header, then one aligned plain-text line per SummaryLine of every section (alg-report-checks).
 * @param sections - the report's sections (unavailable ones contribute their 'n/a' line).
 */
export function summaryTable(sections: readonly ReportSection[]): string {
  return table(
    [...VERDICT_COLUMNS],
    sections.flatMap((s) => s.summary.map(row)),
  );
}
