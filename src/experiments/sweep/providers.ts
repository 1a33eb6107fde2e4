/**
 * Late-bound access to the other parts' public APIs (src/bounds/api.ts, src/constructions/api.ts,
 * src/experiments/api.ts). Sweeps and the report use them when they are present in this build and
 * say "not available in this build: <reason>" otherwise. The contract types are restated here so this
 * module type-checks whether or not a provider has landed; a provider that is present but throws on
 * import is a real error and surfaces.
 */
import type { BooleanTarget, Model } from '../../model/types.js';
import type { TrainConfig } from '../config.js';

/** Contract of src/bounds/api.ts (BoundRequest). */
export interface BoundRequest {
  model: 'head' | 'scalar' | 'multihead' | 'transformer';
  contextLength: number;
  width: number;
  sampleSize: number;
  inputNorm: number;
  normBounds: { valueSpectral: number; valueGroup21: number; qkGroup21: number; readout: number; [k: string]: number };
  activationLipschitz: number;
  heads?: number;
  layers?: number;
  margin: number;
  delta: number;
}

/** Contract of src/bounds/api.ts (BoundReport). */
export interface BoundReport {
  generalizationGap: number;
  rademacher: number;
  logCovering: { eps: number; value: number }[];
  total: number;
  vacuous: boolean;
  trace: { id: string; inputs: Record<string, number>; value: number }[];
  latex?: string;
  baselines: Record<string, { value: number; description: string; [k: string]: unknown }>;
}

/** Contract of src/bounds/api.ts. */
export interface BoundsApi {
  computeBound(req: BoundRequest): BoundReport;
  boundFromModel(model: Model, opts: { sampleSize: number; margin: number; delta: number; empiricalMarginLoss?: number }): BoundReport;
  requiredSampleSize(req: Omit<BoundRequest, 'sampleSize'>, targetGap: number): number;
  [k: string]: unknown;
}

/** Contract of src/constructions/api.ts (TargetSpec). */
export type TargetSpec = {
  fn: string;
  contextLength: number;
  sparsity: number;
  support?: number[];
  seed?: number;
};

/** Contract of src/constructions/api.ts (certify's result). */
export interface Certificate {
  certified: boolean;
  minMargin: number;
  inputsCovered: string;
  worstInput: string;
  method: string;
  requestedMargin?: number;
}

/** Contract of src/constructions/api.ts. */
export interface ConstructionsApi {
  makeTarget(spec: TargetSpec): BooleanTarget;
  construct(spec: TargetSpec & { codes?: 'onehot' | 'compact'; margin?: number }): {
    model: Model;
    target: BooleanTarget;
    family: 'symmetric' | 'general';
    norms: Record<string, number>;
    requestedMargin: number;
  };
  certify(model: Model, target?: BooleanTarget): Certificate;
  [k: string]: unknown;
}

/** The train result fields the sweeps and the report read (contract of src/experiments/api.ts). */
export interface TrainResultLike {
  config: TrainConfig;
  backend: string;
  trainAccuracy: number;
  testAccuracy: number;
  steps: number;
  wallSeconds: number;
  supportAttentionMass: number | null;
  norms: unknown;
  bound: unknown | null;
  certifiedMargin: number | null;
  [k: string]: unknown;
}

/** A RunStore as the experiments see it. */
export interface RunStoreLike {
  get(hash: string): TrainResultLike | undefined;
  put(hash: string, r: TrainResultLike): void;
}

/** Contract of src/experiments/api.ts (the parts used here). */
export interface ExperimentsApi {
  runPool(
    cs: TrainConfig[],
    opts?: { workers?: number; onResult?: (c: TrainConfig, r: TrainResultLike) => void; signal?: AbortSignal },
  ): Promise<TrainResultLike[]>;
  sampleComplexity(opts: any, store?: RunStoreLike): Promise<any>;
  [k: string]: unknown;
}

/** A provider: its API, or the reason it is missing. */
export type Provided<T> = { readonly api: T; readonly reason?: undefined } | { readonly api: null; readonly reason: string };

const cache = new Map<string, Provided<unknown>>();

async function load<T>(rel: string, required: readonly string[], what: string): Promise<Provided<T>> {
  const href = new URL(rel, import.meta.url).href;
  const hit = cache.get(href);
  if (hit) return hit as Provided<T>;
  let out: Provided<T>;
  try {
    const mod = (await import(href)) as Record<string, unknown>;
    const missing = required.filter((k) => typeof mod[k] !== 'function');
    out = missing.length === 0 ? { api: mod as T } : { api: null, reason: `${what} does not export ${missing.join(', ')}` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    out = { api: null, reason: `${what} is not in this build` };
  }
  cache.set(href, out);
  return out;
}

/** src/bounds/api.ts. */
export function loadBounds(): Promise<Provided<BoundsApi>> {
  return load<BoundsApi>('../../bounds/api.js', ['computeBound', 'boundFromModel', 'requiredSampleSize'], 'src/bounds/api.ts');
}

/** src/constructions/api.ts. */
export function loadConstructions(): Promise<Provided<ConstructionsApi>> {
  return load<ConstructionsApi>('../../constructions/api.js', ['construct', 'certify', 'makeTarget'], 'src/constructions/api.ts');
}

/** src/experiments/api.ts. */
export function loadExperiments(): Promise<Provided<ExperimentsApi>> {
  return load<ExperimentsApi>('../api.js', ['runPool', 'sampleComplexity'], 'src/experiments/api.ts');
}
