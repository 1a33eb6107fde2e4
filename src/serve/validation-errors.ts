/**
 * A failed zod parse of a request body or query → one 400 FieldError naming the field and the bad value,
 * with the message of the shared translator (core/zod-issue.ts), so the words match the CLI's and the
 * library's: `normBounds.readout must be a finite number > 0 (got -1)`. Which issue is reported follows
 * the translator: an unknown field first, then the first bad value, else every missing field at once.
 * A union (a model matrix is nested rows or packed base64) is followed into the branch that got
 * furthest, so the message names the entry at fault rather than "Invalid input".
 */
import { z } from 'zod';
import { showPath, valueAtPath, zodIssueMessage, type IssuePath } from '../core/zod-issue.js';
import { FieldError } from './http-errors.js';

type Issue = z.core.$ZodIssue;

/** Replace every union issue by the issues of its deepest branch, paths made absolute. */
function flattenUnions(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const depth = (b: readonly Issue[]) => (b.length === 0 ? -1 : Math.max(...b.map((i) => i.path.length)));
      const branch = issue.errors.reduce((best, b) => (depth(b) > depth(best) ? b : best));
      if (branch.length > 0) {
        out.push(...flattenUnions(branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue)));
        continue;
      }
    }
    // The model-file schema words its messages "must be ..." (format.ts); the translator adds "must be" itself.
    out.push(issue.message.startsWith('must be ') ? ({ ...issue, message: issue.message.slice('must be '.length) } as Issue) : issue);
  }
  return out;
}

/** True when the issue is about a required field absent from its parent object (as the translator decides). */
function isMissing(issue: Issue, input: unknown): boolean {
  if (issue.path.length === 0 || issue.code === 'custom') return false;
  const parent = valueAtPath(input, issue.path.slice(0, -1));
  const key = issue.path[issue.path.length - 1];
  return parent !== null && typeof parent === 'object' && (!(key in parent) || (parent as Record<PropertyKey, unknown>)[key] === undefined);
}

/** The path as the `field` of a reply (null for the whole body). */
function fieldName(path: IssuePath): string | null {
  return path.length === 0 ? null : showPath(path);
}

/**
 * The 400 reply for `error`, the failed parse of `input` by `schema`.
 * @param rootName - what the whole input is called in the message ('body' or 'query').
 */
export function fieldErrorFromZod(schema: z.ZodType, input: unknown, error: z.ZodError, rootName: string): FieldError {
  const issues = flattenUnions(error.issues);
  const message = (picked: Issue[]) => zodIssueMessage(new z.ZodError(picked), input, { fn: '', schema, rootName });
  const unknown = issues.find((i) => i.code === 'unrecognized_keys') as (Issue & { keys: string[] }) | undefined;
  if (unknown) {
    const path = [...unknown.path, unknown.keys[0]];
    return new FieldError('unknown_field', fieldName(path), valueAtPath(input, path), message([unknown]));
  }
  const bad = issues.find((i) => !isMissing(i, input));
  if (bad) return new FieldError('bad_field', fieldName(bad.path), valueAtPath(input, bad.path), message([bad]));
  return new FieldError('bad_field', fieldName(issues[0].path), null, message(issues));
}
