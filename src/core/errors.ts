/**
 * Typed errors of the toolkit. Every message reads `fn: param must be <condition> (got <value>)` or
 * names the file/field at fault, on one line, so the CLI can print it verbatim and exit with status 2.
 */

/** Base class: any error the toolkit raises on purpose (bad input, bad file, bad shape). */
export class AttnTheoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A parameter outside its domain (negative norm, NaN, delta outside (0,1), non-integer size...). */
export class DomainError extends AttnTheoryError {}

/** Two arrays or matrices whose shapes do not fit together. */
export class ShapeError extends AttnTheoryError {}

/** A file that is missing, unreadable, not JSON, of the wrong format or version, or inconsistent. */
export class FileFormatError extends AttnTheoryError {}

/** Render a value for an error message: short, one line, NaN and infinities spelled out. */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (value === undefined) return 'undefined';
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    return String(value);
  }
}

/** Build the standard domain error `fn: param must be <condition> (got <value>)`. */
export function domainError(fn: string, param: string, condition: string, value: unknown): DomainError {
  // An absent value reads `fn: param must be <condition>`: never "(got undefined)".
  return new DomainError(value === undefined ? `${fn}: ${param} must be ${condition}` : `${fn}: ${param} must be ${condition} (got ${showValue(value)})`);
}

/** Build a shape error `fn: what (got shape)`. */
export function shapeError(fn: string, what: string, got: string): ShapeError {
  return new ShapeError(`${fn}: ${what} (got ${got})`);
}
