/** Re-export: the shipped arbitrary lives in src/testing/arb-seed.ts (attn-theory/testing). */
export * from '../../src/testing/arb-seed.js';
