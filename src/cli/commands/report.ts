/**
 * `attn-theory report`: the verification report. Until the report issue lands, it prints what the
 * toolkit can already check (the foundation's reference model on the shipped example).
 */
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { action } from '../errors.js';
import { readModelFile } from '../../model/format.js';
import { measureNorms } from '../../model/norms-report.js';
import { forward } from '../../model/forward.js';
import { targetLabel } from '../../model/target.js';
import { fmt } from '../output.js';

/** Register the command. */
export function register(program: Command): void {
  program
    .command('report')
    .description('run the verification report on its small default configuration')
    .action(
      action('report', () => {
        const path = fileURLToPath(new URL('../../../examples/parity3-T8.json', import.meta.url));
        const model = readModelFile(path);
        const norms = measureNorms(model);
        let worst = Infinity;
        const T = model.contextLength;
        const b = new Uint8Array(T);
        for (let x = 0; x < 2 ** T; x++) {
          for (let t = 0; t < T; t++) b[t] = (x >> t) & 1;
          worst = Math.min(worst, targetLabel(model.target!, b) * forward(model, b));
        }
        process.stdout.write(
          `attn-theory report (foundation stage)\n` +
            `example model ${path}: T = ${T}, d = ${model.width}, B_X = ${fmt(norms.inputRowNormBound)}\n` +
            `exhaustive check over all 2^${T} inputs: min margin y·f(b) = ${fmt(worst)} (${worst > 0 ? 'correct on every input' : 'NOT correct on every input'})\n`,
        );
        return worst > 0 ? 0 : 1;
      }),
    );
}
