/**
 * Entry of the explorer's mathjs.js (scripts/build-explorer.mjs bundles it as an IIFE whose exports
 * become globalThis.attnTheoryMathjs): the one mathjs function the LaTeX closed form needs
 * (closed-form.ts parses, evaluates and renders its tree; cor-closed-form-gap).
 */
export { parse } from 'mathjs';
