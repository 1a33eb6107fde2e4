/** Re-export: the shipped arbitrary lives in src/testing/arb-bits.ts (attn-theory/testing). */
export * from '../../src/testing/arb-bits.js';
