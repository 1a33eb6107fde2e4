/**
 * Section 2, Representation: the constructed heads (src/constructions construct + certify, run kind
 * 'construct'): their norms against T (at fixed s) and against s (at fixed T), symmetric vs general
 * families, the certified margins over all 2^T inputs, and the sample size the capacity bound implies
 * for each constructed model. Everything is read from stored runs.
 */
import type { SqliteRunStore } from '../../experiments/store/sqlite-store.js';
import { codesUsed, type ConstructConfig, type ConstructResult } from '../../experiments/sweep/kinds/construct.js';
import type { PlotSpec } from '../plot.js';
import { unavailableSection, type ReportSection, type ReportTable, type SummaryLine } from '../types.js';

const TITLE = '2. Representation';

/**
 * Norms shown in the tables and plots (all of them stay in the store and in `sweep export`):
 * ‖W_QK‖₂ (grows with the temperature R ~ log T), the readout's Lipschitz bound and second-layer norm
 * (the poly(s) vs 2^{O(s)} part), the number of readout units, and the temperature itself.
 */
export const REPRESENTATION_NORM_KEYS = ['qkSpectral', 'qkGroup21Columns', 'readoutLipschitzBound', 'readout2Spectral', 'readoutHiddenUnits', 'temperature'] as const;

interface Row {
  readonly c: ConstructConfig;
  readonly r: ConstructResult;
}

function mode(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

function fnLabel(fn: string): string {
  return fn.startsWith('table:') ? 'table (random)' : fn;
}

function normPlot(id: string, title: string, caption: string, rows: Record<string, string | number>[], xField: string, xTitle: string, logX: boolean): PlotSpec {
  return {
    id,
    title,
    caption,
    rows,
    spec: {
      title,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: xField, type: 'quantitative', ...(logX ? { scale: { type: 'log', base: 2 } } : {}), title: xTitle },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'norm (log scale)' },
        color: { field: 'target', type: 'nominal', title: 'target (family, codes)', legend: { labelLimit: 300 } },
        facet: { field: 'norm', type: 'nominal', title: null, columns: 3 },
      },
      width: 200,
      height: 150,
      resolve: { scale: { y: 'independent' } },
    } as PlotSpec['spec'],
  };
}

/** Build the Representation section from the store's 'construct' runs. */
export function representationSection(store: SqliteRunStore): ReportSection {
  const rows: Row[] = store.runs('construct').map((s) => ({ c: s.config as ConstructConfig, r: s.result as ConstructResult }));
  if (rows.length === 0) return unavailableSection('representation', TITLE, 'the run store holds no construction runs (a sweep of kind "construct")');
  rows.sort((a, b) => a.r.family.localeCompare(b.r.family) || a.c.fn.localeCompare(b.c.fn) || a.c.sparsity - b.c.sparsity || a.c.contextLength - b.c.contextLength);
  const allKeys = [...new Set(rows.flatMap((x) => Object.keys(x.r.norms)))].sort();
  const preferred: string[] = REPRESENTATION_NORM_KEYS.filter((k) => allKeys.includes(k));
  const normKeys = preferred.length > 0 ? preferred : allKeys;
  const tables: ReportTable[] = [
    {
      id: 'representation-constructions',
      title: 'Constructed heads: certified margins, norms and the implied sample size',
      columns: ['target', 'family', 'T', 's', 'codes', 'd', 'certified', 'certified margin', 'requested margin', 'inputs covered', ...normKeys, 'implied m (gap ≤ target)'],
      rows: rows.map(({ c, r }) => [
        fnLabel(c.fn),
        r.family,
        c.contextLength,
        c.sparsity,
        r.codes ?? codesUsed(c),
        r.width,
        r.certified,
        r.minMargin,
        r.requestedMargin,
        r.inputsCovered,
        ...normKeys.map((k): number | null => r.norms[k] ?? null),
        r.impliedSampleSize,
      ]),
      note: `Norms shown: ${normKeys.join(', ')} (every norm is in the store and in \`sweep export\`). Certified: correct with margin on every input it covers (certify's method: ${[...new Set(rows.map((x) => x.r.method))].join(', ')}). Implied m: least m at which the capacity bound on the constructed model, at margin γ = the certified margin, gives a generalization gap ≤ ${[...new Set(rows.map((x) => x.c.targetGap))].join('/')} (δ = ${[...new Set(rows.map((x) => x.c.delta))].join('/')}); – when not certified, or when no m ≤ 2^50 reaches it (the bound stays above the target).`,
    },
  ];
  const plots: PlotSpec[] = [];
  const sFixed = mode(rows.map((x) => x.c.sparsity));
  const overT = rows.filter((x) => x.c.sparsity === sFixed);
  if (new Set(overT.map((x) => x.c.contextLength)).size >= 2) {
    plots.push(
      normPlot(
        'representation-norms-vs-T',
        `Norms against T at s = ${sFixed}`,
        `Weight norms of the constructed heads against the context length T (log-x) at s = ${sFixed}; the claim: T enters only through log T. Series are split by position codes: one-hot (d = T + 2) and compact codes (d = O(s polylog T), temperature three times larger).`,
        overT.flatMap(({ c, r }) =>
          normKeys.filter((k) => r.norms[k] > 0).map((k) => ({ T: c.contextLength, norm: k, value: r.norms[k], target: `${fnLabel(c.fn)} (${r.family}, ${r.codes ?? codesUsed(c)})` })),
        ),
        'T',
        'context length T (log scale)',
        true,
      ),
    );
  }
  const tFixed = mode(rows.map((x) => x.c.contextLength));
  const overS = rows.filter((x) => x.c.contextLength === tFixed);
  if (new Set(overS.map((x) => x.c.sparsity)).size >= 2) {
    plots.push(
      normPlot(
        'representation-norms-vs-s',
        `Norms against s at T = ${tFixed}`,
        `Weight norms against the sparsity s at T = ${tFixed} (log-y): symmetric targets should grow polynomially in s, general ones (truth tables) like 2^{O(s)}.`,
        overS.flatMap(({ c, r }) => normKeys.filter((k) => r.norms[k] > 0).map((k) => ({ s: c.sparsity, norm: k, value: r.norms[k], target: `${fnLabel(c.fn)} (${r.family})` }))),
        's',
        'sparsity s',
        false,
      ),
    );
  }
  const implied = rows.filter((x) => x.r.impliedSampleSize !== null);
  if (implied.length >= 2) {
    plots.push({
      id: 'representation-implied-m',
      title: 'Sample size the bound implies for the constructed heads',
      caption: "Least m with the bound's generalization gap ≤ target for each constructed model (log-log), against T.",
      rows: implied.map(({ c, r }) => ({ T: c.contextLength, s: c.sparsity, target: `${fnLabel(c.fn)} (${r.family}) s=${c.sparsity}`, m: r.impliedSampleSize as number })),
      spec: {
        width: 460,
        height: 260,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'T', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'context length T (log scale)' },
          y: { field: 'm', type: 'quantitative', scale: { type: 'log' }, title: 'implied sample size m (log scale)' },
          color: { field: 'target', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2 } },
        },
      },
    });
  }
  const certified = rows.filter((x) => x.r.certified).length;
  const summary: SummaryLine[] = [
    { section: TITLE, check: 'constructions certified on all inputs', value: `${certified}/${rows.length}`, verdict: certified === rows.length ? 'pass' : 'fail' },
    { section: TITLE, check: 'smallest certified margin', value: Math.min(...rows.map((x) => x.r.minMargin)).toPrecision(4), verdict: 'info' },
  ];
  if (implied.length) {
    summary.push({
      section: TITLE,
      check: 'implied m range',
      value: `${Math.min(...implied.map((x) => x.r.impliedSampleSize as number))} .. ${Math.max(...implied.map((x) => x.r.impliedSampleSize as number))}`,
      verdict: 'info',
    });
  }
  const Ts = [...new Set(rows.map((x) => x.c.contextLength))].sort((a, b) => a - b);
  const paragraphs = [
    `${rows.length} constructions (${[...new Set(rows.map((x) => fnLabel(x.c.fn)))].join(', ')}) for T in {${Ts.join(', ')}}; ${certified} of them certified correct with a positive margin on all 2^T inputs.`,
  ];
  return { id: 'representation', title: TITLE, available: true, paragraphs, tables, plots, summary };
}
