/**
 * Write a report directory: plots/<id>.{svg,png,csv} for every plot, tables/<id>.csv for every table,
 * index.md and index.html (all files written atomically), KaTeX's stylesheet and fonts under katex/, and a
 * copy of the bound explorer page in explorer/. Returns what was written.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../core/files.js';
import { copyExplorer } from '../explorer/assets.js';
import { toCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown, type ReportMeta } from './markdown.js';
import { writePlot, type PlotFiles } from './plot.js';
import { copyKatexAssets } from './math.js';
import type { ReportSection } from './types.js';

/** Paths written by writeReport. */
export interface WrittenReport {
  /** The report directory, as given. */
  readonly dir: string;
  /** Path of index.md (dir joined with the name). */
  readonly markdown: string;
  /** Path of index.html (dir joined with the name). */
  readonly html: string;
  /** Files of each plot by plot id (paths relative to dir). */
  readonly plots: ReadonlyMap<string, PlotFiles>;
  /** CSV of each table by table id (path relative to dir). */
  readonly tables: ReadonlyMap<string, string>;
  /** Path of the bound explorer's page copied beside the report (dir/explorer/index.html). */
  readonly explorer: string;
}

/** Render every section into `dir`. */
export async function writeReport(dir: string, meta: ReportMeta, sections: readonly ReportSection[], onPlot?: (done: number, total: number) => void): Promise<WrittenReport> {
  const plots = new Map<string, PlotFiles>();
  const tables = new Map<string, string>();
  const allPlots = sections.flatMap((s) => (s.available ? s.plots : []));
  let done = 0;
  for (const p of allPlots) {
    plots.set(p.id, await writePlot(dir, p));
    onPlot?.(++done, allPlots.length);
  }
  for (const s of sections) {
    if (!s.available) continue;
    for (const t of s.tables) {
      const rel = `tables/${t.id}.csv`;
      const rows = t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
      writeFileAtomic(join(dir, rel), toCsv(rows, t.columns));
      tables.set(t.id, rel);
    }
  }
  writeFileAtomic(join(dir, 'index.md'), renderMarkdown(meta, sections, plots));
  copyKatexAssets(dir); // index.html's mathematics renders offline
  writeFileAtomic(join(dir, 'index.html'), renderHtml(meta, sections, plots));
  copyExplorer(join(dir, 'explorer'));
  return { dir, markdown: join(dir, 'index.md'), html: join(dir, 'index.html'), plots, tables, explorer: join(dir, 'explorer', 'index.html') };
}
