/**
 * The verdict (docs/conformance.md): one line for the terminal, and the counterexample or violation
 * report written to a file (atomically: temp file then rename).
 */
import { writeFileAtomic } from '../core/files.js';
import type { Model } from '../model/types.js';
import type { Tolerance } from './compare.js';
import { modelToRequestJson } from './encode.js';
import { CONFORMANCE_PROTOCOL } from './protocol.js';
import type { ConformanceOptions, ConformanceOutcome } from './run.js';

/** Default report file name, in the current directory. */
export const DEFAULT_REPORT_FILE = 'conformance-counterexample.json';

/** The size of a model as the verdict and report state it. */
export interface ModelSize {
  /** T. */
  readonly contextLength: number;
  /** d. */
  readonly width: number;
  /** L. */
  readonly layers: number;
  /** Heads over all layers. */
  readonly layerHeads: number;
  /** [CLS] heads. */
  readonly clsHeads: number;
  /** Dense layers of the readout. */
  readonly readoutLayers: number;
}

/** The size of a model (T, d, layers, heads, readout depth). */
export function modelSize(m: Model): ModelSize {
  return {
    contextLength: m.contextLength,
    width: m.width,
    layers: m.layers.length,
    layerHeads: m.layers.reduce((n, l) => n + l.heads.length, 0),
    clsHeads: m.clsHeads.length,
    readoutLayers: m.readout.length,
  };
}

/** A number with at most 6 significant digits, in JavaScript's shortest form (e.g. 0.00414402, 1.04856e-10). */
const g = (x: number) => String(Number(x.toPrecision(6)));
const sizeText = (s: ModelSize) => `T=${s.contextLength} d=${s.width} layers=${s.layers} layer-heads=${s.layerHeads} cls-heads=${s.clsHeads} readout=${s.readoutLayers}`;
const tolText = (t: Tolerance) => `absTol ${t.absTol}, relTol ${t.relTol}`;
const implText = (o: ConformanceOutcome) => (o.implementation ? ` [${o.implementation}]` : '');

/**
 * The one-line verdict.
 * @param outcome - how the run ended.
 * @param opts - the run's options (seed, cases, tolerance).
 * @param reportPath - where the report was written (named for a failure or violation).
 */
export function verdictLine(outcome: ConformanceOutcome, opts: ConformanceOptions, reportPath: string): string {
  switch (outcome.status) {
    case 'pass':
      return `conformance: PASS ${outcome.cases} cases, ${outcome.inputs} inputs, max |got - expected| ${g(outcome.maxAbsError)} (${tolText(opts.tolerance)}, seed ${opts.seed})${implText(outcome)}`;
    case 'fail': {
      const { case: c, failure } = outcome.shrink.smallest;
      const size = sizeText(modelSize(c.model));
      const head = `conformance: FAIL case ${outcome.caseIndex} of seed ${opts.seed}`;
      const tail = `shrunk to ${size} in ${outcome.shrink.requests} requests; counterexample: ${reportPath}${implText(outcome)}`;
      if (failure.kind === 'error-reply') return `${head}: error reply ${JSON.stringify(failure.message)} on b = ${c.inputs[0]} (expected f(b) = ${g(failure.expected[0])}); ${tail}`;
      const i = failure.worst;
      const diff = Math.abs(failure.got[i] - failure.expected[i]);
      const allowed = opts.tolerance.absTol + opts.tolerance.relTol * Math.abs(failure.expected[i]);
      return `${head}: f(b) = ${g(failure.got[i])}, expected ${g(failure.expected[i])} on b = ${c.inputs[i]} (|got - expected| = ${g(diff)} > absTol + relTol·|expected| = ${g(allowed)}); ${tail}`;
    }
    case 'violation': {
      const where = outcome.caseIndex === null ? '' : ` (case ${outcome.caseIndex} of seed ${opts.seed})`;
      return `conformance: PROTOCOL VIOLATION ${outcome.violation.kind}: ${outcome.violation.detail}${where}; report: ${reportPath}${implText(outcome)}`;
    }
  }
}

/**
 * The report written on a failure or violation (docs/conformance.md); null for a pass.
 * @param outcome - how the run ended.
 * @param opts - the run's options.
 */
export function reportJson(outcome: ConformanceOutcome, opts: ConformanceOptions): Record<string, unknown> | null {
  const common = {
    protocol: CONFORMANCE_PROTOCOL,
    command: opts.command,
    ...(outcome.implementation === undefined ? {} : { implementation: outcome.implementation }),
    seed: opts.seed,
  };
  if (outcome.status === 'pass') return null;
  if (outcome.status === 'violation') {
    return { ...common, kind: 'violation', case: outcome.caseIndex, violation: outcome.violation, request: outcome.request, stderrTail: outcome.stderrTail };
  }
  const { case: c, failure } = outcome.shrink.smallest;
  return {
    ...common,
    kind: failure.kind,
    case: outcome.caseIndex,
    tolerance: opts.tolerance,
    model: modelToRequestJson(c.model, c.encoding),
    inputs: c.inputs,
    expected: failure.expected,
    ...(failure.kind === 'mismatch' ? { got: failure.got } : { message: failure.message }),
    shrink: { requests: outcome.shrink.requests, accepted: outcome.shrink.accepted, from: modelSize(outcome.original.case.model) },
  };
}

/** JSON indented by 2, with any value whose one-line form fits in `width` characters kept on one line. */
export function readableJson(value: unknown, width = 100, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined || flat.length + indent.length <= width || typeof value !== 'object' || value === null) return flat ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + readableJson(v, width, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${readableJson(v, width, inner)}`).join(',\n')}\n${indent}}`;
}

/** Write the report atomically (temp file in the same directory, then rename). */
export function writeReport(path: string, report: Record<string, unknown>): void {
  writeFileAtomic(path, readableJson(report) + '\n');
}
