/**
 * The run kinds a sweep spec can name: 'train' (src/experiments/api.ts), 'construct'
 * (src/constructions/api.ts, with the implied sample size from src/bounds) and 'bound'
 * (src/bounds/api.ts computeBound) and 'adversarial' (the bounds' adversarial searches, re-run).
 */
import type { RunKind } from './kind.js';
import { boundKind } from './kinds/bound.js';
import { trainKind } from './kinds/train.js';
import { constructKind } from './kinds/construct.js';
import { adversarialKind } from './kinds/adversarial.js';

/** Every run kind, by name. */
export function runKinds(): ReadonlyMap<string, RunKind> {
  return new Map<string, RunKind>([
    ['train', trainKind()],
    ['construct', constructKind()],
    ['bound', boundKind()],
    ['adversarial', adversarialKind()],
  ]);
}
