/**
 * `attn-theory/report`: the verification report built from stored runs (alg-report-checks), the SQLite
 * run store (def-run-store), and resumable, shardable sweeps (alg-sweep-runner). Heavy parts load on
 * first use: better-sqlite3 when a store is opened, vega/vega-lite/resvg when a plot is drawn, tfjs when
 * a train cell runs.
 * @packageDocumentation
 */
// The report.
export { MissingDependencyError } from '../core/optional-dependency.js';
export { REPORT_TITLE, buildSections, renderReport, type RenderOptions } from './render.js';
export { runDefaultSweeps, runSampleComplexityIntoStore, type DefaultRunOptions, type StepTiming } from './pipeline.js';
export { summaryTable } from './summary.js';
export type { Cell, ReportTable, SummaryLine, ReportSection, Verdict } from './types.js';
export type { WrittenReport } from './write.js';
export { PLOT_FONT, vegaLiteToSvg, svgToPng, type PlotSpec, type PlotFiles } from './plot.js';
// The run store.
export { RUN_STORE_ID, STORE_FORMAT_VERSION } from '../experiments/store/format.js';
export { canonicalJson, contentHash } from '../experiments/store/canonical.js';
export { openRunStore, readStoreFormatVersion, SqliteRunStore, type StoredRun, type OpenStoreOptions } from '../experiments/store/sqlite-store.js';
// Sweeps.
export type { RunKind, RunAllOptions } from '../experiments/sweep/kind.js';
export { MAX_SWEEP_CELLS, parseSweepSpec, readSweepSpec, type SweepSpec } from '../experiments/sweep/spec.js';
export { SWEEP_RUNNER_ID, parseShard, cellCount, expandGrid, shardCells, type SweepCell, type Shard } from '../experiments/sweep/grid.js';
export { runSweep, sweepStatus, sweepRows, type RunSweepOptions, type SweepRunSummary, type SweepProgress, type SweepStatus } from '../experiments/sweep/runner.js';
export { mergeStores, type MergeSummary } from '../experiments/sweep/merge.js';
export { runKinds } from '../experiments/sweep/kinds.js';
