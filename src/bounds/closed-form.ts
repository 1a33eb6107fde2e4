/**
 * Closed form of the generalization gap as a mathjs expression tree (proofs-notes/cor-closed-form-gap.md).
 * From ln N_∞(ε) ≤ K/ε² (K = γ³ of lem-epsilon-split, ceilings dropped) and the discrete chaining
 * with M levels:
 *   gap ≤ (2/γ_m)(F·2^{−M} + 6 M √(K/m)) + 3√(ln(2/δ)/(2m)),
 *   M = min(60, max(1, ⌈log₂(F ln2 √m / (6√K))⌉)),  K = (Σ_i α_i^{1/3} β_i^{2/3})³.
 * The same tree is evaluated (number) and rendered (toTex); it upper-bounds the numeric gap.
 * closedFormValue computes the same number in plain float64 without mathjs: the bounds report uses it
 * and builds the tree (closedFormGap) only when the LaTeX is asked for.
 */
import type { MathNode } from 'mathjs';
import type { CoverPart } from './cover-parts.js';
import { partAlpha, partBeta } from './cover-parts.js';
import { loadMathjsParse } from './mathjs-load.js';

// mathjs takes ~1.5 s of CPU to load: load it on the first closed form, not when the CLI starts
// (every command imports the bounds API, most never need a LaTeX formula). The loader is its own
// module so the browser bundle (scripts/build-explorer.mjs) can swap it for one without node:module.
let mathjsParse: ((expr: string) => MathNode) | null = null;
function parse(expr: string): MathNode {
  mathjsParse ??= loadMathjsParse();
  return mathjsParse(expr);
}

/** Result id of this module. */
export const CLOSED_FORM_ID = 'cor-closed-form-gap';

/** The closed form's parameters: the cover parts, F, m, γ, δ. */
export interface ClosedFormParams {
  /** The cover parts (each gives α_i = partAlpha, β_i = partBeta). */
  readonly parts: readonly CoverPart[];
  /** F: sup |f| over the class (the range bound). */
  readonly rangeBound: number;
  /** m: sample size. */
  readonly sampleSize: number;
  /** γ: margin. */
  readonly margin: number;
  /** δ: confidence. */
  readonly delta: number;
  /** ln(1/w): the cost of the grid cell the class was chosen from (thm-budget-grid-union); 0 or absent for a fixed class. */
  readonly unionLogInverseWeight?: number;
}

/**
 * The closed-form gap as a number, in float64 without mathjs (cor-closed-form-gap); equals
 * closedFormGap(p).value up to rounding (checked in properties/cor-closed-form-gap.prop.ts).
 */
export function closedFormValue(p: ClosedFormParams): number {
  let g = 0;
  for (const part of p.parts) g += Math.cbrt(partAlpha(part)) * Math.pow(partBeta(part), 2 / 3);
  const K = g ** 3;
  const F = p.rangeBound;
  const m = p.sampleSize;
  const M = Math.min(60, Math.max(1, Math.ceil(Math.log2((F * Math.LN2 * Math.sqrt(m)) / (6 * Math.sqrt(K))))));
  return (2 / p.margin) * (F * 2 ** -M + 6 * M * Math.sqrt(K / m)) + 3 * Math.sqrt((Math.log(2 / p.delta) + (p.unionLogInverseWeight ?? 0)) / (2 * m));
}

/** The tree, its scope, its value and its LaTeX. */
export interface ClosedForm {
  /** The mathjs expression tree of the gap, in the symbols F, m, gamma, delta, alpha_i, beta_i (and u = ln(1/w) for a grid cell). */
  readonly tree: MathNode;
  /** The value of every symbol of the tree. */
  readonly scope: Record<string, number>;
  /** The tree evaluated at scope (equals closedFormValue up to rounding). */
  readonly value: number;
  /** The tree rendered as LaTeX (α_i, β_i with Greek letters). */
  readonly latex: string;
}

/** Build, evaluate and render the closed form for the given parts (cor-closed-form-gap). Loads mathjs on first use. */
export function closedFormGap(p: ClosedFormParams): ClosedForm {
  const scope: Record<string, number> = { F: p.rangeBound, m: p.sampleSize, gamma: p.margin, delta: p.delta, u: p.unionLogInverseWeight ?? 0 };
  const terms = p.parts.map((part, i) => {
    scope[`alpha_${i + 1}`] = partAlpha(part);
    scope[`beta_${i + 1}`] = partBeta(part);
    return `alpha_${i + 1}^(1/3) * beta_${i + 1}^(2/3)`;
  });
  const K = terms.length > 0 ? `(${terms.join(' + ')})^3` : '0';
  const M = `min(60, max(1, ceil(log(F * log(2) * sqrt(m) / (6 * sqrt(${K})), 2))))`;
  const expr = `2 / gamma * (F * 2^(-${M}) + 6 * ${M} * sqrt(${K} / m)) + 3 * sqrt(${p.unionLogInverseWeight ? '(log(2 / delta) + u)' : 'log(2 / delta)'} / (2 * m))`;
  const tree = parse(expr);
  const value = Number(tree.evaluate({ ...scope }));
  // α_i, β_i render with Greek letters and braces subscripts (mathjs would escape the underscore).
  const handler = (node: MathNode): string | undefined => {
    if (node.type !== 'SymbolNode') return undefined;
    const m = /^(alpha|beta)_(\d+)$/.exec((node as unknown as { name: string }).name);
    return m ? `\\${m[1]}_{${m[2]}}` : undefined;
  };
  return { tree, scope, value, latex: tree.toTex({ parenthesis: 'auto', handler }) };
}
