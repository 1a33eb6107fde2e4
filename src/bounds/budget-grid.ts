/**
 * thm-budget-grid-union (OURS; proofs-notes/thm-budget-grid-union.md): the margin bound made valid for
 * norm budgets and a margin read off the trained weights, by a weighted union over a geometric grid.
 *
 * Grid: every budget slot j of the architecture (B_X, each head's W_QK / W_V / W_C norms, each readout
 * stage's norms) and the margin take values ρ^k, k ∈ ℤ, with ρ = BUDGET_GRID_RATIO. Each cell c = (k_j)_j,
 * k_γ is a class F_c fixed before the data, with weight w(c) = Π_j w(k_j) · w(k_γ), where
 *   w(k) = 2 / (3 (|k| + 1)(|k| + 2)),   Σ_{k∈ℤ} w(k) = 1   (telescoping; the note).
 * Applying the fixed-class margin bound (thm-margin-bound) to each cell at confidence δ·w(c), a union
 * bound gives: with probability ≥ 1 − δ, simultaneously for every cell c and every f ∈ F_c,
 *   P[y f(x) ≤ 0] ≤ L̂_{γ_c}(f) + (2/γ_c) R̂_S(F_c) + 3 √((ln(2/δ) + ln(1/w(c))) / (2m)).
 * A trained model lies in the cell whose budgets are its measured norms rounded up to the grid, at the
 * margin γ rounded down to it (γ_c ≤ γ, so its empirical margin loss at γ_c is at most that at γ).
 */
import type { Architecture, HeadBudget, LayerBudget, ReadoutBudget } from './architecture.js';

/** Result id of this module: proofs-notes/thm-budget-grid-union.md. */
export const BUDGET_GRID_ID = 'thm-budget-grid-union';

/**
 * ρ, the grid's ratio: a budget is rounded up by at most this factor (9.05%), and a cell at index k costs
 * ln(3(|k|+1)(|k|+2)/2) nats of confidence (thm-budget-grid-union, "Choice of ρ").
 */
export const BUDGET_GRID_RATIO = 2 ** (1 / 8);

/** w(k) = 2/(3(|k|+1)(|k|+2)): the weight of grid index k ∈ ℤ; the weights sum to 1 over ℤ. */
export function gridWeight(k: number): number {
  const a = Math.abs(k);
  return 2 / (3 * (a + 1) * (a + 2));
}

/** The least integer k with ρ^k ≥ b (b > 0): b rounded up to the grid is ρ^k ≤ ρ·b. */
export function gridIndexUp(b: number, ratio: number = BUDGET_GRID_RATIO): number {
  let k = Math.ceil(Math.log(b) / Math.log(ratio));
  // Math.log rounding may be off by one at exact grid points: correct on the powers themselves.
  while (ratio ** k < b) k++;
  while (ratio ** (k - 1) >= b) k--;
  return k;
}

/** The greatest integer k with ρ^k ≤ g (g > 0): g rounded down to the grid is ρ^k ≥ g/ρ. */
export function gridIndexDown(g: number, ratio: number = BUDGET_GRID_RATIO): number {
  let k = Math.floor(Math.log(g) / Math.log(ratio));
  while (ratio ** k > g) k--;
  while (ratio ** (k + 1) <= g) k++;
  return k;
}

/** One budget slot of the cell a model falls in. */
export interface GridSlot {
  /** Where the budget sits in the architecture, e.g. "clsHeads[0].qkFrobenius". */
  readonly slot: string;
  /** The measured norm (or, for "margin", the margin asked for). */
  readonly measured: number;
  /** k: the grid index. */
  readonly index: number;
  /** ρ^k: the budget (margin) the bound uses, ≥ measured (≤ for the margin). */
  readonly gridValue: number;
  /** ln(1/w(k)), the confidence this slot costs. */
  readonly logInverseWeight: number;
}

/** The grid cell of an architecture: its rounded budgets and what choosing them from the data costs. */
export interface GridCell {
  /** The architecture with every budget rounded up to the grid. */
  readonly architecture: Architecture;
  /** γ_c: the margin rounded down to the grid. */
  readonly margin: number;
  /** Every slot, the margin last. */
  readonly slots: readonly GridSlot[];
  /** ln(1/w(c)) = Σ over slots of ln(1/w(k)). */
  readonly logInverseWeight: number;
}

function slotUp(slots: GridSlot[], slot: string, b: number, ratio: number): number {
  // A zero norm (an all-zero weight) lies in every cell; take the cheapest, k = 0 (budget 1).
  const index = b > 0 ? gridIndexUp(b, ratio) : 0;
  const w = gridWeight(index);
  const gridValue = ratio ** index;
  slots.push({ slot, measured: b, index, gridValue, logInverseWeight: -Math.log(w) });
  return gridValue;
}

function roundHead(slots: GridSlot[], at: string, h: HeadBudget, ratio: number): HeadBudget {
  const up = (name: keyof HeadBudget & string) => slotUp(slots, `${at}.${name}`, h[name] as number, ratio);
  return {
    ...h,
    qkFrobenius: up('qkFrobenius'),
    qkSpectral: up('qkSpectral'),
    valueFrobenius: up('valueFrobenius'),
    valueSpectral: up('valueSpectral'),
    outputFrobenius: up('outputFrobenius'),
    outputSpectral: up('outputSpectral'),
  };
}

function roundReadout(slots: GridSlot[], at: string, r: ReadoutBudget, ratio: number): ReadoutBudget {
  const up = (name: 'frobenius' | 'spectral' | 'rowGroup21', b: number) => slotUp(slots, `${at}.${name}`, b, ratio);
  const frobenius = up('frobenius', r.frobenius);
  const spectral = up('spectral', r.spectral);
  return { ...r, frobenius, spectral, ...(r.rowGroup21 !== undefined ? { rowGroup21: up('rowGroup21', r.rowGroup21) } : {}) };
}

/**
 * The grid cell containing an architecture's budgets (each rounded up to ρ^k) at margin γ (rounded down),
 * with its confidence cost ln(1/w(c)) (thm-budget-grid-union). The shape (T, d, k, H, L, activations,
 * projection radii, residuals) is the model's design, fixed before the data, and is kept as it is.
 * @param arch - the class of a model's measured norms (architectureFromModel).
 * @param margin - γ > 0.
 * @param ratio - ρ > 1 (default BUDGET_GRID_RATIO).
 */
export function gridCell(arch: Architecture, margin: number, ratio: number = BUDGET_GRID_RATIO): GridCell {
  const slots: GridSlot[] = [];
  const inputRowNorm = slotUp(slots, 'inputRowNorm', arch.inputRowNorm, ratio);
  const layers: LayerBudget[] = arch.layers.map((l, li) => ({ ...l, heads: l.heads.map((h, hi) => roundHead(slots, `layers[${li}].heads[${hi}]`, h, ratio)) }));
  const clsHeads = arch.clsHeads.map((h, hi) => roundHead(slots, `clsHeads[${hi}]`, h, ratio));
  const readout = arch.readout.map((r, ri) => roundReadout(slots, `readout[${ri}]`, r, ratio));
  const kGamma = gridIndexDown(margin, ratio);
  const gamma = ratio ** kGamma;
  slots.push({ slot: 'margin', measured: margin, index: kGamma, gridValue: gamma, logInverseWeight: -Math.log(gridWeight(kGamma)) });
  const logInverseWeight = slots.reduce((a, s) => a + s.logInverseWeight, 0);
  return { architecture: { ...arch, inputRowNorm, layers, clsHeads, readout }, margin: gamma, slots, logInverseWeight };
}

/** The statement a grid-union bound makes, for reports. */
export function gridStatement(cell: GridCell, delta: number, ratio: number = BUDGET_GRID_RATIO): string {
  return (
    `holds with probability >= 1 - ${delta} simultaneously over every cell of the geometric grid (ratio ${ratio.toPrecision(6)}) of all ${cell.slots.length - 1} norm budgets ` +
    `and the margin, weighted w(k) = 2/(3(|k|+1)(|k|+2)) per slot (${BUDGET_GRID_ID}): valid for budgets and margin read off the trained weights; ` +
    `this model's cell costs ln(1/w) = ${cell.logInverseWeight.toFixed(2)} nats and uses margin ${cell.margin.toPrecision(6)}`
  );
}
