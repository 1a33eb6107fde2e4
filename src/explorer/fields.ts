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
import { BOUND_REQUEST_FLAGS } from '../cli/bound-request-flags.js';

/** The flags of the bound request, in the CLI's help order: the CLI's own list (src/cli/bound-request-flags.ts). */
export const EXPLORER_REQUEST_FLAGS: readonly SchemaFlag[] = BOUND_REQUEST_FLAGS;

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
