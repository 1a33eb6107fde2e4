/**
 * Leaf zod schemas for numeric request fields. Each carries its domain as the message of every issue
 * it can raise (wrong type, NaN, ±Infinity, out of range), so the one translator (zod-issue.ts) prints
 * `fn: field must be <condition> (got <value>)` with the same wording as core/validate.ts.
 * zod 4's z.number() already rejects NaN and ±Infinity; z.int() rejects non-safe integers.
 */
import { z } from 'zod';

/** A finite number (NaN, ±Infinity rejected). */
export function finiteNumber(): z.ZodNumber {
  return z.number({ error: 'a finite number' });
}

/** A finite number > 0. */
export function positiveNumber(): z.ZodNumber {
  const cond = 'a finite number > 0';
  return z.number({ error: cond }).gt(0, { error: cond });
}

/** A finite number >= 0. */
export function nonNegativeNumber(): z.ZodNumber {
  const cond = 'a finite number >= 0';
  return z.number({ error: cond }).gte(0, { error: cond });
}

/** A number in the open interval (0, 1) (a confidence δ, a target gap). */
export function openUnitNumber(): z.ZodNumber {
  const cond = 'in (0, 1)';
  return z.number({ error: cond }).gt(0, { error: cond }).lt(1, { error: cond });
}

/** A number in the closed interval [0, 1] (an empirical loss). */
export function unitIntervalNumber(): z.ZodNumber {
  const cond = 'in [0, 1]';
  return z.number({ error: cond }).gte(0, { error: cond }).lte(1, { error: cond });
}

/** A safe integer in min..max (max optional). */
export function integerIn(min: number, max?: number): z.ZodNumber {
  const cond = max === undefined ? `an integer >= ${min}` : `an integer in ${min}..${max}`;
  const s = z.int({ error: cond }).gte(min, { error: cond });
  return max === undefined ? s : s.lte(max, { error: cond });
}
