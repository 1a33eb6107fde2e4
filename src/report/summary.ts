/** The short terminal summary printed after a report: one line per checked claim. */
import { table } from '../cli/output.js';
import type { ReportSection } from './types.js';

/**
 * Render the terminal summary: a header, then one aligned plain-text line per SummaryLine of every section (alg-report-checks).
 * @param sections - the report's sections (unavailable ones contribute their 'n/a' line).
 */
export function summaryTable(sections: readonly ReportSection[]): string {
  const rows = sections.flatMap((s) => s.summary.map((l) => [l.section, l.check, l.value, l.verdict]));
  return table(['section', 'check', 'value', 'verdict'], rows);
}
