/**
 * Boundary checks shared by every public function: each throws a DomainError naming the function,
 * the parameter and the bad value. Nothing is clamped; NaN and infinities are always rejected.
 */
import { domainError } from './errors.js';

/** x must be a finite number. */
export function requireFinite(fn: string, param: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw domainError(fn, param, 'a finite number', x);
  return x;
}

/** x must be finite and > 0. */
export function requirePositive(fn: string, param: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || !(x > 0)) throw domainError(fn, param, 'a finite number > 0', x);
  return x;
}

/** x must be finite and >= 0. */
export function requireNonNegative(fn: string, param: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || !(x >= 0)) throw domainError(fn, param, 'a finite number >= 0', x);
  return x;
}

/** x must be a safe integer >= min. */
export function requireInteger(fn: string, param: string, x: number, min = 1): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min) {
    throw domainError(fn, param, `an integer >= ${min}`, x);
  }
  return x;
}

/** x must lie in the open interval (0, 1): a confidence parameter such as delta. */
export function requireOpenUnit(fn: string, param: string, x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || !(x > 0 && x < 1)) throw domainError(fn, param, 'in (0, 1)', x);
  return x;
}

/** Every entry of the array must be finite. */
export function requireAllFinite(fn: string, param: string, xs: ArrayLike<number>): void {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) throw domainError(fn, `${param}[${i}]`, 'a finite number', xs[i]);
  }
}
