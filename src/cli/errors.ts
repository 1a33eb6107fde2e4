/**
 * CLI error handling: every expected failure prints one line `attn-theory <command>: <message>` on
 * stderr and exits with status 2; no stack trace ever reaches the user.
 */
import type { Argument, Command, Option } from 'commander';
import { AttnTheoryError, showValue } from '../core/errors.js';

/** A bad flag or argument: message names the flag and the value. */
export class CliUsageError extends AttnTheoryError {}

/** Exit status for bad input (usage, bad file, bad value). */
export const EXIT_BAD_INPUT = 2;
/** Exit status for an unexpected internal failure. */
export const EXIT_INTERNAL = 3;

/**
 * `--flag must be <condition> (got <value>)`; a flag that is absent (value undefined) reads
 * `--flag must be <condition>` (never "(got undefined)").
 */
export function flagError(flag: string, condition: string, value: unknown): CliUsageError {
  return new CliUsageError(value === undefined ? `${flag} must be ${condition}` : `${flag} must be ${condition} (got ${showValue(value)})`);
}

/**
 * Make commander report every missing required argument and mandatory option of `cmd` at once, as one
 * CliUsageError line `<model>, --bits must be given` (exit status 2), instead of the first one alone
 * (commander stops at the first missing mandatory option, and checks the arguments only after them).
 * Overrides the two reporting methods of this command instance; nothing else changes.
 */
export function reportMissingAtOnce(cmd: Command): void {
  const c = cmd as unknown as {
    missingMandatoryOptionValue(option: Option): never;
    missingArgument(name: string): never;
    readonly registeredArguments: readonly Argument[];
    readonly options: readonly Option[];
    readonly args: readonly string[];
    getOptionValue(key: string): unknown;
  };
  const report = (): never => {
    const args = c.registeredArguments.filter((a, i) => a.required && c.args[i] == null).map((a) => `<${a.name()}>`);
    const flags = c.options.filter((o) => o.mandatory && c.getOptionValue(o.attributeName()) === undefined).map((o) => o.long ?? o.flags);
    throw new CliUsageError(`${[...args, ...flags].join(', ')} must be given`);
  };
  c.missingMandatoryOptionValue = report;
  c.missingArgument = report;
}

/** Print one line and exit: status 2 for toolkit errors, 3 for anything unexpected. */
export function exitWithError(command: string, err: unknown): never {
  const expected = err instanceof AttnTheoryError;
  const raw = err instanceof Error ? err.message : String(err);
  const line = raw.split('\n')[0].trim();
  process.stderr.write(`attn-theory ${command}: ${expected ? '' : 'internal error: '}${line}\n`);
  process.exit(expected ? EXIT_BAD_INPUT : EXIT_INTERNAL);
}

/** Wrap a command action so that every error exits as above. */
// biome-ignore lint/suspicious/noConfusingVoidType: actions are functions that return nothing or an exit code; `void` is the return type that admits both.
export function action<A extends unknown[]>(command: string, fn: (...args: A) => void | number | Promise<void | number>) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      if (typeof code === 'number' && code !== 0) process.exitCode = code;
    } catch (err) {
      exitWithError(command, err);
    }
  };
}
