/** Render the report as Markdown (report/index.md): sections, tables, plot images (PNG) with links to SVG and CSV. */
import type { PlotFiles } from './plot.js';
import { formatCell } from './format.js';
import type { ReportSection, ReportTable } from './types.js';
import { figuresTable, verdictTable } from './summary.js';

/** Header data of a rendered report. */
export interface ReportMeta {
  readonly title: string;
  readonly generatedAt: string;
  /** Where the data came from (store path, run counts). */
  readonly source: string;
  /** Free lines under the title (timing, backend...). */
  readonly lines: readonly string[];
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** A Markdown pipe table. */
export function markdownTable(t: ReportTable): string {
  const head = `| ${t.columns.map(mdEscape).join(' | ')} |`;
  const sep = `|${t.columns.map(() => '---').join('|')}|`;
  const body = t.rows.map((r) => `| ${r.map((c) => mdEscape(formatCell(c))).join(' | ')} |`);
  return [`**${t.title}**`, '', head, sep, ...body, ...(t.note ? ['', `_${t.note}_`] : [])].join('\n');
}

/** The whole index.md. `plots` maps plot id -> written files. */
export function renderMarkdown(meta: ReportMeta, sections: readonly ReportSection[], plots: ReadonlyMap<string, PlotFiles>): string {
  const out: string[] = [`# ${meta.title}`, '', `Generated ${meta.generatedAt} from ${meta.source}.`, ''];
  for (const l of meta.lines) out.push(`- ${l}`);
  out.push('', markdownTable(verdictTable(sections)), '');
  const figures = figuresTable(sections);
  if (figures.rows.length) out.push(markdownTable(figures), '');
  out.push('## Contents', '');
  for (const s of sections) out.push(`- [${s.title}](#${s.id})${s.available ? '' : ' (not available)'}`);
  for (const s of sections) {
    out.push('', `<a id="${s.id}"></a>`, `## ${s.title}`, '');
    if (!s.available) {
      out.push(`*Not available in this build: ${s.reason ?? 'unknown reason'}.*`);
      continue;
    }
    const v = verdictTable(sections, s);
    if (v.rows.length > 0) out.push(markdownTable(v), '');
    const f = figuresTable(sections, s);
    if (f.rows.length > 0) out.push(markdownTable(f), '');
    for (const p of s.paragraphs) out.push(p, '');
    for (const t of s.tables) out.push(markdownTable(t), '');
    for (const p of s.plots) {
      const f = plots.get(p.id);
      if (!f) continue;
      out.push(`![${p.title}](${f.png})`, '', `*${p.caption}* ([SVG](${f.svg}), [data CSV](${f.csv}))`, '');
    }
  }
  return out.join('\n') + '\n';
}
