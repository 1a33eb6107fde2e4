/**
 * The four mutations every checker must reject (issue 4; results in con-general-sparse-head):
 * a truth-table bit flipped, the support shifted by one position, one readout weight's sign flipped,
 * the temperature divided by 10. Pure: each returns a new object and never mutates its input.
 */
import { fromData } from '../core/matrix.js';
import { domainError } from '../core/errors.js';
import type { BooleanTarget, Model } from '../model/types.js';

/**
 * Proof-note id (the mutation results are reported in the general construction's note):
 * proofs-notes/con-general-sparse-head.md.
 */
export const SPARSE_HEAD_MUTATIONS_ID = 'con-general-sparse-head';

/**
 * The target with table row `row` flipped: a mutant a certifier must reject (con-general-sparse-head).
 * @param target - the Boolean target.
 * @param row - κ, the truth-table row to flip, an integer in 0..2^s−1.
 * @throws DomainError for a row outside 0..2^s−1.
 */
export function flipTableBit(target: BooleanTarget, row: number): BooleanTarget {
  if (!Number.isSafeInteger(row) || row < 0 || row >= target.table.length) throw domainError('flipTableBit', 'row', `an integer in 0..${target.table.length - 1}`, row);
  const t = target.table;
  return { ...target, table: t.slice(0, row) + (t[row] === '1' ? '0' : '1') + t.slice(row + 1) };
}

/**
 * The support shifted by one position: p ↦ p + 1 when max I < T, p ↦ p − 1 when min I > 1, else the
 * cyclic shift p ↦ p mod T + 1. For s < T and a non-constant table the shifted target is a different
 * function (its essential positions move): a mutant for the certifiers (con-general-sparse-head).
 * @param target - the Boolean target, support I.
 * @param contextLength - T.
 * @throws DomainError when s = T (nothing to shift into).
 */
export function shiftSupport(target: BooleanTarget, contextLength: number): BooleanTarget {
  const max = Math.max(...target.support);
  const min = Math.min(...target.support);
  if (target.support.length >= contextLength) throw domainError('shiftSupport', 'target.support', 'smaller than T (a support covering 1..T cannot move)', target.support);
  const shift = max < contextLength ? (p: number) => p + 1 : min > 1 ? (p: number) => p - 1 : (p: number) => (p % contextLength) + 1;
  return { ...target, support: target.support.map(shift) };
}

/**
 * The model with the sign of one weight of the last readout layer flipped (con-general-sparse-head). index
 * defaults to the first nonzero weight (for a construction: the unit at the first label change, whose
 * flip provably breaks it).
 * @param model - the model; not mutated.
 * @param index - row-major index into the last readout layer's weight.
 * @throws DomainError when the index is outside the weight (or, by default, every weight is zero).
 */
export function flipReadoutSign(model: Model, index?: number): Model {
  const last = model.readout[model.readout.length - 1];
  const data = Float64Array.from(last.weight.data);
  const i = index ?? data.findIndex((x) => x !== 0);
  if (!Number.isSafeInteger(i) || i < 0 || i >= data.length) throw domainError('flipReadoutSign', 'index', `an integer in 0..${data.length - 1} (a nonzero weight)`, index);
  data[i] = -data[i];
  const readout = [...model.readout.slice(0, -1), { ...last, weight: fromData(last.weight.rows, last.weight.cols, data) }];
  return { ...model, readout };
}

/**
 * The model with every [CLS] head's W_QK divided by factor (temperature R → R/factor): a mutant whose
 * certified margin drops below γ (con-general-sparse-head, lem-sparse-head-scales).
 * @param model - the model; not mutated.
 * @param factor - the divisor, a finite number > 0 (default 10).
 * @throws DomainError when factor is not a finite number > 0.
 */
export function divideTemperature(model: Model, factor = 10): Model {
  if (!(Number.isFinite(factor) && factor > 0)) throw domainError('divideTemperature', 'factor', 'a finite number > 0', factor);
  const clsHeads = model.clsHeads.map((h) => ({
    ...h,
    wQK: fromData(
      h.wQK.rows,
      h.wQK.cols,
      h.wQK.data.map((x) => x / factor),
    ),
  }));
  return { ...model, clsHeads };
}
