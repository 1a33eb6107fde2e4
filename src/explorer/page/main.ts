/// <reference lib="dom" />
/**
 * The bound explorer's page script (bundled by scripts/build-explorer.mjs into explorer.js, with the
 * bound calculus). It builds one input per `attn-theory bound` flag from the request schema, and on
 * every input: parses and computes (compute.ts, timed with performance.now), prints the numbers,
 * writes the request into the URL fragment, then, a moment later, redraws the curves (vega-lite) and
 * the LaTeX closed form (mathjs's toTex, rendered by KaTeX). vega, vega-lite, KaTeX and mathjs are the
 * local scripts loaded before this one (globals vega, vegaLite, katex, attnTheoryMathjs): the page
 * makes no request outside its own folder.
 */
import { boundForRequest, type BoundReport, type BoundRequest } from '../../bounds/api.js';
import { boundRequestSchema } from '../../bounds/request-schema.js';
import { CLOSED_FORM_ID } from '../../bounds/closed-form.js';
import { fmt } from '../../cli/output.js';
import { fieldChoices, flagHelp, optionKey, type SchemaFlag } from '../../cli/schema-flags.js';
import { exploreTexts, type ExplorerResult } from '../compute.js';
import { EXPLORER_DEFAULT_TEXTS, EXPLORER_REQUEST_FLAGS, EXPLORER_TARGET_GAP_FLAG, explorerTargetGapSchema } from '../fields.js';
import { explorerPlotSpec } from '../plot-spec.js';
import { seriesAt, seriesSteps, type SeriesPoint } from '../series.js';
import { cliCommand, fragmentToTexts, textsToFragment } from '../url-state.js';

/** The prebuilt browser libraries the page loads before this script. */
interface PageGlobals {
  readonly vega: typeof import('vega');
  readonly vegaLite: typeof import('vega-lite');
  readonly katex: typeof import('katex');
  /** What the page exposes for its browser test: every compute's duration in ms, newest last. */
  attnTheoryExplorer?: { readonly computeMs: number[]; readonly deferredMs: number[] };
}
const g = globalThis as unknown as PageGlobals;
const probe = { computeMs: [] as number[], deferredMs: [] as number[] };
g.attnTheoryExplorer = probe;

/** Wait after the last input before the curves and the LaTeX are redrawn (they cost more than the numbers). */
const DEFERRED_DELAY_MS = 120;

const byId = <E extends HTMLElement>(id: string): E => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`explorer page: element #${id} must exist in index.html`);
  return e as E;
};

type Group = 'class' | 'budgets' | 'statistics';
const GROUP_OF = (f: SchemaFlag): Group =>
  f.path[0] === 'normBounds' || f.path[0] === 'inputNorm' ? 'budgets' : ['sampleSize', 'margin', 'delta', 'empiricalMarginLoss', 'targetGap'].includes(f.path[0]) ? 'statistics' : 'class';

const FIELDS: readonly { flag: SchemaFlag; schema: typeof boundRequestSchema | typeof explorerTargetGapSchema }[] = [
  ...EXPLORER_REQUEST_FLAGS.map((flag) => ({ flag, schema: boundRequestSchema })),
  { flag: EXPLORER_TARGET_GAP_FLAG, schema: explorerTargetGapSchema },
];

const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();

/** One labelled input (a select for an enum field), named by its option key, tagged with its flag. */
function buildControl(flag: SchemaFlag, schema: (typeof FIELDS)[number]['schema']): HTMLElement {
  const key = optionKey(flag.flag);
  const label = document.createElement('label');
  label.className = 'field';
  const name = document.createElement('span');
  name.className = 'flag';
  name.textContent = flag.flag;
  const help = document.createElement('span');
  help.className = 'help';
  help.textContent = flagHelp(schema, flag);
  const choices = fieldChoices(schema, flag.path);
  let control: HTMLInputElement | HTMLSelectElement;
  if (choices) {
    const select = document.createElement('select');
    for (const c of ['', ...choices]) select.append(new Option(c === '' ? '(not given)' : c, c));
    control = select;
  } else {
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = 'decimal';
    input.spellcheck = false;
    input.placeholder = '(not given)';
    control = input;
  }
  control.id = `f-${key}`;
  control.name = key;
  control.dataset.flag = flag.flag;
  control.addEventListener('input', () => update());
  controls.set(key, control);
  label.append(name, control, help);
  return label;
}

function readTexts(): Record<string, string> {
  const t: Record<string, string> = {};
  for (const [k, c] of controls) if (c.value !== '') t[k] = c.value;
  return t;
}

function writeTexts(texts: Readonly<Record<string, string>>): void {
  for (const [k, c] of controls) c.value = texts[k] ?? '';
}

/** Print a number: the CLI's format (fmt), ∞ for an overflow; the exact value in data-value. */
function showNumber(id: string, x: number | undefined): void {
  const e = byId(id);
  if (x === undefined) {
    e.textContent = '—';
    delete e.dataset.value;
    return;
  }
  e.textContent = x === Infinity ? '∞' : fmt(x);
  e.dataset.value = String(x);
}

function showResult(r: ExplorerResult): void {
  const error = byId('error');
  for (const c of controls.values()) c.classList.toggle('bad', !r.ok && r.flags.includes(c.dataset.flag ?? ''));
  document.body.dataset.state = r.ok ? 'ok' : 'error';
  if (!r.ok) {
    error.textContent = r.message;
    error.hidden = false;
    for (const id of ['gap', 'rademacher', 'total', 'baseline-parameterCounting', 'baseline-naiveSoftmaxT', 'least-m', 'closed-form-value']) showNumber(id, undefined);
    byId('vacuous').hidden = true;
    for (const id of ['statement', 'baseline-parameterCounting-note', 'baseline-naiveSoftmaxT-note']) byId(id).textContent = '';
    return;
  }
  error.hidden = true;
  error.textContent = '';
  const rep = r.report;
  showNumber('gap', rep.generalizationGap);
  showNumber('rademacher', rep.rademacher);
  showNumber('total', rep.total);
  byId('vacuous').hidden = !rep.vacuous;
  showNumber('baseline-parameterCounting', rep.baselines.parameterCounting.value);
  showNumber('baseline-naiveSoftmaxT', rep.baselines.naiveSoftmaxT.value);
  byId('baseline-parameterCounting-note').textContent = rep.baselines.parameterCounting.description;
  byId('baseline-naiveSoftmaxT-note').textContent = rep.baselines.naiveSoftmaxT.description;
  const least = r.leastSampleSize;
  byId('least-m-row').hidden = least === undefined;
  if (least && least.sampleSize === null) {
    byId('least-m').textContent = 'none up to 2^50';
    delete byId('least-m').dataset.value;
  } else showNumber('least-m', least?.sampleSize ?? undefined);
  byId('statement').textContent = rep.statement;
}

let deferred: ReturnType<typeof setTimeout> | undefined;
let view: { finalize(): void } | undefined;
/** Bumped by every input: a curve still being computed for an older request stops. */
let generation = 0;
/** Longest stretch of curve computation before the page yields to input and drawing. */
const SLICE_MS = 12;

/** The curves, a few points at a time; null when a newer input arrived meanwhile. */
async function computeSeries(request: BoundRequest, gen: number): Promise<{ points: SeriesPoint[]; omitted: number } | null> {
  const points: SeriesPoint[] = [];
  let omitted = 0;
  let slice = performance.now();
  for (const step of seriesSteps(request)) {
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((ok) => setTimeout(ok, 0));
      if (gen !== generation) return null;
      slice = performance.now();
    }
    const at = seriesAt(step);
    points.push(...at.points);
    omitted += at.omitted;
  }
  return { points, omitted };
}

/** The curves and the closed form for a computed request (run after the numbers, debounced, cancelled by a newer input). */
async function drawDeferred(request: BoundRequest, fragment: string, gen: number): Promise<void> {
  const t0 = performance.now();
  const plot = byId('plot');
  const latex = byId('latex');
  const series = await computeSeries(request, gen);
  if (series === null) return;
  let report: BoundReport;
  try {
    report = boundForRequest(request, { latex: true });
  } catch (err) {
    latex.textContent = `closed form unavailable: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  g.katex.render(report.latex ?? '', latex, { displayMode: true, throwOnError: true, output: 'html' });
  latex.dataset.latex = report.latex ?? '';
  latex.dataset.for = fragment;
  const cf = report.trace.find((s) => s.id === CLOSED_FORM_ID);
  showNumber('closed-form-value', cf?.value);
  byId('plot-omitted').textContent = series.omitted > 0 ? `${series.omitted} points not drawn: their bound is not finite in float64 (vacuous there).` : '';
  const spec = explorerPlotSpec(request, series);
  const compiled = g.vegaLite.compile(spec as unknown as Parameters<PageGlobals['vegaLite']['compile']>[0]).spec;
  view?.finalize();
  const v = new g.vega.View(g.vega.parse(compiled), { renderer: 'svg', container: plot, hover: true });
  view = v;
  await v.runAsync();
  if (gen !== generation) return;
  plot.dataset.for = fragment;
  probe.deferredMs.push(performance.now() - t0);
}

/** Recompute from the inputs: numbers now, URL now, curves and LaTeX after DEFERRED_DELAY_MS. */
function update(): void {
  const texts = readTexts();
  generation++;
  const t0 = performance.now();
  let r: ExplorerResult;
  try {
    r = exploreTexts(texts);
  } catch (err) {
    // Not a bad input (those come back as messages): a defect; shown, never a stale number.
    r = { ok: false, message: `internal error: ${err instanceof Error ? err.message : String(err)}`, flags: [] };
  }
  const ms = performance.now() - t0;
  probe.computeMs.push(ms);
  byId('compute-ms').textContent = ms.toFixed(2);
  showResult(r);
  const fragment = textsToFragment(texts);
  if (location.hash.replace(/^#/, '') !== fragment) history.replaceState(null, '', `#${fragment}`);
  byId('cli').textContent = cliCommand(texts);
  if (deferred !== undefined) clearTimeout(deferred);
  byId('plot').classList.toggle('stale', !r.ok);
  byId('latex').classList.toggle('stale', !r.ok);
  if (!r.ok) return;
  const gen = generation;
  deferred = setTimeout(() => {
    deferred = undefined;
    drawDeferred(r.request, fragment, gen).catch((err: unknown) => {
      byId('plot').textContent = `plot failed: ${err instanceof Error ? err.message : String(err)}`;
    });
  }, DEFERRED_DELAY_MS);
}

/** Fill the inputs from the URL fragment (or the defaults when it names nothing) and compute. */
function loadFromUrl(): void {
  const state = fragmentToTexts(location.hash);
  const urlError = byId('url-error');
  urlError.hidden = state.ok;
  urlError.textContent = state.ok ? '' : `${state.message}; showing the defaults instead`;
  writeTexts(state.ok && Object.keys(state.texts).length > 0 ? state.texts : EXPLORER_DEFAULT_TEXTS);
  update();
}

function main(): void {
  const groups: Record<Group, HTMLElement> = { class: byId('group-class'), budgets: byId('group-budgets'), statistics: byId('group-statistics') };
  for (const { flag, schema } of FIELDS) groups[GROUP_OF(flag)].append(buildControl(flag, schema));
  byId('inputs').addEventListener('submit', (e) => e.preventDefault());
  byId('reset').addEventListener('click', () => {
    writeTexts(EXPLORER_DEFAULT_TEXTS);
    update();
  });
  window.addEventListener('hashchange', loadFromUrl);
  loadFromUrl();
}

main();
