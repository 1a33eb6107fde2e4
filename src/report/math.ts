/**
 * Mathematics in the HTML report, rendered server-side with KaTeX (no script and no network in the
 * page): inline `$...$` in paragraphs, captions and notes becomes KaTeX's HTML, and the report folder
 * gets KaTeX's stylesheet and fonts under katex/ (copied from the installed package). KaTeX loads on
 * first use (issue 9: light imports). Markdown keeps the `$...$` source, which Markdown viewers render.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { requireOptional } from '../core/optional-dependency.js';

/** Folder of the report directory that holds KaTeX's CSS and fonts. */
export const KATEX_DIR = 'katex';
/** Path of KaTeX's stylesheet relative to the report directory (index.html links it). */
export const KATEX_CSS = `${KATEX_DIR}/katex.min.css`;

type Katex = typeof import('katex');
let katex: Katex | null = null;

/**
 * Render TeX to KaTeX HTML (inline style).
 * @param tex - the TeX source, e.g. "2^{O(s)}".
 * @throws MissingDependencyError when katex cannot be loaded; KaTeX's ParseError for bad TeX (never
 *   shown as raw text: a typo in a section's text fails the report's tests).
 */
export function renderTex(tex: string): string {
  katex ??= requireOptional<Katex>('katex', 'rendering mathematics in index.html');
  return katex.renderToString(tex, { throwOnError: true, output: 'html', strict: 'error' });
}

/** The installed KaTeX package's dist/ folder (beside its main file). */
function katexDist(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('katex'));
}

/**
 * Copy KaTeX's stylesheet and every font it references into `dir/katex/` (the page then renders its
 * mathematics offline). Returns the files written, relative to dir.
 * @throws the file system's error when a copy fails.
 */
export function copyKatexAssets(dir: string): string[] {
  const src = katexDist();
  const out = join(dir, KATEX_DIR);
  mkdirSync(join(out, 'fonts'), { recursive: true });
  copyFileSync(join(src, 'katex.min.css'), join(out, 'katex.min.css'));
  const written = [KATEX_CSS];
  for (const f of readdirSync(join(src, 'fonts')).sort()) {
    copyFileSync(join(src, 'fonts', f), join(out, 'fonts', f));
    written.push(`${KATEX_DIR}/fonts/${f}`);
  }
  return written;
}
