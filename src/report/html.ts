/** Render the report as a self-contained HTML page (report/index.html) referencing the plots' PNG and SVG files. */
import { formatCell } from './format.js';
import type { ReportMeta } from './markdown.js';
import type { PlotFiles } from './plot.js';
import type { ReportSection, ReportTable } from './types.js';
import { verdictTable } from './summary.js';

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline markup of paragraphs: `code` and *emphasis*. */
function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

/** Numbers align right; pass / fail verdict cells are coloured. */
function cellClass(c: ReportTable['rows'][number][number]): string {
  if (typeof c === 'number') return ' class="num"';
  return c === 'pass' || c === 'fail' ? ` class="verdict-${c}"` : '';
}

function htmlTable(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td${cellClass(c)}>${escapeHtml(formatCell(c))}</td>`).join('')}</tr>`).join('\n');
  return `<figure class="table" id="table-${escapeHtml(t.id)}"><figcaption>${escapeHtml(t.title)}</figcaption>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>${t.note ? `<p class="note">${inline(t.note)}</p>` : ''}</figure>`;
}

const CSS = `body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em}td.num{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f3f3f3}figure{margin:1.2em 0}figure.table{overflow-x:auto;max-width:100%}figcaption{font-weight:bold}img{max-width:100%;border:1px solid #eee}
.unavailable{color:#a33}td.verdict-pass{color:#176b25;font-weight:bold}td.verdict-fail{color:#b00;font-weight:bold}.note{font-size:.9em;color:#555}code{background:#f5f5f5;padding:0 .2em}`;

/** The whole index.html. `plots` maps plot id -> written files. */
export function renderHtml(meta: ReportMeta, sections: readonly ReportSection[], plots: ReadonlyMap<string, PlotFiles>): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(meta.title)}</title><style>${CSS}</style></head><body>`);
  parts.push(`<h1>${escapeHtml(meta.title)}</h1><p>Generated ${escapeHtml(meta.generatedAt)} from ${escapeHtml(meta.source)}.</p>`);
  if (meta.lines.length) parts.push(`<ul>${meta.lines.map((l) => `<li>${inline(l)}</li>`).join('')}</ul>`);
  parts.push(htmlTable(verdictTable(sections)));
  parts.push(`<nav><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`);
  for (const s of sections) {
    parts.push(`<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>`);
    if (!s.available) {
      parts.push(`<p class="unavailable">Not available in this build: ${escapeHtml(s.reason ?? 'unknown reason')}.</p></section>`);
      continue;
    }
    if (s.summary.length > 0) parts.push(htmlTable(verdictTable(sections, s)));
    for (const p of s.paragraphs) parts.push(`<p>${inline(p)}</p>`);
    for (const t of s.tables) parts.push(htmlTable(t));
    for (const p of s.plots) {
      const f = plots.get(p.id);
      if (!f) continue;
      parts.push(
        `<figure class="plot" id="plot-${escapeHtml(p.id)}"><img src="${escapeHtml(f.png)}" alt="${escapeHtml(p.title)}" width="${Math.round(f.width / 2)}">` +
          `<figcaption>${escapeHtml(p.title)}</figcaption><p class="note">${inline(p.caption)} ` +
          `<a href="${escapeHtml(f.svg)}">SVG</a> · <a href="${escapeHtml(f.csv)}">data (CSV)</a></p>` +
          '</figure>',
      );
    }
    parts.push('</section>');
  }
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}
