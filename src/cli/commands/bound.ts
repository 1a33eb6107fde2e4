/**
 * `attn-theory bound`: the capacity bound calculus (src/bounds/api.ts) from flags or from a model file.
 *   attn-theory bound --model head|scalar|multihead|transformer --T .. --d .. --m .. --BX .. --BV ..
 *                     --BV21 .. --BQK21 .. --Bw .. --Lsigma .. [--heads H] [--layers L]
 *                     --margin .. --delta .. [--json]
 *   attn-theory bound --weights MODEL --m .. --margin .. --delta .. [--json]
 * Every bad or missing flag: one line naming the flag, exit 2.
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { printJson, fmt, table } from '../output.js';
import { parseChoice, parseInteger, parseOpenUnit, parsePositiveReal } from '../flags.js';
import { readModelFile } from '../../model/format.js';
import { computeBound, boundFromModel, type BoundReport, type BoundRequest } from '../../bounds/api.js';

type Raw = Record<string, string | boolean | undefined>;

const ANALYTIC = ['model', 'T', 'd', 'BX', 'BV', 'BV21', 'BQK21', 'Bw', 'Lsigma', 'heads', 'layers'] as const;

function str(opts: Raw, key: string): string | undefined {
  const v = opts[key];
  return typeof v === 'string' ? v : undefined;
}

/** Parse the flags into a request, or a model path plus (m, γ, δ). Exported for tests. */
export function parseBoundFlags(opts: Raw): { kind: 'request'; request: BoundRequest } | { kind: 'weights'; path: string; sampleSize: number; margin: number; delta: number } {
  const weights = str(opts, 'weights');
  // Without --weights the model kind comes first: `--model foo` is the error to report, not a missing --m.
  const model = weights === undefined ? parseChoice('--model', str(opts, 'model'), ['head', 'scalar', 'multihead', 'transformer'] as const) : null;
  const m = parseInteger('--m', str(opts, 'm'), 1);
  const margin = parsePositiveReal('--margin', str(opts, 'margin'));
  const delta = parseOpenUnit('--delta', str(opts, 'delta'));
  if (weights !== undefined || model === null) {
    for (const k of ANALYTIC) if (opts[k] !== undefined) throw flagError(`--${k}`, 'absent when --weights is given (norms are measured from the model)', opts[k]);
    return { kind: 'weights', path: weights as string, sampleSize: m, margin, delta };
  }
  const request: BoundRequest = {
    model,
    contextLength: parseInteger('--T', str(opts, 'T'), 1),
    width: parseInteger('--d', str(opts, 'd'), 1),
    sampleSize: m,
    inputNorm: parsePositiveReal('--BX', str(opts, 'BX')),
    normBounds: {
      valueSpectral: parsePositiveReal('--BV', str(opts, 'BV')),
      valueGroup21: parsePositiveReal('--BV21', str(opts, 'BV21')),
      qkGroup21: parsePositiveReal('--BQK21', str(opts, 'BQK21')),
      readout: parsePositiveReal('--Bw', str(opts, 'Bw')),
    },
    activationLipschitz: parsePositiveReal('--Lsigma', str(opts, 'Lsigma')),
    margin,
    delta,
  };
  if (opts.heads !== undefined) request.heads = parseInteger('--heads', str(opts, 'heads'), 1);
  if (opts.layers !== undefined) request.layers = parseInteger('--layers', str(opts, 'layers'), 1);
  return { kind: 'request', request };
}

/** Render a report as readable text. */
export function renderBoundReport(r: BoundReport): string {
  let s = '';
  s += `generalization gap  ${fmt(r.generalizationGap)}   (P[y f(x) <= 0] <= empirical margin loss + gap)\n`;
  s += `Rademacher bound    ${fmt(r.rademacher)}\n`;
  s += `total               ${fmt(r.total)}${r.vacuous ? '   VACUOUS (>= 1)' : ''}\n\n`;
  s += table(['eps', 'ln N_inf(eps)'], r.logCovering.map((c) => [fmt(c.eps), fmt(c.value)]));
  s += '\nbaselines\n';
  s += table(['name', 'gap', 'what'], Object.entries(r.baselines).map(([k, b]) => [k, fmt(b.value), b.description]));
  s += '\nderivation trace\n';
  s += table(['result', 'value', 'inputs'], r.trace.map((t) => [t.id, fmt(t.value), Object.entries(t.inputs).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')]));
  return s;
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program
    .command('bound')
    .description('capacity bound with explicit constants: log covering numbers, Rademacher bound, generalization gap, baselines');
  cmd
    .option('--model <kind>', 'head|scalar|multihead|transformer')
    .option('--T <T>', 'context length T')
    .option('--d <d>', 'width d')
    .option('--m <m>', 'sample size m')
    .option('--BX <BX>', 'bound B_X on every embedded row norm')
    .option('--BV <BV>', 'spectral norm bound of W_V')
    .option('--BV21 <BV21>', 'group (2,1) norm bound of W_V')
    .option('--BQK21 <BQK21>', 'group (2,1) norm bound of W_QK')
    .option('--Bw <Bw>', 'norm bound of the readout w')
    .option('--Lsigma <Lsigma>', 'Lipschitz constant of the head activation')
    .option('--heads <H>', 'heads per layer (multihead, transformer)')
    .option('--layers <L>', 'layers (transformer)')
    .option('--margin <gamma>', 'margin gamma > 0')
    .option('--delta <delta>', 'confidence delta in (0, 1)')
    .option('--weights <model>', 'model file: measure the norms instead of taking them from flags')
    .option('--json', 'machine-readable output')
    .action(
      action('bound', (opts: Raw) => {
        const parsed = parseBoundFlags(opts);
        const report = parsed.kind === 'request' ? computeBound(parsed.request) : boundFromModel(readModelFile(parsed.path), { sampleSize: parsed.sampleSize, margin: parsed.margin, delta: parsed.delta });
        if (opts.json) printJson(report);
        else process.stdout.write(renderBoundReport(report));
      }),
    );
}
