#!/usr/bin/env node
/**
 * The `attn-theory` command line. Each command lives in commands/<name>.ts and exports register();
 * only the module of the command being run is imported (command-table.ts), so `--help` and each
 * command start fast. Usage errors from commander are turned into one line and exit status 2.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, exitWithError, reportMissingAtOnce } from './errors.js';
import { COMMANDS } from './command-table.js';
import { VERSION } from '../version.js';

// A reader that closes the pipe early (`attn-theory certify --json | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const program = new Command();
program
  .name('attn-theory')
  .description('Executable theory of bounded-norm self-attention: capacity bounds with explicit constants, certified sparse-function constructions, experiments and reports.')
  .version(VERSION)
  .showHelpAfterError(false)
  .configureOutput({
    writeErr: (s) => process.stderr.write('attn-theory: ' + (s.split('\n').filter((l) => l.trim() !== '')[0] ?? '').replace(/^error: /, '') + '\n'),
  })
  .exitOverride();

// The command named on the command line (the first argument that is not an option, or the one after
// `help`), if it is one of ours.
const words = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const named = COMMANDS.find((c) => c.name === (words[0] === 'help' ? words[1] : words[0]));
if (named) {
  (await named.load())(program);
} else {
  // Top-level help, --version, or an unknown command: commander needs only the names and summaries.
  for (const c of COMMANDS) program.command(c.args ? `${c.name} ${c.args}` : c.name).description(c.summary);
}
for (const cmd of program.commands) {
  cmd.exitOverride();
  reportMissingAtOnce(cmd);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0 through here too.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
    process.exit(EXIT_BAD_INPUT);
  }
  exitWithError(named?.name ?? '', err);
}
