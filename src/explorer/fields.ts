/**
 * The bound explorer's inputs: one per CLI flag of `attn-theory bound` (the same SchemaFlag list, so
 * a field is parsed, named and reported exactly as the CLI does it: `--delta must be in (0, 1)
 * (got "1.5")`), plus `--target-gap` for the sample-size inversion. The page's URL uses the flags'
 * option keys (`?model=head&T=256&...`), so a URL reads like the command line it stands for.
 * Browser-safe: imports no Node module.
 */
import { z } from 'zod';
import { targetGapSchema } from '../bounds/request-schema.js';
import type { SchemaFlag } from '../cli/schema-flags.js';

/**
 * The flags of the bound request, in the CLI's help order. Equal to BOUND_REQUEST_FLAGS of
 * src/cli/commands/bound.ts (checked in test/explorer/fields.test.ts); repeated here because that
 * module reads model files (node:fs) and cannot enter the browser bundle.
 */
export const EXPLORER_REQUEST_FLAGS: readonly SchemaFlag[] = [
  { flag: '--model', path: ['model'] },
  { flag: '--T', path: ['contextLength'], arg: 'T' },
  { flag: '--d', path: ['width'], arg: 'd' },
  { flag: '--m', path: ['sampleSize'], arg: 'm' },
  { flag: '--BX', path: ['inputNorm'], arg: 'BX' },
  { flag: '--BV', path: ['normBounds', 'valueSpectral'], arg: 'BV' },
  { flag: '--BV21', path: ['normBounds', 'valueGroup21'], arg: 'BV21' },
  { flag: '--BQK21', path: ['normBounds', 'qkGroup21'], arg: 'BQK21' },
  { flag: '--Bw', path: ['normBounds', 'readout'], arg: 'Bw' },
  { flag: '--qk-spectral', path: ['normBounds', 'qkSpectral'], arg: 'B' },
  { flag: '--output-spectral', path: ['normBounds', 'outputSpectral'], arg: 'B' },
  { flag: '--output-group21', path: ['normBounds', 'outputGroup21'], arg: 'B' },
  { flag: '--Lsigma', path: ['activationLipschitz'], arg: 'Lsigma' },
  { flag: '--heads', path: ['heads'], arg: 'H' },
  { flag: '--layers', path: ['layers'], arg: 'L' },
  { flag: '--value-dim', path: ['valueDim'], arg: 'K' },
  { flag: '--value-activation', path: ['valueActivation'] },
  { flag: '--disable-tightenings', path: ['disabledTightenings'], arg: 'names' },
  { flag: '--margin', path: ['margin'], arg: 'gamma' },
  { flag: '--delta', path: ['delta'], arg: 'delta' },
  { flag: '--empirical-margin-loss', path: ['empiricalMarginLoss'], arg: 'L' },
];

/** The `--target-gap` flag of `attn-theory bound` (least m whose gap is at most it; alg-sample-size-inversion). */
export const EXPLORER_TARGET_GAP_FLAG: SchemaFlag = { flag: '--target-gap', path: ['targetGap'], arg: 'G' };

/** zod schema of the target-gap field (the CLI's: targetGapSchema, optional). */
export const explorerTargetGapSchema = z.strictObject({ targetGap: targetGapSchema.optional() });

/**
 * What the page shows when its URL names no field: the report's section-1 setting (CAPACITY_SETTING of
 * src/report/default-config.ts, checked in test/explorer/fields.test.ts) at T = 256, as the texts typed
 * into the inputs, keyed by option key (`T`, `BV21`, `valueActivation`, ...); '' = not given.
 */
export const EXPLORER_DEFAULT_TEXTS: Readonly<Record<string, string>> = {
  model: 'scalar',
  T: '256',
  d: '32',
  m: '1e10',
  BX: '1',
  BV: '1',
  BV21: '1',
  BQK21: '2',
  Bw: '1',
  Lsigma: '1',
  margin: '0.5',
  delta: '0.05',
};
