/**
 * Render a report from a run store alone (`report --from DB`): build the four sections from the stored
 * runs and write index.md, index.html, plots (SVG, PNG, CSV) and table CSVs. Runs nothing.
 */
import type { SqliteRunStore } from '../experiments/store/sqlite-store.js';
import { capacitySection } from './sections/capacity.js';
import { representationSection } from './sections/representation.js';
import { learningSection } from './sections/learning.js';
import { checksSection } from './sections/checks.js';
import { writeReport, type WrittenReport } from './write.js';
import type { ReportSection } from './types.js';
import { createProgress, type ProgressOptions } from './progress.js';

/** Title of every rendered report (alg-report-checks). */
export const REPORT_TITLE = 'attn-theory: the claims of Edelman, Goel, Kakade, Zhang (2022), checked';

/**
 * Build the four sections (capacity, representation, learning, checks) from the stored runs alone
 * (alg-report-checks). Runs nothing.
 * @param store - the run store the sweeps wrote.
 * @param repoRoot - the repository root, where the checks section finds properties/ and proofs-notes/.
 */
export function buildSections(store: SqliteRunStore, repoRoot: string): ReportSection[] {
  return [capacitySection(store), representationSection(store), learningSection(store), checksSection(store, repoRoot)];
}

/** Options of renderReport. */
export interface RenderOptions {
  /** The report directory (created if missing; files in it are replaced atomically). */
  readonly outDir: string;
  /** The repository root (see buildSections). */
  readonly repoRoot: string;
  /** Extra header lines (timings, backends). */
  readonly lines?: readonly string[];
  /** How the plot progress is drawn (default: a bar on stderr when it is a terminal). */
  readonly progress?: ProgressOptions;
}

/**
 * Render every section from the store into outDir: index.md, index.html, plots/ and tables/
 * (alg-report-checks). Loads vega, vega-lite and resvg on the first plot.
 * @throws MissingDependencyError when a plotting dependency cannot be loaded; the file system's error when
 *   a write fails.
 */
export async function renderReport(
  store: SqliteRunStore,
  o: RenderOptions,
): Promise<{
  /** The sections as built (available or not). */
  sections: ReportSection[];
  /** The files written. */
  written: WrittenReport;
}> {
  const sections = buildSections(store, o.repoRoot);
  const bar = createProgress(
    'plots',
    sections.reduce((n, s) => n + (s.available ? s.plots.length : 0), 0),
    o.progress,
  );
  const written = await writeReport(
    o.outDir,
    {
      title: REPORT_TITLE,
      generatedAt: new Date().toISOString(),
      source: `run store ${store.path} (${store.count()} runs: ${['bound', 'construct', 'train', 'sample-complexity', 'adversarial'].map((k) => `${store.count(k)} ${k}`).join(', ')})`,
      lines: o.lines ?? [],
    },
    sections,
    (done) => bar.update(done),
  );
  bar.stop();
  return { sections, written };
}
