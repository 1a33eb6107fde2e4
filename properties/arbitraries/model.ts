/** Re-export: the shipped arbitrary lives in src/testing/arb-model.ts (attn-theory/testing). */
export * from '../../src/testing/arb-model.js';
