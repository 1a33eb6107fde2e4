/**
 * Parsing of numeric flags: strict (the whole string must be a number), finite, with the domain
 * checked; errors name the flag and the raw value. Nothing is clamped.
 */
import { flagError } from './errors.js';

/** A whole flag value that is a decimal number, exponent notation allowed (1e7, 2.5E-3). */
export const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A finite real number. */
export function parseReal(flag: string, raw: string | undefined): number {
  if (raw === undefined) throw flagError(flag, 'given', raw);
  const s = String(raw).trim();
  if (!NUMBER_RE.test(s)) throw flagError(flag, 'a finite number', raw);
  const x = Number(s);
  if (!Number.isFinite(x)) throw flagError(flag, 'a finite number', raw);
  return x;
}

/** A finite number > 0. */
export function parsePositiveReal(flag: string, raw: string | undefined): number {
  const x = parseReal(flag, raw);
  if (!(x > 0)) throw flagError(flag, 'a finite number > 0', raw);
  return x;
}

/** A finite number >= 0. */
export function parseNonNegativeReal(flag: string, raw: string | undefined): number {
  const x = parseReal(flag, raw);
  if (!(x >= 0)) throw flagError(flag, 'a finite number >= 0', raw);
  return x;
}

/** A number in the open interval (0, 1). */
export function parseOpenUnit(flag: string, raw: string | undefined): number {
  const x = parseReal(flag, raw);
  if (!(x > 0 && x < 1)) throw flagError(flag, 'in (0, 1)', raw);
  return x;
}

/** A safe integer >= min. */
export function parseInteger(flag: string, raw: string | undefined, min = 1): number {
  if (raw === undefined) throw flagError(flag, 'given', raw);
  const s = String(raw).trim();
  if (!/^[+-]?\d+$/.test(s)) throw flagError(flag, `an integer >= ${min}`, raw);
  const x = Number(s);
  if (!Number.isSafeInteger(x) || x < min) throw flagError(flag, `an integer >= ${min}`, raw);
  return x;
}

/** A comma-separated list of integers >= min, e.g. "8,16,32". */
export function parseIntegerList(flag: string, raw: string | undefined, min = 1): number[] {
  if (raw === undefined || String(raw).trim() === '') throw flagError(flag, `a comma-separated list of integers >= ${min}`, raw);
  return String(raw)
    .split(',')
    .map((part) => {
      const s = part.trim();
      if (!/^[+-]?\d+$/.test(s) || !Number.isSafeInteger(Number(s)) || Number(s) < min) {
        throw flagError(flag, `a comma-separated list of integers >= ${min}`, raw);
      }
      return Number(s);
    });
}

/** One of the allowed words. */
export function parseChoice<T extends string>(flag: string, raw: string | undefined, choices: readonly T[]): T {
  if (raw === undefined || !(choices as readonly string[]).includes(raw)) throw flagError(flag, `one of ${choices.join('|')}`, raw);
  return raw as T;
}
