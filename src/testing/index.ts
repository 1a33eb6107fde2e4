/**
 * `attn-theory/testing`: the toolkit's fast-check arbitraries and property builders, for a user's own
 * vitest or jest suite (docs/testing.md). Each builder takes the user's function and options and returns
 * a PropertyCheck: `await agreesWithReference(myForward).check({ seed: 1 })` throws a CounterexampleError
 * with the shrunk counterexample when the function is wrong.
 * - agreesWithReference: a forward pass against the float64 reference semantics;
 * - boundIsSound: a claimed bound on the empirical Rademacher complexity against exact and searched lower bounds;
 * - constructionIsCorrect: a construction (T, s, target → model file) against the target via the certifier.
 * Loads fast-check (a peer dependency) and zod; no tfjs, vega or sqlite.
 * @packageDocumentation
 */
export { arbDim, arbMatrix, arbVector, type DimSpec, type ArbMatrixOptions } from './arb-matrix.js';
export { arbSeed } from './arb-seed.js';
export { arbBits, bitsToString } from './arb-bits.js';
export { arbModel, arbModelAndBits, arbModelShape, randomModel, type ArbModelOptions, type ModelShape, type ModelAndBits, type PositionKind, type Presence } from './arb-model.js';
export { applyNormBudgets, type ModelNormBudgets } from './norm-budgets.js';
export { arbTarget, type ArbTargetOptions } from './arb-target.js';
export { arbBoundRequest, type ArbBoundRequestOptions, type BoundModelKind, type PositiveRange } from './arb-request.js';
export { CounterexampleError, type PropertyCheck, type RunOptions } from './run.js';
export {
  agreesWithReference,
  AGREES_WITH_REFERENCE_RUNS,
  FLOAT64_TOLERANCE,
  FLOAT32_TOLERANCE,
  type ForwardFn,
  type ForwardCase,
  type Tolerance,
  type AgreesWithReferenceOptions,
} from './agrees-with-reference.js';
export { boundIsSound, BOUND_IS_SOUND_RUNS, BOUND_IS_SOUND_SEARCH_BUDGET, type BoundFn, type BoundCase, type BoundIsSoundOptions } from './bound-is-sound.js';
export {
  exactLinearRademacher,
  linearSubclassRadius,
  linearExtremalSample,
  linearSubclassRademacher,
  sphereSample,
  selectionSample,
  searchedRademacher,
  rademacherLowerBounds,
  clsHeadCount,
  MAX_EXACT_SAMPLE_SIZE,
  type RademacherLowerBounds,
} from './rademacher-lower.js';
export {
  constructionIsCorrect,
  CONSTRUCTION_IS_CORRECT_RUNS,
  type BuildFn,
  type ConstructionRequest,
  type ConstructionCase,
  type ConstructionIsCorrectOptions,
} from './construction-is-correct.js';
