export * from './errors.js';
export * from './validate.js';
export * from './tolerances.js';
export * from './rng.js';
export * from './softmax.js';
export * from './matrix.js';
export * from './norms.js';
export * from './files.js';
