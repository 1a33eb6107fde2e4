/**
 * `attn-theory construct --T N --s K --fn F [--support i,j,...] [--seed S] [--codes onehot|compact]
 * [--family symmetric|general] [--margin G] --out MODEL [--json]`: build a certified sparse head
 * (con-symmetric-sparse-head / con-general-sparse-head) and write it atomically.
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { parseInteger, parseIntegerList, parsePositiveReal, parseChoice } from '../flags.js';
import { printJson, fmt, table } from '../output.js';
import { writeModelFile } from '../../model/format.js';
import { construct, DEFAULT_MARGIN, DEFAULT_ONEHOT_MAX_CONTEXT, type ConstructSpec } from '../../constructions/api.js';
import { truthTable, symmetricLevels, MAX_SPARSITY, type TargetFn } from '../../constructions/targets.js';
import { MAX_ONEHOT_CONTEXT } from '../../constructions/sparse-head.js';
import { AttnTheoryError } from '../../core/errors.js';

/** The raw flags of `construct` (strings as commander gives them). */
export interface ConstructFlags {
  T?: string;
  s?: string;
  fn?: string;
  support?: string;
  seed?: string;
  codes?: string;
  family?: string;
  margin?: string;
  out?: string;
  json?: boolean;
}

/** The validated construct request: the library spec plus the output path. */
export interface ConstructRequest {
  readonly spec: ConstructSpec;
  readonly out: string;
}

/**
 * Validate the flags of `construct` (pure, no I/O). Throws CliUsageError `--flag must be ... (got ...)`
 * for s > T, s = 0, support out of range / duplicated / of the wrong size, a bad table, an unknown
 * function, margin <= 0, one-hot codes with T > 4096, a missing --out.
 */
export function parseConstructOptions(opts: ConstructFlags): ConstructRequest {
  const T = parseInteger('--T', opts.T, 1);
  const s = parseInteger('--s', opts.s, 1);
  if (s > T) throw flagError('--s', `at most --T = ${T}`, opts.s);
  if (s > MAX_SPARSITY) throw flagError('--s', `at most ${MAX_SPARSITY}`, opts.s);
  if (opts.fn === undefined) throw flagError('--fn', 'given (parity|and|or|majority|threshold:K|table:BITS)', undefined);
  try {
    truthTable(opts.fn, s);
  } catch (err) {
    if (err instanceof AttnTheoryError) {
      const m = /must be (.*) \(got/.exec(err.message);
      throw flagError('--fn', (m?.[1] ?? 'valid') + (opts.fn.startsWith('table:') ? ` for --s = ${s}` : ''), opts.fn);
    }
    throw err;
  }
  let support: number[] | undefined;
  if (opts.support !== undefined) {
    support = parseIntegerList('--support', opts.support, 1);
    if (support.length !== s) throw flagError('--support', `a list of --s = ${s} positions`, opts.support);
    for (const p of support) if (p > T) throw flagError('--support', `positions in 1..${T}`, opts.support);
    if (new Set(support).size !== support.length) throw flagError('--support', 'free of duplicates', opts.support);
  }
  const seed = opts.seed === undefined ? 0 : parseInteger('--seed', opts.seed, 0);
  if (seed > 0xffffffff) throw flagError('--seed', 'an integer in 0..4294967295', opts.seed);
  const codes = opts.codes === undefined ? undefined : parseChoice('--codes', opts.codes, ['onehot', 'compact'] as const);
  if ((codes === 'onehot' || (codes === undefined && T <= DEFAULT_ONEHOT_MAX_CONTEXT)) && T > MAX_ONEHOT_CONTEXT) {
    throw flagError('--codes', `compact when --T > ${MAX_ONEHOT_CONTEXT} (one-hot stores a dense (T+2)x(T+2) W_QK)`, opts.codes);
  }
  const family = opts.family === undefined ? undefined : parseChoice('--family', opts.family, ['symmetric', 'general'] as const);
  if (family === 'symmetric' && symmetricLevels(truthTable(opts.fn, s), s) === null) throw flagError('--family', "'general' for a function that is not symmetric", opts.family);
  const margin = opts.margin === undefined ? DEFAULT_MARGIN : parsePositiveReal('--margin', opts.margin);
  if (opts.out === undefined || opts.out === '') throw flagError('--out', 'given (the model file to write)', opts.out);
  const spec: ConstructSpec = { fn: opts.fn as TargetFn, contextLength: T, sparsity: s, ...(support ? { support } : {}), seed, ...(codes ? { codes } : {}), ...(family ? { family } : {}), margin };
  return { spec, out: opts.out };
}

/** Register the command. */
export function register(program: Command): void {
  program
    .command('construct')
    .description('build a [CLS]-head model computing an s-sparse Boolean function of T bits with a certified margin')
    .option('--T <N>', 'context length T')
    .option('--s <K>', 'sparsity s (support size), 1..min(T, 16)')
    .option('--fn <F>', 'parity|and|or|majority|threshold:K|table:BITS (2^s bits, row Σ_j b_{i_j} 2^{s−j})')
    .option('--support <list>', 'comma-separated 1-based support positions (default: random from --seed)')
    .option('--seed <S>', 'seed of the random support and of the compact codes (default 0)')
    .option('--codes <kind>', 'onehot|compact (default: onehot for T <= 1024)')
    .option('--family <name>', 'symmetric|general (default: symmetric when the table depends only on the number of ones)')
    .option('--margin <G>', 'requested margin γ > 0 (default 1)')
    .option('--out <path>', 'model file to write')
    .option('--json', 'machine-readable summary')
    .action(
      action('construct', (opts: ConstructFlags) => {
        const { spec, out } = parseConstructOptions(opts);
        const built = construct(spec);
        const T = spec.contextLength;
        const s = spec.sparsity;
        const margin = built.requestedMargin;
        writeModelFile(out, built.model);
        const meta = built.model.meta ?? {};
        const summary = {
          out: out,
          contextLength: T,
          sparsity: s,
          support: built.target.support,
          table: built.target.table.length <= 64 ? built.target.table : `${built.target.table.slice(0, 61)}...`,
          family: built.family,
          codes: meta.codes,
          width: built.model.width,
          requestedMargin: built.requestedMargin,
          norms: built.norms,
        };
        if (opts.json) return printJson(summary);
        process.stdout.write(
          `wrote ${out}: T = ${T}, s = ${s}, support = ${built.target.support.join(',')}, family = ${built.family}, codes = ${String(meta.codes)}, d = ${built.model.width}\n` +
            `requested margin γ = ${fmt(margin)}; temperature R = ${fmt(built.norms.temperature)}, leak λ_off = ${fmt(built.norms.leak)}, output scale γ_out = ${fmt(built.norms.outputScale)}\n\n`,
        );
        const n = built.norms;
        process.stdout.write(
          table(
            ['norm', 'value'],
            [
              ['B_X (max row norm)', fmt(n.inputNorm)],
              ['||W_QK||_2 = ||W_QK||_F = ||W_QK||_{2,1} (cols)', fmt(n.qkSpectral)],
              ['||W_QK^T||_{2,1} (rows)', fmt(n.qkGroup21Rows)],
              ['||W_V|| (all norms)', fmt(n.valueSpectral)],
              ['readout hidden units', String(n.readoutHiddenUnits)],
              ['||W_1||_2 (readout layer 1)', fmt(n.readout1Spectral)],
              ['||W_2||_2 (readout layer 2)', fmt(n.readout2Spectral)],
              ['readout Lipschitz constant', fmt(n.readoutLipschitz)],
            ],
          ),
        );
        process.stdout.write(`\ncheck it on all 2^${T} inputs: attn-theory certify ${out}\n`);
      }),
    );
}
