/**
 * Public API of attn-theory. Each area exports its own index; see CLAIMS.md for what each public
 * function guarantees and proofs-notes/README.md for the derivations.
 */
export * from './core/index.js';
export * from './model/index.js';
export * from './bounds/index.js';
export * from './constructions/index.js';
export * from './report/index.js';
export * from './experiments/api.js';
