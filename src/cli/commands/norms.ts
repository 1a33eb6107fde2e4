/** `attn-theory norms MODEL [--json]`: every norm the bounds use, per layer and head. */
import type { Command } from 'commander';
import { action } from '../errors.js';
import { printJson, fmt, table } from '../output.js';
import { readModelFile } from '../../model/format.js';
import { measureNorms, type MatrixNorms } from '../../model/norms-report.js';
import { commandSummary } from '../command-table.js';

function row(name: string, n: MatrixNorms): string[] {
  return [name, `${n.shape[0]}x${n.shape[1]}`, fmt(n.spectral), fmt(n.group21Columns), fmt(n.group21Rows), fmt(n.frobenius), fmt(n.maxRowNorm)];
}

/** Register the command. */
export function register(program: Command): void {
  program
    .command('norms')
    .description(commandSummary('norms'))
    .argument('<model>', 'model file')
    .option('--json', 'machine-readable output')
    .action(
      action('norms', (modelPath: string, opts: { json?: boolean }) => {
        const norms = measureNorms(readModelFile(modelPath));
        if (opts.json) return printJson(norms);
        const rows: string[][] = [];
        for (const [li, l] of norms.layers.entries()) {
          for (const [hi, h] of l.heads.entries()) {
            rows.push(row(`layer ${li + 1} head ${hi + 1} W_QK`, h.wQK));
            rows.push(row(`layer ${li + 1} head ${hi + 1} W_V`, h.wV));
            if (h.wC) rows.push(row(`layer ${li + 1} head ${hi + 1} W_C`, h.wC));
          }
        }
        norms.clsHeads.forEach((h, hi) => {
          rows.push(row(`[CLS] head ${hi + 1} W_QK`, h.wQK));
          rows.push(row(`[CLS] head ${hi + 1} W_V`, h.wV));
        });
        for (const [i, r] of norms.readout.entries()) rows.push(row(`readout layer ${i + 1} W`, r));
        process.stdout.write(`T = ${norms.contextLength}, d = ${norms.width}, B_X (max row norm over all inputs) = ${fmt(norms.inputRowNormBound)}\n\n`);
        process.stdout.write(table(['weight', 'shape', 'spectral', '(2,1) cols', '(2,1) rows', 'Frobenius', 'max row'], rows));
      }),
    );
}
