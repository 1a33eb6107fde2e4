/**
 * Turn the first zod issue into the toolkit's one-line error `fn: path must be <condition> (got <value>)`.
 */
import type { z } from 'zod';
import { FileFormatError, showValue } from '../../core/errors.js';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function showPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s === '' ? '(root)' : s;
}

/** A FileFormatError for the first issue of a failed zod parse of `input` (paths shown under `prefix`). */
export function zodIssueError(fn: string, what: string, err: z.ZodError, input: unknown, prefix?: string): FileFormatError {
  const issue = err.issues[0];
  const path = issue.path as PropertyKey[];
  const where = (p: readonly PropertyKey[]) => {
    const s = showPath(p);
    if (prefix === undefined) return s;
    return s === '(root)' ? prefix : s.startsWith('[') ? prefix + s : `${prefix}.${s}`;
  };
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const at = path.length || prefix !== undefined ? `${where(path)}.` : '';
    return new FileFormatError(`${fn}: ${what} field ${at}${keys[0]} must not be present (got an unknown field ${showValue(keys[0])})`);
  }
  const value = valueAt(input, path);
  const cond = issue.message.replace(/^Invalid input: /, '').replace(/\.$/, '');
  return new FileFormatError(`${fn}: ${what} ${where(path)} must be valid: ${cond} (got ${showValue(value)})`);
}
