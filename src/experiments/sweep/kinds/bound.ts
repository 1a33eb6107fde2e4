/**
 * Run kind 'bound': one evaluation of the capacity bound (src/bounds/api.ts computeBound) per grid
 * cell (the cell is parsed by the library's boundRequestSchema, so the sweep and computeBound accept
 * exactly the same requests). Cheap; the report's Capacity section is a sweep of this kind over T = 2^4..2^20.
 */
import { contentHash } from '../../store/canonical.js';
import type { RunKind } from '../kind.js';
import { boundForRequest, type BoundReport, type BoundRequest } from '../../../bounds/api.js';
import { boundRequestSchema } from '../../../bounds/request-schema.js';

/** A cell of kind 'bound' is a bound request: the library's one schema (src/bounds/request-schema.ts). */
export { boundRequestSchema };

/** The 'bound' run kind over the given bounds API. */
export function boundKind(): RunKind<BoundRequest, BoundReport> {
  return {
    name: 'bound',
    configSchema: boundRequestSchema,
    hash: (c) => contentHash('bound', c),
    async runAll(configs, opts) {
      for (const c of configs) {
        if (opts.signal?.aborted) return;
        opts.onResult(c, boundForRequest(c));
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
