/**
 * Read an s-sparse function off a trained model and its training sample, for the sparse-compression
 * certificate (proofs-notes/thm-sparse-compression-certificate.md §5): the support is the s positions
 * with the largest [CLS] attention mass averaged over the training inputs (summed over [CLS] heads; ties
 * to the lower position), and each truth-table row is the majority vote of the training labels whose
 * inputs show that pattern on the support; a tied or unseen row takes the sign of the model's output on
 * the pattern with zeros elsewhere ('0' for a zero output). Any such data-dependent rule is allowed: the
 * certificate's union runs over the whole class, fixed before the data.
 */
import { forward, forwardTrace } from '../model/forward.js';
import type { BooleanTarget, Model } from '../model/types.js';
import { domainError } from '../core/errors.js';
import { targetIndex, targetLabel } from '../model/target.js';

/** Proof-note id: proofs-notes/thm-sparse-compression-certificate.md. */
export const COMPRESSION_READOFF_ID = 'thm-sparse-compression-certificate';

/** At most this many training inputs (the first ones) are traced for the attention mass; the table uses every point. */
export const READOFF_MAX_TRACED = 4096;

/** A read-off function and what it was read from. */
export interface ReadOffFunction {
  /** g: the top-s positions (sorted increasingly) and the majority-vote table. */
  readonly target: BooleanTarget;
  /** Mean [CLS] attention mass on each chosen position, in support order. */
  readonly supportMass: readonly number[];
  /** Table rows filled from the model's output (tied vote or no training point with that pattern). */
  readonly rowsFromModel: number;
}

/**
 * The s-sparse function read off the attention and the training labels (thm-sparse-compression-certificate §5).
 * @param model - a model with at least one [CLS] head.
 * @param bits - the m training inputs, m·T bits row-major.
 * @param labels - the m training labels (±1; > 0 read as +1).
 * @param sparsity - s, an integer in 1..min(T, 16), fixed before the data.
 * @throws DomainError `readSparseFunction: ...` for a model without [CLS] heads, a bad s or mismatched sizes.
 */
export function readSparseFunction(model: Model, bits: Uint8Array, labels: ArrayLike<number>, sparsity: number): ReadOffFunction {
  const fn = 'readSparseFunction';
  const T = model.contextLength;
  if (model.clsHeads.length === 0) throw domainError(fn, 'model', 'a model with [CLS] heads', 'none');
  if (!Number.isSafeInteger(sparsity) || sparsity < 1 || sparsity > Math.min(T, 16)) throw domainError(fn, 'sparsity', `an integer in 1..${Math.min(T, 16)}`, sparsity);
  const m = labels.length;
  if (m < 1 || bits.length !== m * T) throw domainError(fn, 'bits', `m·T = ${m}·${T} bits for m >= 1 labels`, bits.length);
  const mass = new Float64Array(T + 1);
  const traced = Math.min(m, READOFF_MAX_TRACED);
  for (let i = 0; i < traced; i++) {
    const tr = forwardTrace(model, bits.subarray(i * T, (i + 1) * T));
    for (const h of tr.clsHeads) for (let p = 1; p <= T; p++) mass[p] += h.attention[p];
  }
  const order = Array.from({ length: T }, (_, i) => i + 1).sort((a, b) => mass[b] - mass[a] || a - b);
  const support = order.slice(0, sparsity).sort((a, b) => a - b);
  const rows = 2 ** sparsity;
  const votes = new Float64Array(rows);
  const probe: BooleanTarget = { support, table: '0'.repeat(rows) };
  for (let i = 0; i < m; i++) votes[targetIndex(probe, bits.subarray(i * T, (i + 1) * T))] += labels[i] > 0 ? 1 : -1;
  let table = '';
  let rowsFromModel = 0;
  for (let k = 0; k < rows; k++) {
    if (votes[k] > 0) table += '1';
    else if (votes[k] < 0) table += '0';
    else {
      rowsFromModel++;
      const x = new Uint8Array(T);
      for (let j = 0; j < sparsity; j++) x[support[j] - 1] = (k >> (sparsity - 1 - j)) & 1;
      table += forward(model, x) > 0 ? '1' : '0';
    }
  }
  return { target: { support, table, name: 'attention-read-off' }, supportMass: support.map((p) => mass[p] / traced), rowsFromModel };
}

/**
 * Whether two targets on T positions are the same function (same support as a set, equal labels on the
 * 2^s patterns of it), so that a certificate for one is a certificate for the other.
 * @param g - a checked target. @param h - a checked target. @param T - the context length.
 */
export function sameFunction(g: BooleanTarget, h: BooleanTarget, T: number): boolean {
  const hs = new Set(h.support);
  if (g.support.length !== hs.size || !g.support.every((p) => hs.has(p))) return false;
  const s = g.support.length;
  const x = new Uint8Array(T);
  for (let k = 0; k < 2 ** s; k++) {
    for (let j = 0; j < s; j++) x[g.support[j] - 1] = (k >> (s - 1 - j)) & 1;
    if (targetLabel(g, x) !== targetLabel(h, x)) return false;
  }
  return true;
}
