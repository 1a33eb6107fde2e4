/**
 * `attn-theory certify MODEL [--target SPEC] [--margin G] [--method exact-position-keys|interval]
 * [--json [--full-input]]`: a certified lower bound on the margin over all 2^T inputs
 * (alg-certify-position-keys, exact for position-only keys; alg-certify-interval otherwise). Exit 0
 * when certified, 1 when not, 2 on bad input. --margin and --method are the fields of certify's options
 * schema (help and choices from it). SPEC: FN@i,j,... with FN parity|and|or|majority|threshold:K|table:BITS
 * (e.g. parity@3,7,9). In --json the worst input is compact (majority bit + the 1-based positions that
 * differ from it: a few numbers instead of T characters, 1 MB at T = 2^20); --full-input gives the bits.
 * `--generalization --m M --train-errors K [--delta D] [--class general|symmetric|adaptive]`: the
 * sparse-compression certificate instead (thm-sparse-compression-certificate): the target is the s-sparse
 * g, the model's sign must equal g on all 2^T inputs, and the bound on its error holds over g's class.
 * Exit 0 when the sign certifies, 1 when not.
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { anyFlagGiven, declareFlags, optionKey, parseSchemaFlags, type SchemaFlag } from '../schema-flags.js';
import { printJson, fmt } from '../output.js';
import { readModelFile } from '../../model/format.js';
import { certify } from '../../constructions/api.js';
import { certifyOptionsSchema } from '../../constructions/certify-options-schema.js';
import { parseTargetSpec } from '../../constructions/target-spec.js';
import { exactCertifierObstacle } from '../../constructions/certify-exact.js';
import { AttnTheoryError } from '../../core/errors.js';
import type { BooleanTarget, Model } from '../../model/types.js';
import { commandSummary } from '../command-table.js';
import { compressionOptionsSchema, certifiedCompression } from '../../bounds/compression-certificate.js';

/** A bit string as its majority bit plus the 1-based positions that differ from it (ties: majority '0'). */
export interface CompactBits {
  readonly length: number;
  readonly majorityBit: 0 | 1;
  readonly positions: number[];
}

/** Compact form of a '0'/'1' string (the --json worst input). */
export function compactBits(bits: string): CompactBits {
  const ones: number[] = [];
  const zeros: number[] = [];
  for (let i = 0; i < bits.length; i++) (bits[i] === '1' ? ones : zeros).push(i + 1);
  return ones.length <= zeros.length ? { length: bits.length, majorityBit: 0, positions: ones } : { length: bits.length, majorityBit: 1, positions: zeros };
}

/** The bit string of a compact form (inverse of compactBits). */
export function expandBits(c: CompactBits): string {
  const out = new Uint8Array(c.length).fill(c.majorityBit === 1 ? 49 : 48);
  for (const p of c.positions) out[p - 1] = c.majorityBit === 1 ? 48 : 49;
  return Buffer.from(out).toString('latin1');
}

/** A long bit string as a short description (1-based positions of the rarer bit value). */
export function describeBits(bits: string): string {
  if (bits.length <= 128) return bits;
  const c = compactBits(bits);
  const which = c.majorityBit === 0 ? '1' : '0';
  const shown = c.positions.slice(0, 40).join(',') + (c.positions.length > 40 ? `,... (${c.positions.length} in all)` : '');
  return `T = ${bits.length}: bit ${which} at positions [${shown}], ${c.majorityBit} elsewhere`;
}

/** Flags of certify's options (one per field of certifyOptionsSchema). */
export const CERTIFY_FLAGS: readonly SchemaFlag[] = [
  { flag: '--margin', path: ['requestedMargin'], arg: 'G' },
  { flag: '--method', path: ['method'] },
];

/** Flags of the compression certificate (one per field of compressionOptionsSchema; with --generalization only). */
export const GENERALIZATION_FLAGS: readonly SchemaFlag[] = [
  { flag: '--m', path: ['sampleSize'], arg: 'M' },
  { flag: '--train-errors', path: ['trainErrors'], arg: 'K' },
  { flag: '--delta', path: ['delta'], arg: 'D' },
  { flag: '--class', path: ['functionClass'] },
];

/** `certify --generalization`: the compression certificate, printed; returns the exit status (0 when the sign certifies). */
function certifyGeneralization(modelPath: string, opts: Record<string, unknown>): number {
  for (const f of CERTIFY_FLAGS) if (opts[optionKey(f.flag)] !== undefined) throw flagError(f.flag, 'absent with --generalization (the sign test is margin > 0)', opts[optionKey(f.flag)]);
  if (opts.fullInput) throw flagError('--full-input', 'absent with --generalization', true);
  const o = parseSchemaFlags(compressionOptionsSchema, GENERALIZATION_FLAGS, opts);
  const model = readModelFile(modelPath);
  const target = resolveCertifyTarget(model, opts.target as string | undefined);
  const c = certifiedCompression(model, target, o);
  if (opts.json) printJson({ ...c, certificate: { ...c.certificate, worstInput: compactBits(c.certificate.worstInput) } });
  else
    process.stdout.write(
      `sign certified: ${c.signAgrees} (certified lower bound ${fmt(c.certificate.certifiedLowerBound)}, ${c.certificate.method}, ${c.certificate.inputsCovered})\n` +
        `class: ${c.functionClass}, s = ${c.sparsity}, T = ${c.contextLength}, ln(1/pi(g)) = ${fmt(c.logInversePrior)}${c.symmetric ? ' (symmetric table)' : ''}\n` +
        `m = ${c.sampleSize}, K = ${c.trainErrors} (${c.form}), delta = ${c.delta}\n` +
        `bound on P[y f(x) <= 0]: ${c.bound === null ? 'none (the sign does not certify)' : fmt(c.bound)}\n` +
        `forms: binomial ${fmt(c.forms.binomial)}, kl ${fmt(c.forms.kl)}, hoeffding ${fmt(c.forms.hoeffding)}${c.forms.occam === null ? '' : `, occam ${fmt(c.forms.occam)}`}\n` +
        `statement: ${c.statement}\n`,
    );
  return c.signAgrees ? 0 : 1;
}

/**
 * The target to certify against: --target SPEC parsed for the model's T, else the stored target.
 * Throws CliUsageError naming --target for a bad SPEC or when neither exists.
 */
export function resolveCertifyTarget(model: Model, spec: string | undefined): BooleanTarget {
  if (spec !== undefined) {
    try {
      return parseTargetSpec(spec, model.contextLength);
    } catch (err) {
      if (err instanceof AttnTheoryError) {
        const m = /must be (.*) \(got/.exec(err.message);
        const param = /: ([\w.]+) must be/.exec(err.message)?.[1] ?? 'spec';
        throw flagError('--target', `${m?.[1] ?? 'a valid FN@i,j,...'}${param === 'spec' ? '' : ` (${param})`}`, spec);
      }
      throw err;
    }
  }
  if (!model.target) throw flagError('--target', 'given (the model file stores no target)', undefined);
  return model.target;
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program
    .command('certify')
    .description(commandSummary('certify'))
    .argument('<model>', 'model file')
    .option('--target <spec>', 'target overriding the stored one: FN@i,j,... e.g. parity@3,7,9 or table:0110@2,5');
  declareFlags(cmd, certifyOptionsSchema, CERTIFY_FLAGS);
  cmd.option('--generalization', 'the sparse-compression certificate: bound the error of a model whose sign equals the s-sparse target on all inputs');
  declareFlags(cmd, compressionOptionsSchema, GENERALIZATION_FLAGS);
  cmd
    .option('--json', 'machine-readable output; worstInput as {length, majorityBit, positions}: the majority bit and the 1-based positions that differ from it')
    .option('--full-input', 'with --json: worstInput as the full string of T bits instead')
    .addHelpText(
      'after',
      '\nJSON worst input: {"length": T, "majorityBit": 0|1, "positions": [i, ...]}: the bit most positions hold and the 1-based positions (as in --target and --support) holding the other one; --full-input prints the T bits instead (1 MB at T = 2^20).',
    )
    .action(
      action('certify', (modelPath: string, opts: { target?: string; margin?: string; method?: string; json?: boolean; fullInput?: boolean; generalization?: boolean }) => {
        if (opts.generalization) return certifyGeneralization(modelPath, opts);
        const extra = anyFlagGiven(opts, GENERALIZATION_FLAGS);
        if (extra) throw flagError(extra.flag, 'used with --generalization', opts[optionKey(extra.flag) as keyof typeof opts]);
        const options = parseSchemaFlags(certifyOptionsSchema, CERTIFY_FLAGS, opts);
        if (opts.fullInput && !opts.json) throw flagError('--full-input', 'used with --json', true);
        const model = readModelFile(modelPath);
        const target = resolveCertifyTarget(model, opts.target);
        if (options.method === 'exact-position-keys') {
          const obstacle = exactCertifierObstacle(model);
          if (obstacle) throw flagError('--method', `interval for this model (${obstacle})`, options.method);
        }
        const cert = certify(model, target, options);
        if (opts.json) printJson({ ...cert, worstInput: opts.fullInput ? cert.worstInput : compactBits(cert.worstInput), target: { support: target.support, table: target.table } });
        else {
          process.stdout.write(
            `certified: ${cert.certified}\n` +
              `certifiedLowerBound: ${String(cert.certifiedLowerBound)}${cert.requestedMargin !== undefined ? ` (requested ${fmt(cert.requestedMargin)})` : ' (requested > 0)'}\n` +
              `minMargin: ${String(cert.minMargin)} (float64 estimate; slack ${cert.slack.toPrecision(3)} for rounding)\n` +
              `inputsCovered: ${cert.inputsCovered}\n` +
              `worstInput: ${describeBits(cert.worstInput)} (margin ${fmt(cert.worstInputMargin)})\n` +
              `method: ${cert.method}${cert.method === 'exact-position-keys' ? (cert.attained ? ' (bound attained: exact)' : ' (bound at a readout kink: sound, may not be attained)') : ' (sound, may be loose)'}\n`,
          );
        }
        return cert.certified ? 0 : 1;
      }),
    );
}
