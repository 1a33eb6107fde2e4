/** Capacity bounds with explicit constants (proofs-notes/*, CLAIMS.md). */
export * from './linear-cover.js';
export * from './softmax-step.js';
export * from './perturbation.js';
export * from './layer-lipschitz.js';
export * from './epsilon-split.js';
export * from './cover-parts.js';
export * from './architecture.js';
export * from './head-covering.js';
export * from './multihead-covering.js';
export * from './transformer-covering.js';
export * from './dudley.js';
export * from './margin-bound.js';
export * from './baselines.js';
export * from './closed-form.js';
export * from './sample-size.js';
export * from './api.js';
