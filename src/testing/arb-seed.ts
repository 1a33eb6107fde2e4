/**
 * Shared arbitrary: an integer seed for createRng (src/core/rng.ts). Every random object a property
 * builds from a seed replays exactly from fast-check's reported counterexample.
 */
import fc from 'fast-check';

/** A 32-bit signed integer seed (shrinks towards 0). */
export function arbSeed(): fc.Arbitrary<number> {
  return fc.integer({ min: -0x80000000, max: 0x7fffffff });
}
