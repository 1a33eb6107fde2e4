/**
 * `attn-theory construct --T N --s K --fn F [--support i,j,...] [--seed S] [--codes onehot|compact]
 * [--family symmetric|general] [--margin G] --out MODEL [--json]`: build a certified sparse head
 * (con-symmetric-sparse-head / con-general-sparse-head) and write it atomically.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { action } from '../errors.js';
import { declareFlags, parseSchemaFlags, type SchemaFlag } from '../schema-flags.js';
import { printJson, fmt, table } from '../output.js';
import { writeModelFile } from '../../model/format.js';
import { buildConstruction, type ConstructSpec } from '../../constructions/api.js';
import { constructSpecSchema } from '../../constructions/spec-schema.js';
import { commandSummary } from '../command-table.js';

/** The raw flags of `construct` (strings as commander gives them). */
export interface ConstructFlags {
  T?: string;
  s?: string;
  fn?: string;
  support?: string;
  seed?: string;
  codes?: string;
  family?: string;
  margin?: string;
  out?: string;
  json?: boolean;
}

/** The validated construct request: the library spec plus the output path. */
export interface ConstructRequest {
  readonly spec: ConstructSpec;
  readonly out: string;
}

/** The command's request: the construct spec (the library's schema) plus the file to write. */
const constructCommandSchema = z.strictObject({
  spec: constructSpecSchema,
  out: z.string({ error: 'a path' }).min(1, { error: 'a path' }).describe('model file to write'),
});

/** One flag per field of the construct spec (plus --out), help and choices from the schema. */
export const CONSTRUCT_FLAGS: readonly SchemaFlag[] = [
  { flag: '--T', path: ['spec', 'contextLength'], arg: 'N' },
  { flag: '--s', path: ['spec', 'sparsity'], arg: 'K' },
  { flag: '--fn', path: ['spec', 'fn'], arg: 'F' },
  { flag: '--support', path: ['spec', 'support'], arg: 'list' },
  { flag: '--seed', path: ['spec', 'seed'], arg: 'S' },
  { flag: '--codes', path: ['spec', 'codes'] },
  { flag: '--family', path: ['spec', 'family'] },
  { flag: '--margin', path: ['spec', 'margin'], arg: 'G' },
  { flag: '--out', path: ['out'], arg: 'path' },
];

/**
 * Validate the flags of `construct` (pure, no I/O) with the construct spec schema. Throws
 * CliUsageError `--flag must be ... (got ...)` for s > T, s = 0, support out of range / duplicated /
 * of the wrong size, a bad table, an unknown function, margin <= 0, one-hot codes with T > 4096; every
 * missing flag (--T, --s, --fn, --out) in one line.
 */
export function parseConstructOptions(opts: ConstructFlags): ConstructRequest {
  const { spec, out } = parseSchemaFlags(constructCommandSchema, CONSTRUCT_FLAGS, opts as Record<string, unknown>);
  return { spec, out };
}

/** Register the command. */
export function register(program: Command): void {
  const cmd = program.command('construct').description(commandSummary('construct'));
  declareFlags(cmd, constructCommandSchema, CONSTRUCT_FLAGS);
  cmd.option('--json', 'machine-readable summary').action(
    action('construct', (opts: ConstructFlags) => {
      const { spec, out } = parseConstructOptions(opts);
      const built = buildConstruction(spec);
      const T = spec.contextLength;
      const s = spec.sparsity;
      const margin = built.requestedMargin;
      writeModelFile(out, built.model);
      const meta = built.model.meta ?? {};
      const summary = {
        out: out,
        contextLength: T,
        sparsity: s,
        support: built.target.support,
        table: built.target.table.length <= 64 ? built.target.table : `${built.target.table.slice(0, 61)}...`,
        family: built.family,
        codes: meta.codes,
        width: built.model.width,
        requestedMargin: built.requestedMargin,
        norms: built.norms,
      };
      if (opts.json) return printJson(summary);
      process.stdout.write(
        `wrote ${out}: T = ${T}, s = ${s}, support = ${built.target.support.join(',')}, family = ${built.family}, codes = ${String(meta.codes)}, d = ${built.model.width}\n` +
          `requested margin γ = ${fmt(margin)}; temperature R = ${fmt(built.norms.temperature)}, leak λ_off = ${fmt(built.norms.leak)}, output scale γ_out = ${fmt(built.norms.outputScale)}\n\n`,
      );
      const n = built.norms;
      process.stdout.write(
        table(
          ['norm', 'value'],
          [
            ['B_X (max row norm)', fmt(n.inputNorm)],
            ['||W_QK||_2 = ||W_QK||_F = ||W_QK||_{2,1} (cols)', fmt(n.qkSpectral)],
            ['||W_QK^T||_{2,1} (rows)', fmt(n.qkGroup21Rows)],
            ['||W_V|| (all norms)', fmt(n.valueSpectral)],
            ['readout hidden units', String(n.readoutHiddenUnits)],
            ['||W_1||_2 (readout layer 1)', fmt(n.readout1Spectral)],
            ['||W_2||_2 (readout layer 2)', fmt(n.readout2Spectral)],
            ['readout Lipschitz constant', fmt(n.readoutLipschitz)],
          ],
        ),
      );
      process.stdout.write(`\ncheck it on all 2^${T} inputs: attn-theory certify ${out}\n`);
    }),
  );
}
