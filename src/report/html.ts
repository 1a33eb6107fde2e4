/**
 * Render the report as a self-contained HTML page (report/index.html) referencing the plots' PNG and SVG
 * files and the KaTeX stylesheet copied beside it (math.ts): mathematics rendered server-side, every
 * table in its own horizontally scrolling box so no table widens the page.
 */
import { formatCell } from './format.js';
import type { ReportMeta } from './markdown.js';
import type { PlotFiles } from './plot.js';
import type { ReportSection, ReportTable } from './types.js';
import { figuresTable, verdictTable } from './summary.js';
import { KATEX_CSS, renderTex } from './math.js';

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Inline markup of paragraphs, captions and notes: `code`, *emphasis* and $TeX$ (rendered with KaTeX).
 * @throws KaTeX's ParseError for malformed TeX between dollars.
 */
export function inlineHtml(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(/`([^`]+)`|\$([^$]+)\$/g)) {
    out += escapeHtml(s.slice(last, m.index)).replace(/\*([^*]+)\*/g, '<em>$1</em>');
    out += m[1] !== undefined ? `<code>${escapeHtml(m[1])}</code>` : renderTex(m[2]);
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeHtml(s.slice(last)).replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

/** A table cell's text: escaped, with powers written a^b (2^64, 2^{50}) raised as superscripts. */
export function cellHtml(text: string): string {
  return escapeHtml(text).replace(/(\w)\^(\{([^}]+)\}|[\w−-]+)/g, (_m, base: string, _e: string, braced?: string) => `${base}<sup>${braced ?? _e}</sup>`);
}

/** Numbers align right; verdict cells are coloured. */
function cellClass(c: ReportTable['rows'][number][number]): string {
  if (typeof c === 'number') return ' class="num"';
  return c === 'pass' || c === 'fail' || c === 'inconclusive' ? ` class="verdict-${c}"` : '';
}

/** Tables with more columns than this keep each cell on one line and scroll sideways instead of wrapping. */
export const WIDE_TABLE_COLUMNS = 8;

/** A table inside a figure, in a box that scrolls horizontally when the table is wider than the page. */
export function htmlTable(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td${cellClass(c)}>${typeof c === 'string' ? cellHtml(c) : escapeHtml(formatCell(c))}</td>`).join('')}</tr>`).join('\n');
  return `<figure class="table" id="table-${escapeHtml(t.id)}"><figcaption>${escapeHtml(t.title)}</figcaption>
<div class="table-scroll${t.columns.length > WIDE_TABLE_COLUMNS ? ' wide' : ''}"><table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>${t.note ? `<p class="note">${inlineHtml(t.note)}</p>` : ''}</figure>`;
}

const CSS = `body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;overflow-wrap:break-word}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th{background:#f3f3f3}figure{margin:1.2em 0;max-width:100%}.table-scroll{overflow-x:auto;max-width:100%}.table-scroll.wide td{white-space:nowrap}figcaption{font-weight:bold}img{max-width:100%;height:auto;border:1px solid #eee}
.unavailable{color:#a33}td.verdict-pass{color:#176b25;font-weight:bold}td.verdict-fail{color:#b00;font-weight:bold}td.verdict-inconclusive{color:#8a5a00;font-weight:bold}
.note{font-size:.9em;color:#555}code{background:#f5f5f5;padding:0 .2em}`;

/** The whole index.html. `plots` maps plot id -> written files. */
export function renderHtml(meta: ReportMeta, sections: readonly ReportSection[], plots: ReadonlyMap<string, PlotFiles>): string {
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(meta.title)}</title>` +
      `<link rel="stylesheet" href="${KATEX_CSS}"><style>${CSS}</style></head><body>`,
  );
  parts.push(`<h1>${escapeHtml(meta.title)}</h1><p>Generated ${escapeHtml(meta.generatedAt)} from ${escapeHtml(meta.source)}.</p>`);
  if (meta.lines.length) parts.push(`<ul>${meta.lines.map((l) => `<li>${inlineHtml(l)}</li>`).join('')}</ul>`);
  parts.push(htmlTable(verdictTable(sections)));
  const figures = figuresTable(sections);
  if (figures.rows.length) parts.push(htmlTable(figures));
  parts.push(`<nav><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`);
  for (const s of sections) {
    parts.push(`<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>`);
    if (!s.available) {
      parts.push(`<p class="unavailable">Not available in this build: ${escapeHtml(s.reason ?? 'unknown reason')}.</p></section>`);
      continue;
    }
    const v = verdictTable(sections, s);
    if (v.rows.length > 0) parts.push(htmlTable(v));
    const f = figuresTable(sections, s);
    if (f.rows.length > 0) parts.push(htmlTable(f));
    for (const p of s.paragraphs) parts.push(`<p>${inlineHtml(p)}</p>`);
    for (const t of s.tables) parts.push(htmlTable(t));
    for (const p of s.plots) {
      const f = plots.get(p.id);
      if (!f) continue;
      parts.push(
        `<figure class="plot" id="plot-${escapeHtml(p.id)}"><img src="${escapeHtml(f.png)}" alt="${escapeHtml(p.title)}" width="${Math.round(f.width / 2)}">` +
          `<figcaption>${escapeHtml(p.title)}</figcaption><p class="note">${inlineHtml(p.caption)} ` +
          `<a href="${escapeHtml(f.svg)}">SVG</a> · <a href="${escapeHtml(f.csv)}">data (CSV)</a></p>` +
          '</figure>',
      );
    }
    parts.push('</section>');
  }
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}
