/**
 * The browser's stand-in for src/bounds/mathjs-load.ts (scripts/build-explorer.mjs aliases that module
 * to this one in the page bundle): mathjs's parser comes from the page's own mathjs.js script (built
 * from mathjs-entry.ts, global `attnTheoryMathjs`), so the calculus bundle needs neither node:module
 * nor mathjs (cor-closed-form-gap).
 */
import type { MathNode } from 'mathjs';

/** The global mathjs.js defines. */
export const MATHJS_GLOBAL = 'attnTheoryMathjs';

/**
 * mathjs's `parse` from the page's mathjs.js script (same signature as the Node loader's).
 * @throws Error when mathjs.js has not run in this page (closedFormGap then has no parser).
 */
export function loadMathjsParse(): (expr: string) => MathNode {
  const m = (globalThis as Record<string, unknown>)[MATHJS_GLOBAL] as { parse?: (expr: string) => MathNode } | undefined;
  if (typeof m?.parse !== 'function') throw new Error(`closedFormGap: mathjs must be loaded first (the page's mathjs.js script defines globalThis.${MATHJS_GLOBAL})`);
  return m.parse;
}
