/**
 * Entry of the explorer's mathjs.js (scripts/build-explorer.mjs bundles it as an IIFE whose exports
 * become globalThis.attnTheoryMathjs): the one mathjs function the LaTeX closed form needs
 * (closed-form.ts parses, evaluates and renders its tree; cor-closed-form-gap).
 */

/** mathjs's expression parser, read by src/explorer/mathjs-load.browser.ts in the page. */
export { parse } from 'mathjs';
