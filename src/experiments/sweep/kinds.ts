/**
 * The run kinds available in this build: 'train' (src/experiments/api.ts), 'construct'
 * (src/constructions/api.ts, with the implied sample size from src/bounds/api.ts) and 'bound'
 * (src/bounds/api.ts). A kind whose provider has not landed is listed with the reason.
 */
import type { RunKind } from './kind.js';
import { loadBounds, loadConstructions, loadExperiments } from './providers.js';
import { boundKind } from './kinds/bound.js';
import { trainKind } from './kinds/train.js';
import { constructKind } from './kinds/construct.js';

/** Kinds that can run here, and why the others cannot. */
export interface AvailableKinds {
  readonly kinds: ReadonlyMap<string, RunKind>;
  readonly unavailable: ReadonlyMap<string, string>;
}

/** Load every kind whose provider is present. */
export async function loadRunKinds(): Promise<AvailableKinds> {
  const kinds = new Map<string, RunKind>();
  const unavailable = new Map<string, string>();
  const [exp, cons, bounds] = await Promise.all([loadExperiments(), loadConstructions(), loadBounds()]);
  if (exp.api) kinds.set('train', trainKind(exp.api));
  else unavailable.set('train', exp.reason);
  if (cons.api) kinds.set('construct', constructKind(cons.api, bounds.api));
  else unavailable.set('construct', cons.reason);
  if (bounds.api) kinds.set('bound', boundKind(bounds.api));
  else unavailable.set('bound', bounds.reason);
  return { kinds, unavailable };
}
