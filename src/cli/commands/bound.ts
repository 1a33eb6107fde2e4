/**
 * `attn-theory bound`: the capacity bound calculus (src/bounds/api.ts) from flags or from a model file.
 *   attn-theory bound --model head|scalar|multihead|transformer --T .. --d .. --m .. --BX .. --BV ..
 *                     --BV21 .. --BQK21 .. --Bw .. --Lsigma .. --margin .. --delta ..
 *                     [--heads H] [--layers L] [--value-dim K] [--value-activation identity|lipschitz]
 *                     [--qk-spectral ..] [--output-spectral ..] [--output-group21 ..]
 *                     [--empirical-margin-loss ..] [--disable-tightenings a,b|all] [--target-gap G]
 *                     [--waterfall] [--latex] [--json]
 *   attn-theory bound --weights MODEL --m .. --margin .. --delta .. [--empirical-margin-loss ..]
 *                     [--target-gap G] [--latex] [--json]
 * One flag per field of the bound request (src/bounds/request-schema.ts): the help text, the enum
 * choices and the checks are the schema's. Every bad flag: one line naming it; every missing flag
 * listed at once; exit 2.
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { printJson, fmt, table } from '../output.js';
import { declareFlags, parseSchemaFlags, anyFlagGiven, optionKey, type SchemaFlag } from '../schema-flags.js';
import { readModelFile } from '../../model/format.js';
import {
  boundForRequest,
  boundForArchitecture,
  boundForArchitectureGap,
  gridUnionBound,
  architectureFromModel,
  requiredSampleSize,
  requiredSampleSizeForModel,
  type BoundReport,
  type BoundRequest,
  type ModelBoundOptions,
} from '../../bounds/api.js';
import { boundRequestSchema, modelBoundOptionsSchema, targetGapSchema } from '../../bounds/request-schema.js';
import { z } from 'zod';
import { commandSummary } from '../command-table.js';
import { invertSampleSize } from '../../bounds/sample-size.js';
import { boundWaterfallForRequest, type WaterfallRow } from '../../bounds/waterfall.js';

type Raw = Record<string, string | boolean | undefined>;

import { BOUND_REQUEST_FLAGS, CLASS_FLAGS, STAT_FLAGS } from '../bound-request-flags.js';

export { BOUND_REQUEST_FLAGS };

const TARGET_GAP_FLAG: SchemaFlag = { flag: '--target-gap', path: ['targetGap'], arg: 'G' };
const targetGapFlagSchema = z.strictObject({ targetGap: targetGapSchema.optional() });

/** What the flags ask for. */
export type BoundFlags =
  | { readonly kind: 'request'; readonly request: BoundRequest; readonly targetGap?: number; readonly latex: boolean; readonly waterfall?: boolean }
  | { readonly kind: 'weights'; readonly path: string; readonly options: ModelBoundOptions; readonly targetGap?: number; readonly latex: boolean; readonly fixedClass: boolean };

function str(opts: Raw, key: string): string | undefined {
  const v = opts[key];
  return typeof v === 'string' ? v : undefined;
}

/** Parse the flags into a request, or a model path plus (m, γ, δ). Exported for tests. @throws CliUsageError. */
export function parseBoundFlags(opts: Raw): BoundFlags {
  const weights = str(opts, 'weights');
  const { targetGap } = parseSchemaFlags(targetGapFlagSchema, [TARGET_GAP_FLAG], opts);
  const latex = opts.latex === true;
  const gap = targetGap !== undefined ? { targetGap } : {};
  if (weights !== undefined) {
    const given = anyFlagGiven(opts, CLASS_FLAGS);
    if (given) throw flagError(given.flag, 'absent when --weights is given (norms are measured from the model)', opts[optionKey(given.flag)]);
    if (opts.waterfall === true) throw flagError('--waterfall', 'given only without --weights (the waterfall is of a request from flags)', true);
    return { kind: 'weights', path: weights, options: parseSchemaFlags(modelBoundOptionsSchema, STAT_FLAGS, opts), latex, fixedClass: opts.fixedClass === true, ...gap };
  }
  if (opts.fixedClass === true) throw flagError('--fixed-class', 'given only with --weights (a request from flags is a class fixed in advance)', true);
  const waterfall = opts.waterfall === true ? { waterfall: true } : {};
  return { kind: 'request', request: parseSchemaFlags(boundRequestSchema, BOUND_REQUEST_FLAGS, opts), latex, ...gap, ...waterfall };
}

/** The report of parsed flags, with the least m for --target-gap when asked (null: none ≤ 2^50). */
export function runBoundFlags(parsed: BoundFlags): BoundReport & { leastSampleSize?: { targetGap: number; sampleSize: number | null }; waterfall?: WaterfallRow[] } {
  const report = runBoundFlagsCore(parsed);
  return parsed.kind === 'request' && parsed.waterfall ? { ...report, waterfall: boundWaterfallForRequest(parsed.request) } : report;
}

function runBoundFlagsCore(parsed: BoundFlags): BoundReport & { leastSampleSize?: { targetGap: number; sampleSize: number | null } } {
  const out = { latex: parsed.latex };
  let report: BoundReport;
  let least: number | undefined;
  if (parsed.kind === 'request') {
    report = boundForRequest(parsed.request, out);
    if (parsed.targetGap !== undefined) {
      const { sampleSize: _m, empiricalMarginLoss: _e, ...rest } = parsed.request;
      least = requiredSampleSize(rest, parsed.targetGap);
    }
  } else {
    const model = readModelFile(parsed.path);
    const arch = architectureFromModel(model);
    // Default: the grid union, valid for norms and γ read off the weights; --fixed-class: the class of exactly these norms.
    report = parsed.fixedClass ? boundForArchitecture(arch, parsed.options, out) : gridUnionBound(arch, parsed.options, out);
    if (parsed.targetGap !== undefined) {
      const mg = { margin: parsed.options.margin, delta: parsed.options.delta };
      least = parsed.fixedClass ? invertSampleSize((m) => boundForArchitectureGap(arch, m, mg.margin, mg.delta), parsed.targetGap) : requiredSampleSizeForModel(model, mg, parsed.targetGap);
    }
  }
  if (parsed.targetGap === undefined || least === undefined) return report;
  return { ...report, leastSampleSize: { targetGap: parsed.targetGap, sampleSize: Number.isFinite(least) ? least : null } };
}

/** Render a report as readable text. */
export function renderBoundReport(r: BoundReport & { leastSampleSize?: { targetGap: number; sampleSize: number | null }; waterfall?: WaterfallRow[] }): string {
  let s = '';
  s += `statement           ${r.statement}\n`;
  if (r.budgetGrid)
    s += `grid cell           margin ${fmt(r.budgetGrid.marginGiven)} -> ${fmt(r.budgetGrid.marginUsed)}, ${r.budgetGrid.slots.length - 1} budgets rounded up by at most ${fmt(r.budgetGrid.ratio)}x, ln(1/w) = ${fmt(r.budgetGrid.logInverseWeight)}\n`;
  s += `generalization gap  ${fmt(r.generalizationGap)}   (P[y f(x) <= 0] <= empirical margin loss + gap)\n`;
  s += `Rademacher bound    ${fmt(r.rademacher)}\n`;
  s += `total               ${fmt(r.total)}${r.vacuous ? '   VACUOUS (>= 1)' : ''}\n`;
  if (r.leastSampleSize)
    s += `least m for gap <= ${fmt(r.leastSampleSize.targetGap)}: ${r.leastSampleSize.sampleSize === null ? 'none up to 2^50' : `${r.leastSampleSize.sampleSize} (gap at m − 1 above G; alg-sample-size-inversion)`}\n`;
  s += '\n';
  s += table(
    ['eps', 'ln N_inf(eps)'],
    r.logCovering.map((c) => [fmt(c.eps), fmt(c.value)]),
  );
  s += '\nbaselines\n';
  s += table(
    ['name', 'gap', 'what'],
    Object.entries(r.baselines).map(([k, b]) => [k, fmt(b.value), b.description]),
  );
  s += '\nderivation trace\n';
  s += table(
    ['result', 'value', 'inputs'],
    r.trace.map((t) => [
      t.id,
      fmt(t.value),
      Object.entries(t.inputs)
        .map(([k, v]) => `${k}=${fmt(v)}`)
        .join(' '),
    ]),
  );
  if (r.waterfall)
    s +=
      '\nwaterfall (alg-bound-waterfall: gap after each tightening)\n' +
      table(
        ['step', 'note', 'gap', 'gain', 'R_hat', 'K'],
        r.waterfall.map((w) => [w.applied ? w.step : `${w.step} (disabled)`, w.note, fmt(w.generalizationGap), fmt(w.gain), fmt(w.rademacher), fmt(w.smoothConstant)]),
      );
  if (r.latex !== undefined) s += `\nclosed form (cor-closed-form-gap, LaTeX)\n${r.latex}\n`;
  return s;
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program.command('bound').description(commandSummary('bound'));
  declareFlags(cmd, boundRequestSchema, BOUND_REQUEST_FLAGS);
  declareFlags(cmd, targetGapFlagSchema, [TARGET_GAP_FLAG]);
  cmd
    .option(
      '--weights <model>',
      'model file: measure the norms instead of taking them from flags (then only --m, --margin, --delta, --empirical-margin-loss, --target-gap); the bound holds simultaneously over a weighted grid of budgets and margins (thm-budget-grid-union), so it stays valid for norms read off trained weights',
    )
    .option('--fixed-class', 'with --weights: the bound for the class of exactly the measured norms, valid only if that class and the margin were fixed before the data')
    .option('--latex', 'also print the LaTeX closed form of the gap (loads mathjs: slower)')
    .option('--waterfall', 'also report the gap after each tightening of the chain, from the first chain to the current one (alg-bound-waterfall)')
    .option('--json', 'machine-readable output')
    .action(
      action('bound', (opts: Raw) => {
        const report = runBoundFlags(parseBoundFlags(opts));
        if (opts.json) printJson(report);
        else process.stdout.write(renderBoundReport(report));
      }),
    );
}
