/**
 * Section 2, Representation: the constructed heads (src/constructions construct + certify, run kind
 * 'construct'): their norms against T (at fixed s) and against s (at fixed T), symmetric vs general
 * families, the certified margins over all 2^T inputs, and the sample size the capacity bound implies
 * for each constructed model. Everything is read from stored runs.
 */
import type { SqliteRunStore } from '../../experiments/store/sqlite-store.js';
import { codesUsed, type ConstructConfig, type ConstructResult } from '../../experiments/sweep/kinds/construct.js';
import type { PlotSpec } from '../plot.js';
import { canonicalJson } from '../../experiments/store/canonical.js';
import { SAMPLE_SIZE_CAP } from '../../bounds/sample-size.js';
import { formatNumber, formatVsLimit } from '../format.js';
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

/** What each norm key is, for plot panel titles: most are norms, but the unit count is a count and the temperature a scale. */
export const NORM_LABELS: Readonly<Record<string, string>> = {
  qkSpectral: '‖W_QK‖₂ (spectral norm)',
  qkGroup21Columns: '‖W_QK‖₂,₁ (column group norm)',
  readoutLipschitzBound: 'readout Lipschitz bound',
  readout2Spectral: '‖W₂‖₂ (readout layer 2, spectral)',
  readoutHiddenUnits: 'readout hidden units (a count)',
  temperature: 'temperature R (a scale)',
};

/** The plot label of a norm key (the key itself when it has none). */
export function normLabel(key: string): string {
  return NORM_LABELS[key] ?? key;
}

/** A construction's series: target, family and position codes (never mixed in one line). */
export function constructionSeries(c: ConstructConfig, r: ConstructResult): string {
  return `${fnLabel(c.fn)} (${r.family}, ${r.codes ?? codesUsed(c)})`;
}

/**
 * Keep one stored run per distinct construction: two sweep cells that spell the same head differently
 * (the s sweep names family 'symmetric', the T sweep leaves it to the default, which is symmetric for
 * parity) hash to two runs of one head. Returns the kept rows and, per kept row, how many runs it stands for.
 */
export function distinctConstructions<R extends { c: ConstructConfig; r: ConstructResult }>(rows: readonly R[]): { kept: R[]; duplicates: { row: R; runs: number }[] } {
  const seen = new Map<string, { row: R; runs: number }>();
  for (const x of rows) {
    const key = canonicalJson({
      fn: x.c.fn,
      family: x.r.family,
      T: x.c.contextLength,
      s: x.c.sparsity,
      codes: x.r.codes ?? codesUsed(x.c),
      seed: x.c.seed,
      margin: x.c.margin ?? null,
      targetGap: x.c.targetGap,
      delta: x.c.delta,
    });
    const e = seen.get(key);
    if (e) e.runs++;
    else seen.set(key, { row: x, runs: 1 });
  }
  const all = [...seen.values()];
  return { kept: all.map((e) => e.row), duplicates: all.filter((e) => e.runs > 1) };
}

/**
 * Sideways offsets so that points of different series at the same x never hide one another: series k
 * of n is shifted by (k − (n − 1)/2)·step (additive, or as a power of 2 on a log-2 axis).
 */
export function dodge(seriesNames: readonly string[], step: number): Map<string, number> {
  const names = [...new Set(seriesNames)].sort();
  return new Map(names.map((n, k) => [n, (k - (names.length - 1) / 2) * step]));
}

function normPlot(id: string, title: string, caption: string, rows: Record<string, string | number>[], xField: 'T' | 's', xTitle: string, logX: boolean): PlotSpec {
  const xs = [...new Set(rows.map((r) => r[xField] as number))].sort((a, b) => a - b);
  const off = dodge(
    rows.map((r) => String(r.series)),
    logX ? 0.1 : 0.07,
  );
  const drawn = rows.map((r) => {
    const o = off.get(String(r.series)) ?? 0;
    return { ...r, xDraw: logX ? (r[xField] as number) * 2 ** o : (r[xField] as number) + o };
  });
  return {
    id,
    title,
    caption: `${caption} Series are offset slightly sideways so that equal values of different series stay visible (the CSV keeps the exact ${xField}).`,
    rows: drawn,
    spec: {
      title,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'xDraw', type: 'quantitative', scale: logX ? { type: 'log', base: 2 } : { zero: false, padding: 10 }, axis: { values: xs, format: 'd', labelOverlap: false }, title: xTitle },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'value (log scale; see the panel title)' },
        color: { field: 'series', type: 'nominal', title: 'target (family, codes)', scale: { scheme: 'category10' }, legend: { orient: 'bottom', columns: 2, labelLimit: 1000, titleLimit: 1000 } },
        facet: { field: 'quantity', type: 'nominal', title: null, columns: 3, header: { labelLimit: 1000 } },
      },
      width: 220,
      height: 160,
      resolve: { scale: { y: 'independent' } },
    } as PlotSpec['spec'],
  };
}

/** One drawn point of the implied-sample-size plot. */
export interface ImpliedMRow {
  readonly panel: string;
  readonly series: string;
  readonly T: number;
  readonly s: number;
  /** Where the point is drawn on x (T or s, offset by dodge). */
  readonly xDraw: number;
  /** The implied m, or the search cap for a censored point. */
  readonly m: number;
  /** 'implied m' or 'above the cap'. */
  readonly status: string;
}

/**
 * The implied-m plot's rows: every certified construction at s = sFixed against T, and at T = tFixed
 * against s; one whose bound never reaches the target gap below SAMPLE_SIZE_CAP is drawn at the cap as
 * censored. Uncertified constructions have no implied m and are counted apart.
 */
export function impliedMRows(rows: readonly Row[], sFixed: number, tFixed: number): { rows: ImpliedMRow[]; uncertified: number } {
  const out: ImpliedMRow[] = [];
  const certified = rows.filter((x) => x.r.certified);
  const panels: [string, Row[], 'T' | 's'][] = [
    [`against T (s = ${sFixed})`, certified.filter((x) => x.c.sparsity === sFixed), 'T'],
    [`against s (T = ${tFixed})`, certified.filter((x) => x.c.contextLength === tFixed), 's'],
  ];
  for (const [panel, rs, axis] of panels) {
    if (new Set(rs.map((x) => (axis === 'T' ? x.c.contextLength : x.c.sparsity))).size < 2) continue;
    const off = dodge(
      rs.map((x) => constructionSeries(x.c, x.r)),
      axis === 'T' ? 0.12 : 0.09,
    );
    for (const x of rs) {
      const series = constructionSeries(x.c, x.r);
      const o = off.get(series) ?? 0;
      out.push({
        panel,
        series,
        T: x.c.contextLength,
        s: x.c.sparsity,
        xDraw: axis === 'T' ? x.c.contextLength * 2 ** o : x.c.sparsity + o,
        m: x.r.impliedSampleSize ?? SAMPLE_SIZE_CAP,
        status: x.r.impliedSampleSize === null ? `above 2^50 (censored, drawn at the cap)` : 'implied m',
      });
    }
  }
  return { rows: out, uncertified: rows.length - certified.length };
}

function impliedPanel(panel: string, axis: 'T' | 's', xs: readonly number[]): Record<string, unknown> {
  const x = {
    field: 'xDraw',
    type: 'quantitative',
    ...(axis === 'T' ? { scale: { type: 'log', base: 2 } } : { scale: { zero: false, padding: 12 } }),
    axis: { values: [...xs], format: 'd', labelOverlap: false },
    title: axis === 'T' ? 'context length T (log scale)' : 'sparsity s',
  };
  const y = { field: 'm', type: 'quantitative', scale: { type: 'log' }, title: 'implied sample size m (log scale)' };
  const color = { field: 'series', type: 'nominal', title: 'target (family, codes)', scale: { scheme: 'category10' }, legend: { orient: 'bottom', columns: 2, labelLimit: 1000, titleLimit: 1000 } };
  return {
    title: panel,
    width: 300,
    height: 260,
    transform: [{ filter: { field: 'panel', equal: panel } }],
    layer: [
      { transform: [{ filter: { field: 'status', equal: 'implied m' } }], mark: { type: 'line' }, encoding: { x, y, color } },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x,
          y,
          color,
          shape: {
            field: 'status',
            type: 'nominal',
            title: null,
            scale: { domain: ['implied m', 'above 2^50 (censored, drawn at the cap)'], range: ['circle', 'triangle-up'] },
            legend: { orient: 'bottom', labelLimit: 1000 },
          },
        },
      },
      { mark: { type: 'rule', color: '#777', strokeDash: [4, 3] }, encoding: { y: { datum: SAMPLE_SIZE_CAP } } },
    ],
  };
}

/** Build the Representation section from the store's 'construct' runs. */
export function representationSection(store: SqliteRunStore): ReportSection {
  const stored: Row[] = store.runs('construct').map((s) => ({ c: s.config as ConstructConfig, r: s.result as ConstructResult }));
  if (stored.length === 0) return unavailableSection('representation', TITLE, 'the run store holds no construction runs (a sweep of kind "construct")');
  const { kept: rows, duplicates } = distinctConstructions(stored);
  rows.sort(
    (a, b) =>
      a.r.family.localeCompare(b.r.family) || a.c.fn.localeCompare(b.c.fn) || a.c.sparsity - b.c.sparsity || a.c.contextLength - b.c.contextLength || (a.r.codes ?? '').localeCompare(b.r.codes ?? ''),
  );
  const dupNote = duplicates.length
    ? ` ${stored.length} stored runs hold ${rows.length} distinct constructions: ${duplicates
        .map(
          (d) =>
            `${constructionSeries(d.row.c, d.row.r)} at T = ${d.row.c.contextLength}, s = ${d.row.c.sparsity} is stored ${d.runs} times (sweep cells that spell the same head differently, e.g. family named or left to its default)`,
        )
        .join('; ')}, and shown once.`
    : '';
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
      note: `Norms shown: ${normKeys.join(', ')} (every norm is in the store and in \`sweep export\`). Certified: correct with margin on every input it covers (certify's method: ${[...new Set(rows.map((x) => x.r.method))].join(', ')}). Implied m: least m at which the capacity bound on the constructed model, at margin γ = the certified margin, gives a generalization gap ≤ ${[...new Set(rows.map((x) => x.c.targetGap))].join('/')} (δ = ${[...new Set(rows.map((x) => x.c.delta))].join('/')}); – when not certified, or when no m ≤ $2^{50}$ reaches it (the bound stays above the target).${dupNote}`,
    },
  ];
  const plots: PlotSpec[] = [];
  const sFixed = mode(rows.map((x) => x.c.sparsity));
  const overT = rows.filter((x) => x.c.sparsity === sFixed);
  const normRow = (x: Row, k: string, xField: 'T' | 's') => ({
    [xField]: xField === 'T' ? x.c.contextLength : x.c.sparsity,
    norm: k,
    quantity: normLabel(k),
    value: x.r.norms[k],
    series: constructionSeries(x.c, x.r),
  });
  const dropped = (rs: readonly Row[]) => rs.reduce((n, x) => n + normKeys.filter((k) => !(x.r.norms[k] > 0)).length, 0);
  if (new Set(overT.map((x) => x.c.contextLength)).size >= 2) {
    const lost = dropped(overT);
    plots.push(
      normPlot(
        'representation-norms-vs-T',
        `Norms against T at s = ${sFixed}`,
        `Weight norms of the constructed heads against the context length T (log-x) at s = ${sFixed}, one panel per quantity (the panel title says whether it is a norm, a count or a scale); the claim: T enters only through log T. One series per (target, family, position codes): one-hot codes (d = T + 2) and compact codes ($d = O(s \\operatorname{polylog} T)$, temperature three times larger) are never joined.` +
          (lost ? ` ${lost} values that are 0 cannot be drawn on the log axis (they are in the table).` : ''),
        overT.flatMap((x) => normKeys.filter((k) => x.r.norms[k] > 0).map((k) => normRow(x, k, 'T'))),
        'T',
        'context length T (log scale)',
        true,
      ),
    );
  }
  const tFixed = mode(rows.map((x) => x.c.contextLength));
  const overS = rows.filter((x) => x.c.contextLength === tFixed);
  if (new Set(overS.map((x) => x.c.sparsity)).size >= 2) {
    const lost = dropped(overS);
    plots.push(
      normPlot(
        'representation-norms-vs-s',
        `Norms against s at T = ${tFixed}`,
        `Weight norms against the sparsity s at T = ${tFixed} (log-y), one panel per quantity: symmetric targets should grow polynomially in s, general ones (truth tables) like $2^{O(s)}$.` +
          (lost ? ` ${lost} values that are 0 cannot be drawn on the log axis (they are in the table).` : ''),
        overS.flatMap((x) => normKeys.filter((k) => x.r.norms[k] > 0).map((k) => normRow(x, k, 's'))),
        's',
        'sparsity s',
        false,
      ),
    );
  }
  const implied = rows.filter((x) => x.r.impliedSampleSize !== null);
  const certifiedRows = rows.filter((x) => x.r.certified);
  const im = impliedMRows(rows, sFixed, tFixed);
  if (im.rows.length > 0) {
    const panels = [...new Set(im.rows.map((r) => r.panel))];
    const drawn = new Set(im.rows.map((r) => `${r.series}|${r.T}|${r.s}`)).size;
    const notInPanels = certifiedRows.length - drawn;
    const censored = new Set(im.rows.filter((r) => r.status !== 'implied m').map((r) => `${r.series}|${r.T}|${r.s}`)).size;
    plots.push({
      id: 'representation-implied-m',
      title: 'Sample size the bound implies for the constructed heads',
      caption:
        `Least m with the bound's generalization gap ≤ target for each certified construction (log-y), against T at s = ${sFixed} and against s at T = ${tFixed}; one colour per (target, family, position codes). ` +
        `${drawn} of the ${rows.length} distinct constructions are drawn: ${drawn - censored} with an implied m, ${censored} as triangles at the search cap $2^{50}$ (dashed line) because the bound stays above the target gap for every m up to it (their m is larger, not measured).` +
        (notInPanels > 0 ? ` ${notInPanels} certified constructions lie in neither panel (s ≠ ${sFixed} and T ≠ ${tFixed}); they are in the table.` : '') +
        (im.uncertified > 0 ? ` ${im.uncertified} constructions are not certified and have no implied m.` : '') +
        ` A construction with T = ${tFixed} and s = ${sFixed} appears in both panels. Points of different series at the same T or s are offset slightly sideways so that none hides another (the CSV keeps the exact T and s).`,
      rows: im.rows.map((r) => ({ ...r })),
      spec: {
        hconcat: panels.map((p) =>
          impliedPanel(
            p,
            p.startsWith('against T') ? 'T' : 's',
            [...new Set(im.rows.filter((r) => r.panel === p).map((r) => (p.startsWith('against T') ? r.T : r.s)))].sort((a, b) => a - b),
          ),
        ),
        resolve: { scale: { y: 'shared', color: 'shared', shape: 'shared' } },
      },
    });
  }
  const certified = certifiedRows.length;
  const summary: SummaryLine[] = [
    {
      section: TITLE,
      check: 'constructions certified on all inputs',
      value: `${certified} of ${rows.length} distinct constructions certified (method ${[...new Set(rows.map((x) => x.r.method))].join(', ')})`,
      verdict: certified === rows.length ? 'pass' : 'fail',
      claim: 'Bounded-norm attention heads represent every s-sparse target tried: each constructed head computes its target correctly, with a positive margin, on every input.',
      criterion: "certify's verdict certified = true (minimum margin > 0 over every input it covers) for every distinct stored construction",
    },
    {
      section: TITLE,
      check: `smallest certified margin (requested ${[...new Set(rows.map((x) => formatNumber(x.r.requestedMargin)))].join('/')})`,
      value: formatVsLimit(Math.min(...rows.map((x) => x.r.minMargin)), Math.min(...rows.map((x) => x.r.requestedMargin))),
      verdict: 'info',
    },
  ];
  if (implied.length) {
    const ms = implied.map((x) => x.r.impliedSampleSize as number);
    summary.push({
      section: TITLE,
      check: 'implied m range',
      value: `${formatNumber(Math.min(...ms), 3)} .. ${formatNumber(Math.max(...ms), 3)} (${implied.length} of ${certified} certified; the other ${certified - implied.length} above 2^50)`,
      verdict: 'info',
    });
  }
  const Ts = [...new Set(rows.map((x) => x.c.contextLength))].sort((a, b) => a - b);
  const paragraphs = [
    `${rows.length} distinct constructions (${[...new Set(rows.map((x) => fnLabel(x.c.fn)))].join(', ')}) for T in {${Ts.join(', ')}}; ${certified} of them certified correct with a positive margin on all $2^T$ inputs.${dupNote}`,
  ];
  return { id: 'representation', title: TITLE, available: true, paragraphs, tables, plots, summary };
}
