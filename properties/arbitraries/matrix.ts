/** Re-export: the shipped arbitrary lives in src/testing/arb-matrix.ts (attn-theory/testing). */
export * from '../../src/testing/arb-matrix.js';
