/**
 * A FileFormatError for a failed zod parse of (part of) a sweep spec, worded by the one shared
 * translator (core/zod-issue.ts): `fn: what path must be <condition> (got <value>)`, unknown fields
 * named (with the nearest known one), every missing field at once.
 */
import type { z } from 'zod';
import { FileFormatError } from '../../core/errors.js';
import { zodIssueMessage } from '../../core/zod-issue.js';

/**
 * The error for `err` (from parsing `input`); paths are shown under `prefix` (e.g. 'grid.x[1]').
 * @param schema the schema parsed, to suggest the known field next to an unknown one.
 */
export function zodIssueError(fn: string, what: string, err: z.ZodError, input: unknown, prefix?: string, schema?: z.ZodType): FileFormatError {
  return new FileFormatError(zodIssueMessage(err, input, { fn, what, rootName: '(root)', ...(prefix !== undefined ? { at: prefix } : {}), ...(schema ? { schema } : {}) }));
}
