/**
 * Plots: a vega-lite spec (data inlined) compiled to vega, rendered headlessly to SVG
 * (`View` with renderer 'none', `toSVG()`), then to PNG with @resvg/resvg-js using the DejaVu font
 * files shipped in assets/fonts (loadSystemFonts false, so text renders the same on a bare machine). Every plot also gets the CSV of its data.
 * vega, vega-lite and resvg load on the first plot, never at import (issue 9: light imports).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { importOptional, requireOptional } from '../core/optional-dependency.js';
import { writeFileAtomic } from '../core/files.js';
import { toCsv, type CsvValue } from './csv.js';

/** Font family every plot uses (bundled DejaVu Sans). */
export const PLOT_FONT = 'DejaVu Sans';

/** A plot of a report section: a vega-lite spec without data plus the rows it draws. */
export interface PlotSpec {
  /** File stem (kebab-case), e.g. "capacity-bound-vs-T". */
  readonly id: string;
  /** Title drawn above the plot. */
  readonly title: string;
  /** One-paragraph caption saying what is drawn and what to look for. */
  readonly caption: string;
  /**
   * vega-lite spec (https://vega.github.io/vega-lite/docs/spec.html) without `data`, which is replaced by
   * `{ values: rows }`. Typed as a plain object so the public .d.ts does not pull in vega-lite's types;
   * vega-lite validates it when the plot is drawn.
   */
  readonly spec: Readonly<Record<string, unknown>>;
  /** The data drawn, one record per point; also written as the plot's CSV. */
  readonly rows: readonly Readonly<Record<string, CsvValue>>[];
}

/** Files written for one plot (paths relative to the report directory). */
export interface PlotFiles {
  /** plots/<id>.svg. */
  readonly svg: string;
  /** plots/<id>.png. */
  readonly png: string;
  /** plots/<id>.csv (the rows drawn). */
  readonly csv: string;
  /** PNG width in pixels. */
  readonly width: number;
  /** PNG height in pixels. */
  readonly height: number;
}

let fontFiles: string[] | null = null;

/** Absolute paths of the bundled DejaVu TTF files used for PNG text. */
export function bundledFontFiles(): string[] {
  if (fontFiles) return fontFiles;
  // assets/ sits beside both src/ and dist/ (the package root), so one relative path serves both.
  const dir = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
  fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((f) => join(dir, f));
  return fontFiles;
}

/**
 * The full vega-lite spec a plot is drawn from: its spec with the rows inlined as `data.values`, the
 * bundled font and a white background (what vegaLiteToSvg compiles; tests read its data values).
 */
export function fullVegaLiteSpec(spec: PlotSpec['spec'], rows: PlotSpec['rows']): Record<string, unknown> & { data: { values: Record<string, CsvValue>[] } } {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    ...spec,
    data: { values: rows.map((r) => ({ ...r })) },
    config: {
      font: PLOT_FONT,
      ...(spec as { config?: object }).config,
    },
  };
}

/**
 * Render a vega-lite spec with inline rows to SVG text (vega and vega-lite load on first use).
 * @throws MissingDependencyError when vega or vega-lite cannot be loaded.
 */
export async function vegaLiteToSvg(spec: PlotSpec['spec'], rows: PlotSpec['rows']): Promise<string> {
  const full = fullVegaLiteSpec(spec, rows) as unknown as TopLevelSpec;
  const vega = await importOptional<typeof import('vega')>('vega', 'drawing a plot');
  const { compile } = await importOptional<typeof import('vega-lite')>('vega-lite', 'drawing a plot');
  const vg = compile(full).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterize SVG text to PNG bytes with the bundled fonts (scale 2 for crisp text; resvg loads on first use).
 * @throws MissingDependencyError when @resvg/resvg-js cannot be loaded.
 */
export function svgToPng(
  svg: string,
  scale = 2,
): {
  /** The PNG file's bytes. */
  png: Uint8Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
} {
  const { Resvg } = requireOptional<typeof import('@resvg/resvg-js')>('@resvg/resvg-js', 'rasterizing a plot to PNG');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: PLOT_FONT, sansSerifFamily: PLOT_FONT },
  });
  const img = resvg.render();
  return { png: img.asPng(), width: img.width, height: img.height };
}

/**
 * Write `<id>.svg`, `<id>.png` and `<id>.csv` under `dir/plots/` (atomically); returns relative paths.
 * @throws MissingDependencyError when a plotting dependency cannot be loaded.
 */
export async function writePlot(dir: string, plot: PlotSpec): Promise<PlotFiles> {
  const svg = await vegaLiteToSvg(plot.spec, plot.rows);
  const { png, width, height } = svgToPng(svg);
  const rel = (ext: string) => `plots/${plot.id}.${ext}`;
  writeFileAtomic(join(dir, rel('svg')), svg);
  writeFileAtomic(join(dir, rel('png')), png);
  writeFileAtomic(join(dir, rel('csv')), toCsv(plot.rows));
  return { svg: rel('svg'), png: rel('png'), csv: rel('csv'), width, height };
}
