/**
 * The worked example of the README's "Capacity bounds" section and issue 11's targets: a scalar [CLS]
 * head with identity σ, T = 2^10, d = 64, every budget 1, B_X = 1, m = 10^7, γ = 1, δ = 0.05. One
 * definition for the report's waterfall, the HTTP service's example body and the tests.
 */
import type { BoundRequest } from './api.js';

/** The worked example's bound request (identity σ). */
export const WORKED_EXAMPLE_REQUEST: BoundRequest = {
  model: 'scalar',
  contextLength: 1024,
  width: 64,
  sampleSize: 10_000_000,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 1, readout: 1 },
  activationLipschitz: 1,
  valueActivation: 'identity',
  margin: 1,
  delta: 0.05,
};
