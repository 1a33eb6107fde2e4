#!/usr/bin/env node
/**
 * The `attn-theory` command line. Each command lives in commands/<name>.ts and exports register().
 * Usage errors from commander are turned into one line and exit status 2.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT } from './errors.js';
import { VERSION } from '../version.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerNorms } from './commands/norms.js';
import { register as registerReport } from './commands/report.js';
import { register as registerSweep } from './commands/sweep.js';
import { register as registerBound } from './commands/bound.js';
import { register as registerTrain } from './commands/train.js';
import { register as registerSampleComplexity } from './commands/sample-complexity.js';
import { register as registerConstruct } from './commands/construct.js';
import { register as registerCertify } from './commands/certify.js';

const program = new Command();
program
  .name('attn-theory')
  .description('Executable theory of bounded-norm self-attention: capacity bounds with explicit constants, certified sparse-function constructions, experiments and reports.')
  .version(VERSION)
  .showHelpAfterError(false)
  .configureOutput({
    writeErr: (s) => process.stderr.write('attn-theory: ' + s.split('\n').filter((l) => l.trim() !== '')[0].replace(/^error: /, '') + '\n'),
  })
  .exitOverride();

registerEval(program);
registerNorms(program);
registerReport(program);
registerSweep(program);
registerBound(program);
registerTrain(program);
registerSampleComplexity(program);
registerConstruct(program);
registerCertify(program);

for (const cmd of program.commands) cmd.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0 through here too.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
    process.exit(EXIT_BAD_INPUT);
  }
  throw err;
}
