/** Re-export: the shipped arbitrary lives in src/testing/arb-target.ts (attn-theory/testing). */
export * from '../../src/testing/arb-target.js';
