/**
 * The work behind each route, as plain data in and JSON text out (run inside a worker thread,
 * src/serve/worker.ts, so the time budget can stop it). Each task takes its request already parsed at
 * the HTTP boundary and returns the JSON that `attn-theory <command> --json` prints for the same
 * request (construct: the summary without `out`, plus the model itself; no file is read or written).
 */
import { boundForRequest, requiredSampleSize, type BoundRequest, type SampleSizeRequest } from '../bounds/api.js';
import { buildConstruction, certify, type ConstructSpec, type CertifyOptions } from '../constructions/api.js';
import { exactCertifierObstacle } from '../constructions/certify-exact.js';
import { modelFromJson, modelToJson, type ModelFileJson } from '../model/format.js';
import { measureNorms } from '../model/norms-report.js';
import type { BooleanTarget } from '../model/types.js';
import { compactBits } from '../cli/commands/certify.js';
import { FieldError } from './http-errors.js';

/** One unit of work: a route's parsed request (targets of certify already resolved against the model's T). */
export type Task =
  | { readonly kind: 'bound'; readonly request: BoundRequest; readonly latex: boolean }
  | { readonly kind: 'sample-size'; readonly request: SampleSizeRequest; readonly targetGap: number }
  | { readonly kind: 'construct'; readonly spec: ConstructSpec }
  | { readonly kind: 'certify'; readonly model: ModelFileJson; readonly target?: BooleanTarget; readonly options: CertifyOptions; readonly fullInput: boolean }
  | { readonly kind: 'norms'; readonly model: ModelFileJson };

/** JSON text of a result, Float64Arrays as plain arrays (as the CLI's printJson, without the indent). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v));
}

/** The construct reply: `construct --json`'s summary without `out`, plus the model file JSON. */
function constructReply(spec: ConstructSpec): unknown {
  const built = buildConstruction(spec);
  const meta = built.model.meta ?? {};
  return {
    contextLength: spec.contextLength,
    sparsity: spec.sparsity,
    support: built.target.support,
    table: built.target.table.length <= 64 ? built.target.table : `${built.target.table.slice(0, 61)}...`,
    family: built.family,
    codes: meta.codes,
    width: built.model.width,
    requestedMargin: built.requestedMargin,
    norms: built.norms,
    model: modelToJson(built.model),
  };
}

/** The certify reply, as `certify --json` (worstInput compact unless fullInput). @throws FieldError for a method that does not apply. */
function certifyReply(t: Extract<Task, { kind: 'certify' }>): unknown {
  const model = modelFromJson(t.model, 'model');
  const target = t.target ?? model.target;
  if (!target) throw new FieldError('bad_field', 'target', null, 'target must be given (the model stores no target)');
  if (t.options.method === 'exact-position-keys') {
    const obstacle = exactCertifierObstacle(model);
    if (obstacle) throw new FieldError('bad_field', 'options.method', t.options.method, `options.method must be interval for this model (${obstacle}) (got "${t.options.method}")`);
  }
  const cert = certify(model, target, t.options);
  return { ...cert, worstInput: t.fullInput ? cert.worstInput : compactBits(cert.worstInput), target: { support: target.support, table: target.table } };
}

/**
 * Do the work of a task and return its reply as JSON text.
 * @throws FieldError (400) for a request the boundary could not check alone (a model whose shapes do not
 * fit: FileFormatError is rethrown as the caller maps it), AttnTheoryError from the calculus.
 */
export function runTask(task: Task): string {
  switch (task.kind) {
    case 'bound':
      return toJsonText(boundForRequest(task.request, { latex: task.latex }));
    case 'sample-size': {
      const least = requiredSampleSize(task.request, task.targetGap);
      return toJsonText({ targetGap: task.targetGap, sampleSize: Number.isFinite(least) ? least : null });
    }
    case 'construct':
      return toJsonText(constructReply(task.spec));
    case 'certify':
      return toJsonText(certifyReply(task));
    case 'norms':
      return toJsonText(measureNorms(modelFromJson(task.model, 'model')));
  }
}
