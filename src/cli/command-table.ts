/**
 * The CLI's commands: name, one-line summary and the module that registers it. main.ts loads only the
 * module of the command being run, so `attn-theory --help` and a command's start-up never import the
 * code of the other commands (issue 9: CLI start-up). Each command's register() takes its description
 * from here, so the summary is written once.
 */
import type { Command } from 'commander';

/** One command of the CLI. */
export interface CommandEntry {
  /** The command's name on the command line. */
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** Positional arguments, as the top-level help shows them (e.g. `<model>`). */
  readonly args?: string;
  /** Import the command's module and return its register function. */
  readonly load: () => Promise<(program: Command) => void>;
}

/** Every command, in the order the top-level help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'eval', args: '<model>', summary: "print the model's real-valued output f(b) on one input b ∈ {0,1}^T", load: async () => (await import('./commands/eval.js')).register },
  {
    name: 'norms',
    args: '<model>',
    summary: 'print every norm the bounds use: spectral, group (2,1) by columns and by rows, Frobenius, B_X',
    load: async () => (await import('./commands/norms.js')).register,
  },
  { name: 'report', summary: 'run the verification report on its small default configuration (or re-render one with --from)', load: async () => (await import('./commands/report.js')).register },
  { name: 'serve', summary: 'serve bound, sample-size, construct, certify and norms as a JSON HTTP API (loopback by default)', load: async () => (await import('./commands/serve.js')).register },
  { name: 'sweep', summary: 'run grids of experiments into a resumable SQLite run store', load: async () => (await import('./commands/sweep.js')).register },
  {
    name: 'bound',
    summary: 'capacity bound with explicit constants: log covering numbers, Rademacher bound, generalization gap, baselines',
    load: async () => (await import('./commands/bound.js')).register,
  },
  {
    name: 'explore',
    summary: 'serve the interactive bound explorer (the bound calculus in a local web page) on loopback, or write a copy with --out DIR',
    load: async () => (await import('./commands/explore.js')).register,
  },
  {
    name: 'train',
    summary: 'train one model on a sparse Boolean task and report accuracy, attention on the support, norms, bound and certificate',
    load: async () => (await import('./commands/train.js')).register,
  },
  {
    name: 'sample-complexity',
    summary: 'search m*(T), the least training-set size at which most seeds reach test accuracy >= 0.99, and fit it against log T and T',
    load: async () => (await import('./commands/sample-complexity.js')).register,
  },
  {
    name: 'construct',
    summary: 'build a [CLS]-head model computing an s-sparse Boolean function of T bits with a certified margin',
    load: async () => (await import('./commands/construct.js')).register,
  },
  {
    name: 'certify',
    args: '<model>',
    summary: 'certify y·f(b) >= margin on all 2^T inputs (exact for position-only keys, interval bound otherwise)',
    load: async () => (await import('./commands/certify.js')).register,
  },
  {
    name: 'conformance',
    summary: 'check another implementation of the forward pass (any language, JSON lines on stdin/stdout) against the float64 reference; shrinks a counterexample',
    load: async () => (await import('./commands/conformance.js')).register,
  },
];

/** The summary of a command, for its register(): throws when the name is not in the table. */
export function commandSummary(name: string): string {
  const e = COMMANDS.find((c) => c.name === name);
  if (!e) throw new Error(`commandSummary: name must be a command of COMMANDS (got ${JSON.stringify(name)})`);
  return e.summary;
}
