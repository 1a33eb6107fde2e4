/**
 * Late-bound access to the bound issue's src/bounds/api.ts and the construction issue's
 * src/constructions/api.ts. The experiments use them on trained weights when they are present; the
 * contract types are restated here so this module type-checks whether or not they have landed.
 */
import type { Model, BooleanTarget } from '../model/types.js';

/** The part of src/bounds/api.ts the diagnostics call. */
export interface BoundsApi {
  boundFromModel(model: Model, opts: { sampleSize: number; margin: number; delta: number; empiricalMarginLoss?: number }): {
    generalizationGap: number;
    total: number;
    vacuous: boolean;
    [k: string]: unknown;
  };
}

/** The part of src/constructions/api.ts the diagnostics call. */
export interface ConstructionsApi {
  certify(model: Model, target?: BooleanTarget): { certified: boolean; minMargin: number; inputsCovered: string; worstInput: string; method: string };
}

const cache = new Map<string, unknown>();

async function load<T>(spec: string): Promise<T | null> {
  if (cache.has(spec)) return cache.get(spec) as T | null;
  let mod: T | null = null;
  try {
    mod = (await import(spec)) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Absent module: the API has not landed. Anything else is a real error and must surface.
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    mod = null;
  }
  cache.set(spec, mod);
  return mod;
}

/** src/bounds/api.ts when present (with boundFromModel), else null. */
export async function loadBoundsApi(): Promise<BoundsApi | null> {
  const m = await load<Partial<BoundsApi>>(new URL('../bounds/api.js', import.meta.url).href);
  return m && typeof m.boundFromModel === 'function' ? (m as BoundsApi) : null;
}

/** src/constructions/api.ts when present (with certify), else null. */
export async function loadConstructionsApi(): Promise<ConstructionsApi | null> {
  const m = await load<Partial<ConstructionsApi>>(new URL('../constructions/api.js', import.meta.url).href);
  return m && typeof m.certify === 'function' ? (m as ConstructionsApi) : null;
}
