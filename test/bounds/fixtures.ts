/** Shared bound requests of the bounds tests. */
import type { BoundRequest } from '../../src/bounds/api.js';
import { WORKED_EXAMPLE_REQUEST } from '../../src/bounds/worked-example.js';

/** The worked example of proofs-notes (README "Capacity bounds" section): scalar head, identity σ. */
export const WORKED: BoundRequest = WORKED_EXAMPLE_REQUEST;

/** A small one-layer Transformer request whose gap is not saturated (every budget matters). */
export const SMALL_TRANSFORMER: BoundRequest = {
  model: 'transformer',
  contextLength: 64,
  width: 8,
  sampleSize: 1e12,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
  activationLipschitz: 1,
  margin: 1,
  delta: 0.05,
};
