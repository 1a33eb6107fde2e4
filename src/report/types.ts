/**
 * The report's data model: a report is a list of sections; a section has prose, tables and plots, or
 * is marked unavailable with the reason (a provider missing from this build, no runs in the store).
 * Sections are built from a run store only (report/sections/*), so `report --from DB` re-renders
 * without running anything.
 */
import type { PlotSpec } from './plot.js';

/** A table cell: numbers are formatted by the renderer, null shows as "–". */
export type Cell = string | number | boolean | null;

/** A table in a section (written as tables/<id>.csv and inline in index.md and index.html). */
export interface ReportTable {
  /** File stem of the table's CSV (kebab-case). */
  readonly id: string;
  /** Caption shown above the table. */
  readonly title: string;
  /** Column headers, also the CSV header. */
  readonly columns: readonly string[];
  /** The rows, one cell per column. */
  readonly rows: readonly (readonly Cell[])[];
  /** A sentence under the table (what the columns mean, where the numbers come from). */
  readonly note?: string;
}

/**
 * A line's verdict: pass / fail / inconclusive for a claim checked against a criterion fixed in code;
 * info for a figure with no criterion; n/a when nothing was checked (section unavailable).
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'info' | 'n/a';

/** One line of the terminal summary and of the report's verdict tables (alg-report-checks). */
export interface SummaryLine {
  /** Title of the section the line belongs to. */
  readonly section: string;
  /** The claim checked (or the figure shown), in a few words. */
  readonly check: string;
  /** The evidence: the measured figure, formatted. */
  readonly value: string;
  /** See Verdict. */
  readonly verdict: Verdict;
  /** The claim in one sentence (every pass / fail / inconclusive line has one). */
  readonly claim?: string;
  /** The criterion, fixed in code before the data (every pass / fail / inconclusive line has one). */
  readonly criterion?: string;
}

/** A section of the report (alg-report-checks). */
export interface ReportSection {
  /** Anchor and file-name prefix, e.g. "capacity". */
  readonly id: string;
  /** Heading, e.g. "1. Capacity". */
  readonly title: string;
  /** False when the section cannot be rendered in this build or from this store. */
  readonly available: boolean;
  /** Why it is unavailable (shown as "not available in this build: <reason>"). */
  readonly reason?: string;
  /** Paragraphs of markdown-light text (inline `code` and *emphasis* only). */
  readonly paragraphs: readonly string[];
  /** The section's tables, in order. */
  readonly tables: readonly ReportTable[];
  /** The section's plots, in order. */
  readonly plots: readonly PlotSpec[];
  /** The section's lines of the terminal summary. */
  readonly summary: readonly SummaryLine[];
}

/** Build an unavailable section. */
export function unavailableSection(id: string, title: string, reason: string): ReportSection {
  return {
    id,
    title,
    available: false,
    reason,
    paragraphs: [],
    tables: [],
    plots: [],
    summary: [
      { section: title, check: 'section', value: `not available: ${reason}`, verdict: 'n/a', claim: `the claims of section ${title}`, criterion: 'not checked: the section could not be built' },
    ],
  };
}
