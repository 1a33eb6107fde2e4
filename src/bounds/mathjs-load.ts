/**
 * How closed-form.ts gets mathjs's parser in Node: a lazy CommonJS require (mathjs costs ~1.5 s of CPU
 * to load, so only the first LaTeX closed form pays it). Kept apart from closed-form.ts so that the
 * browser bundle of the calculus (scripts/build-explorer.mjs) swaps this one module for
 * src/explorer/mathjs-load.browser.ts and never needs node:module (cor-closed-form-gap).
 */
import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';

const requireCjs = createRequire(import.meta.url);

/** mathjs's `parse`, loading mathjs on this call (closed-form.ts calls it once and keeps the result). */
export function loadMathjsParse(): (expr: string) => MathNode {
  return (requireCjs('mathjs') as typeof import('mathjs')).parse;
}
