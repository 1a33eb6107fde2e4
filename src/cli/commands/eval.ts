/** `attn-theory eval MODEL --bits 0110... [--json]`: the model's real-valued output on one input. */
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { printJson, fmt } from '../output.js';
import { readModelFile } from '../../model/format.js';
import { forwardTrace } from '../../model/forward.js';
import { targetLabel } from '../../model/target.js';
import { commandSummary } from '../command-table.js';

/** Register the command. */
export function register(program: Command): void {
  program
    .command('eval')
    .description(commandSummary('eval'))
    .argument('<model>', 'model file (JSON, format attn-theory-model v1)')
    .requiredOption('--bits <bits>', "the input: a string of T characters '0'/'1'")
    .option('--json', 'machine-readable output')
    .action(
      action('eval', (modelPath: string, opts: { bits: string; json?: boolean }) => {
        const model = readModelFile(modelPath);
        const bits = opts.bits;
        if (!/^[01]+$/.test(bits)) throw flagError('--bits', "a string of '0' and '1'", bits);
        if (bits.length !== model.contextLength) throw flagError('--bits', `of length T = ${model.contextLength}`, `length ${bits.length}`);
        const b = Uint8Array.from(bits, (c) => (c === '1' ? 1 : 0));
        const trace = forwardTrace(model, b);
        const label = model.target ? targetLabel(model.target, b) : null;
        const result = {
          output: trace.output,
          sign: trace.output > 0 ? 1 : trace.output < 0 ? -1 : 0,
          targetLabel: label,
          margin: label === null ? null : label * trace.output,
        };
        if (opts.json) printJson(result);
        else {
          let s = `f(b) = ${trace.output}\n`;
          if (label !== null) s += `target label = ${label}, margin y·f(b) = ${fmt(label * trace.output)}\n`;
          process.stdout.write(s);
        }
      }),
    );
}
