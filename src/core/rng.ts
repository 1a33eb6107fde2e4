/**
 * Seeded pseudo-random numbers (pure-rand's xoroshiro128+). The only randomness the toolkit uses:
 * the same seed gives the same stream on every machine.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { requireInteger } from './validate.js';

/** A seeded random stream with the draws the toolkit needs. */
export interface Rng {
  /** Uniform in [0, 1), 53 random bits. */
  float(): number;
  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** Standard normal N(0, 1) (Box-Muller). */
  normal(): number;
  /** A fair bit, 0 or 1. */
  bit(): 0 | 1;
}

/** Create a random stream from an integer seed (any safe integer, including negatives). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) requireInteger('createRng', 'seed', seed, Number.MIN_SAFE_INTEGER);
  // pure-rand seeds with a 32-bit integer; fold the high part in so large seeds stay distinct.
  const folded = (seed | 0) ^ Math.floor(seed / 4294967296);
  const gen = xoroshiro128plus(folded);
  let spare: number | null = null;
  const float = (): number => uniformFloat64(gen);
  return {
    float,
    int: (from, to) => uniformInt(gen, from, to),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = float();
      const v = float();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    bit: () => uniformInt(gen, 0, 1) as 0 | 1,
  };
}
