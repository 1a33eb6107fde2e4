/**
 * `attn-theory conformance --cmd "<command>" [--seed N] [--cases N] [--tol X] [--abs-tol X] [--rel-tol X]
 * [--out FILE] [--timeout-ms N]`: check another implementation of the forward pass, spoken to over JSON
 * lines (docs/conformance.md), against the float64 reference. Exit 0 conforming, 1 on a counterexample
 * or a protocol violation, 2 on bad flags.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { action, flagError } from '../errors.js';
import { parseInteger, parseNonNegativeReal } from '../flags.js';
import { commandSummary } from '../command-table.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../../conformance/compare.js';
import { runConformance, type ConformanceOptions } from '../../conformance/run.js';
import { DEFAULT_REPORT_FILE, reportJson, verdictLine, writeReport } from '../../conformance/verdict.js';

interface Flags {
  cmd?: string;
  seed: string;
  cases: string;
  tol?: string;
  absTol?: string;
  relTol?: string;
  out: string;
  timeoutMs: string;
}

/** Exit status of a counterexample or a protocol violation. */
const EXIT_NOT_CONFORMING = 1;

/** The nearest existing ancestor of a path must be a writable directory, and the path not a directory. */
function checkWritable(out: string): void {
  if (existsSync(out) && statSync(out).isDirectory()) throw flagError('--out', 'a file path, not a directory', out);
  let dir = dirname(out);
  while (!existsSync(dir)) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw flagError('--out', 'in a writable directory', out);
  }
}

function parseFlags(f: Flags): { opts: ConformanceOptions; out: string } {
  if (f.cmd === undefined || f.cmd.trim() === '') throw flagError('--cmd', 'a non-empty command line', f.cmd);
  const seed = parseInteger('--seed', f.seed, Number.MIN_SAFE_INTEGER);
  const cases = parseInteger('--cases', f.cases, 1);
  const timeoutMs = parseInteger('--timeout-ms', f.timeoutMs, 1);
  const both = f.tol === undefined ? undefined : parseNonNegativeReal('--tol', f.tol);
  const tolerance: Tolerance = {
    absTol: f.absTol !== undefined ? parseNonNegativeReal('--abs-tol', f.absTol) : (both ?? DEFAULT_TOLERANCE.absTol),
    relTol: f.relTol !== undefined ? parseNonNegativeReal('--rel-tol', f.relTol) : (both ?? DEFAULT_TOLERANCE.relTol),
  };
  if (f.out.trim() === '') throw flagError('--out', 'a file path', f.out);
  const out = resolve(f.out);
  checkWritable(out);
  return { opts: { command: f.cmd, seed, cases, tolerance, timeoutMs }, out };
}

/** Register the command. */
export function register(program: Command): void {
  program
    .command('conformance')
    .description(commandSummary('conformance'))
    .option('--cmd <command>', 'the program to check, run through the shell; it speaks attn-theory-conformance/1 on stdin/stdout (docs/conformance.md)')
    .option('--seed <n>', 'seed of the case generator (integer)', '1')
    .option('--cases <n>', 'number of random cases (integer >= 1)', '50')
    .option('--tol <x>', 'set both absTol and relTol to x (>= 0)')
    .option('--abs-tol <x>', `absolute tolerance (>= 0; default ${DEFAULT_TOLERANCE.absTol})`)
    .option('--rel-tol <x>', `relative tolerance, a multiple of |expected| (>= 0; default ${DEFAULT_TOLERANCE.relTol})`)
    .option('--out <file>', 'where the counterexample or violation report is written', DEFAULT_REPORT_FILE)
    .option('--timeout-ms <n>', 'how long to wait for each reply, and for the exit at the end (integer >= 1)', '10000')
    .action(
      action('conformance', async (f: Flags) => {
        const { opts, out } = parseFlags(f);
        // Ctrl-C or a CI cancellation: exit through process.exit, so the driver stops the program's process group.
        process.once('SIGINT', () => process.exit(130));
        process.once('SIGTERM', () => process.exit(143));
        const outcome = await runConformance(opts);
        const report = reportJson(outcome, opts);
        if (report) writeReport(out, report);
        process.stdout.write(verdictLine(outcome, opts, f.out) + '\n');
        return outcome.status === 'pass' ? 0 : EXIT_NOT_CONFORMING;
      }),
    );
}
