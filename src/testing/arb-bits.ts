/** Shared arbitrary: an input b ∈ {0,1}^T as the Uint8Array the reference model takes (bits[t−1] = b_t). */
import fc from 'fast-check';

/** T bits, each 0 or 1, as a Uint8Array (shrinks towards all zeros). Throws when T is not an integer >= 1. */
export function arbBits(contextLength: number): fc.Arbitrary<Uint8Array> {
  if (!Number.isSafeInteger(contextLength) || contextLength < 1) throw new RangeError(`arbBits: contextLength must be an integer >= 1 (got ${contextLength})`);
  return fc.array(fc.integer({ min: 0, max: 1 }), { minLength: contextLength, maxLength: contextLength }).map((b) => Uint8Array.from(b));
}

/** Render bits as the CLI's --bits string ("0110..."). */
export function bitsToString(bits: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bits.length; i++) s += bits[i] ? '1' : '0';
  return s;
}
