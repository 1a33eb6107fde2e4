/**
 * Run kind 'bound': one evaluation of the capacity bound (src/bounds/api.ts computeBound) per grid
 * cell. Cheap; the report's Capacity section is a sweep of this kind over T = 2^4..2^20.
 */
import { z } from 'zod';
import { contentHash } from '../../store/canonical.js';
import type { RunKind } from '../kind.js';
import { computeBound, type BoundReport, type BoundRequest } from '../../../bounds/api.js';

const finite = z.number().refine(Number.isFinite, 'a finite number');
const pos = finite.refine((x) => x > 0, 'a finite number > 0');
const nonNeg = finite.refine((x) => x >= 0, 'a finite number >= 0');

/** zod schema of a BoundRequest (the bounds contract), strict. */
export const boundRequestSchema = z.strictObject({
  model: z.enum(['head', 'scalar', 'multihead', 'transformer']),
  contextLength: z.int().min(1),
  width: z.int().min(1),
  sampleSize: z.int().min(1),
  inputNorm: pos,
  normBounds: z.object({ valueSpectral: nonNeg, valueGroup21: nonNeg, qkGroup21: nonNeg, readout: nonNeg }).catchall(nonNeg),
  activationLipschitz: nonNeg,
  heads: z.int().min(1).optional(),
  layers: z.int().min(1).optional(),
  margin: pos,
  delta: pos.refine((x) => x < 1, 'in (0, 1)'),
  valueDim: z.int().min(1).optional(),
  valueActivation: z.enum(['identity', 'lipschitz']).optional(),
  empiricalMarginLoss: nonNeg.refine((x) => x <= 1, 'in [0, 1]').optional(),
});

/** The 'bound' run kind over the given bounds API. */
export function boundKind(): RunKind<BoundRequest, BoundReport> {
  return {
    name: 'bound',
    configSchema: boundRequestSchema,
    hash: (c) => contentHash('bound', c),
    async runAll(configs, opts) {
      for (const c of configs) {
        if (opts.signal?.aborted) return;
        opts.onResult(c, computeBound(c));
        await new Promise((r) => setImmediate(r));
      }
    },
    row: (c, r) => ({
      model: c.model,
      contextLength: c.contextLength,
      width: c.width,
      sampleSize: c.sampleSize,
      margin: c.margin,
      delta: c.delta,
      generalizationGap: r.generalizationGap,
      rademacher: r.rademacher,
      total: r.total,
      vacuous: r.vacuous,
      ...Object.fromEntries(Object.entries(r.baselines).map(([k, b]) => [`baseline:${k}`, b.value])),
    }),
    volatileFields: [],
  };
}
