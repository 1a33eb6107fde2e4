/**
 * `attn-theory certify MODEL [--target SPEC] [--margin G] [--method exact|interval] [--json]`: a
 * certified lower bound on the margin over all 2^T inputs (alg-certify-position-keys, exact for
 * position-only keys; alg-certify-interval otherwise). Exit 0 when certified, 1 when not, 2 on bad input.
 * SPEC: FN@i,j,... with FN parity|and|or|majority|threshold:K|table:BITS (e.g. parity@3,7,9).
 */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { parsePositiveReal, parseChoice } from '../flags.js';
import { printJson, fmt } from '../output.js';
import { readModelFile } from '../../model/format.js';
import { certify } from '../../constructions/api.js';
import { parseTargetSpec } from '../../constructions/target-spec.js';
import { exactCertifierObstacle } from '../../constructions/certify-exact.js';
import { AttnTheoryError } from '../../core/errors.js';
import type { BooleanTarget, Model } from '../../model/types.js';

/** A long bit string as a short description (positions of the rarer bit value). */
export function describeBits(bits: string): string {
  if (bits.length <= 128) return bits;
  const ones: number[] = [];
  const zeros: number[] = [];
  for (let i = 0; i < bits.length; i++) (bits[i] === '1' ? ones : zeros).push(i + 1);
  const [which, list] = ones.length <= zeros.length ? ['1', ones] : ['0', zeros];
  const shown = list.slice(0, 40).join(',') + (list.length > 40 ? `,... (${list.length} in all)` : '');
  return `T = ${bits.length}: bit ${which} at positions [${shown}], ${which === '1' ? '0' : '1'} elsewhere`;
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
  program
    .command('certify')
    .description('certify y·f(b) >= margin on all 2^T inputs (exact for position-only keys, interval bound otherwise)')
    .argument('<model>', 'model file')
    .option('--target <spec>', 'target overriding the stored one: FN@i,j,... e.g. parity@3,7,9 or table:0110@2,5')
    .option('--margin <G>', 'margin γ to certify (default: the requested margin stored by construct, else > 0)')
    .option('--method <m>', 'exact|interval (default: exact when keys depend only on positions)')
    .option('--json', 'machine-readable output')
    .action(
      action('certify', (modelPath: string, opts: { target?: string; margin?: string; method?: string; json?: boolean }) => {
        const model = readModelFile(modelPath);
        const target = resolveCertifyTarget(model, opts.target);
        const margin = opts.margin === undefined ? undefined : parsePositiveReal('--margin', opts.margin);
        const method = opts.method === undefined ? undefined : parseChoice('--method', opts.method, ['exact', 'interval'] as const);
        if (method === 'exact') {
          const obstacle = exactCertifierObstacle(model);
          if (obstacle) throw flagError('--method', `interval for this model (${obstacle})`, 'exact');
        }
        const cert = certify(model, target, {
          ...(margin !== undefined ? { requestedMargin: margin } : {}),
          ...(method ? { method: method === 'exact' ? 'exact-position-keys' : 'interval' } : {}),
        });
        if (opts.json) printJson({ ...cert, target: { support: target.support, table: target.table } });
        else {
          process.stdout.write(
            `certified: ${cert.certified}\n` +
              `minMargin: ${fmt(cert.minMargin)}${cert.requestedMargin !== undefined ? ` (requested ${fmt(cert.requestedMargin)})` : ' (requested > 0)'}\n` +
              `inputsCovered: ${cert.inputsCovered}\n` +
              `worstInput: ${describeBits(cert.worstInput)} (margin ${fmt(cert.worstInputMargin)})\n` +
              `method: ${cert.method}${cert.method === 'exact-position-keys' ? (cert.attained ? ' (bound attained: exact)' : ' (bound at a readout kink: sound, may not be attained)') : ' (sound, may be loose)'}\n`,
          );
        }
        return cert.certified ? 0 : 1;
      }),
    );
}
