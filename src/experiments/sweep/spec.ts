/**
 * The sweep spec (JSON, validated by zod, unknown fields and unknown kinds or enum values rejected and
 * named at every level; the kind's cell schema is the library's request schema, e.g. boundRequestSchema):
 *   { "name": "tiny", "kind": "train" | "construct", "grid": { field: [v1, v2, ...] },
 *     "fixed": { field: v }, "workers": 2, "description": "..." }
 * Each grid field is an axis; the cells are the Cartesian product of the axes merged over `fixed`, and
 * every cell must be a full, valid configuration of the kind (alg-sweep-runner).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FileFormatError, showValue } from '../../core/errors.js';
import { zodIssueError } from './zod-error.js';
import { closestKey } from '../../core/zod-issue.js';
import type { RunKind } from './kind.js';

/** Most cells a single spec may expand to (a typo guard: 10^5 cells is already days of training). */
export const MAX_SWEEP_CELLS = 100_000;

/** Envelope of a spec, before the kind-specific check of grid and fixed. */
export const sweepEnvelopeSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a name of letters, digits, . _ - (at most 64)'),
    kind: z.string().min(1),
    description: z.string().optional(),
    grid: z.record(z.string(), z.array(z.unknown()).min(1, 'a non-empty array')),
    fixed: z.record(z.string(), z.unknown()).optional(),
    workers: z.int().min(1).max(64).optional(),
  })
  .strict();

/** A validated sweep spec. */
export interface SweepSpec {
  /** The sweep's name: letters, digits, . _ - (at most 64, first a letter or digit); recorded with every stored run. */
  readonly name: string;
  /** Name of the RunKind whose configurations the cells are (one of the kinds passed to parseSweepSpec). */
  readonly kind: string;
  /** Free-form description. */
  readonly description?: string;
  /** Axes, keys sorted. */
  readonly grid: Readonly<Record<string, readonly unknown[]>>;
  /** Fields shared by every cell (each valid for the kind's schema, none also a grid axis); {} when absent. */
  readonly fixed: Readonly<Record<string, unknown>>;
  /** Parallel workers; undefined = the kind's default (one per core for 'train'). */
  readonly workers?: number;
}

/** Validate a parsed JSON spec against the envelope and the kind's configuration schema. Throws FileFormatError. */
export function parseSweepSpec(input: unknown, kinds: ReadonlyMap<string, RunKind>, fn = 'parseSweepSpec'): SweepSpec {
  const env = sweepEnvelopeSchema.safeParse(input);
  if (!env.success) throw zodIssueError(fn, 'spec', env.error, input, undefined, sweepEnvelopeSchema);
  const e = env.data;
  const kind = kinds.get(e.kind);
  if (!kind) throw new FileFormatError(`${fn}: spec kind must be one of ${[...kinds.keys()].join('|') || '(none available in this build)'} (got ${showValue(e.kind)})`);
  const shape = kind.configSchema.shape as Record<string, z.ZodType>;
  const grid: Record<string, unknown[]> = {};
  for (const key of Object.keys(e.grid).sort()) {
    const field = shape[key];
    if (!field) {
      const near = closestKey(key, Object.keys(shape));
      throw new FileFormatError(`${fn}: spec: unknown field grid.${key} for kind ${e.kind} (${near !== undefined ? `did you mean grid.${near}?` : `known: ${Object.keys(shape).join('|')}`})`);
    }
    const axis = e.grid[key];
    axis.forEach((v, i) => {
      const r = field.safeParse(v);
      if (!r.success) throw zodIssueError(fn, 'spec', r.error, v, `grid.${key}[${i}]`, field);
    });
    const seen = new Set(axis.map((v) => JSON.stringify(v)));
    if (seen.size !== axis.length) throw new FileFormatError(`${fn}: spec grid.${key} must have distinct values (got ${showValue(axis)})`);
    grid[key] = axis;
  }
  const fixedSchema = z.strictObject(shape).partial();
  const fixed = e.fixed ?? {};
  const fr = fixedSchema.safeParse(fixed);
  if (!fr.success) throw zodIssueError(fn, 'spec', fr.error, fixed, 'fixed', fixedSchema);
  for (const key of Object.keys(fixed)) {
    if (key in grid) throw new FileFormatError(`${fn}: spec field fixed.${key} must not also be a grid axis (got both)`);
  }
  const cells = Object.values(grid).reduce((n, a) => n * a.length, 1);
  if (cells > MAX_SWEEP_CELLS) throw new FileFormatError(`${fn}: spec grid must expand to at most ${MAX_SWEEP_CELLS} cells (got ${cells})`);
  return { name: e.name, kind: e.kind, ...(e.description !== undefined ? { description: e.description } : {}), grid, fixed, ...(e.workers !== undefined ? { workers: e.workers } : {}) };
}

/** Read and validate a spec file. Throws FileFormatError for a missing file, bad JSON or a bad spec. */
export function readSweepSpec(path: string, kinds: ReadonlyMap<string, RunKind>): SweepSpec {
  const fn = 'readSweepSpec';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new FileFormatError(`${fn}: SPEC must be a readable file (got ${showValue(path)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FileFormatError(`${fn}: ${path} must be valid JSON (got ${showValue((err as Error).message)})`);
  }
  return parseSweepSpec(json, kinds, fn);
}
