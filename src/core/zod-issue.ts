/**
 * The one translation from a failed zod parse to the toolkit's one-line error
 * `fn: field.path must be <condition> (got <value>)`, shared by every request schema (bounds,
 * constructions, certify options, sweep specs; the CLI renames paths to flags).
 * Which issue is reported: an unknown field first ("unknown field normBounds.outputSpectrl (did you
 * mean normBounds.outputSpectral?)"), then the first bad value, else every missing field at once
 * ("contextLength, width must be given") — never "(got undefined)".
 * The condition is the schema's own message when it set one ({ error: '...' }, see zod-fields.ts),
 * else derived from the issue code (enum values, type, bound).
 */
import type { z } from 'zod';
import { DomainError, showValue } from './errors.js';

/** A path inside the parsed input, as zod reports it. */
export type IssuePath = readonly PropertyKey[];

/** How to name things in the message. */
export interface IssueContext {
  /** Function or command named first (`fn: ...`); '' for none (the CLI adds its own prefix). */
  readonly fn: string;
  /** Words between `fn:` and the field, e.g. 'spec' or 'spec cell 3'. */
  readonly what?: string;
  /** Path text prefixed to every field, e.g. 'grid.x[1]' or 'fixed'. */
  readonly at?: string;
  /** Name used for the whole input (empty path); default 'input'. */
  readonly rootName?: string;
  /** How a path is named (a CLI flag); default a.b[0].c under `at`. */
  readonly name?: (path: IssuePath) => string;
  /** The value shown after "got" (the raw flag text); default the input's value at the path. */
  readonly got?: (path: IssuePath) => unknown;
  /** The schema parsed, to suggest the known field next to an unknown one. */
  readonly schema?: z.ZodType;
  /** Order of the missing fields in the list (default: the schema's order), e.g. the flags' order. */
  readonly rank?: (path: IssuePath) => number;
}

/** The value of `input` at `path` (undefined when absent). */
export function valueAtPath(input: unknown, path: IssuePath): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** a.b[0].c (empty string for the root). */
export function showPath(path: IssuePath): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function plural(n: unknown, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** The condition `<cond>` of "must be <cond>" for one issue. */
export function issueCondition(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  const i = issue as unknown as { code: string; expected?: string; values?: unknown[]; origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; format?: string; pattern?: string };
  switch (i.code) {
    case 'invalid_value':
      return `one of ${(i.values ?? []).map(String).join('|')}`;
    case 'invalid_type':
      if (i.expected === 'int') return 'an integer';
      if (i.expected === 'number') return 'a finite number';
      if (i.expected === 'object' || i.expected === 'array') return `an ${i.expected}`;
      if (i.expected === 'boolean') return 'true or false';
      return `a ${String(i.expected)}`;
    case 'too_small':
    case 'too_big': {
      const small = i.code === 'too_small';
      const bound = small ? i.minimum : i.maximum;
      if (i.origin === 'array' || i.origin === 'set') return `${small ? 'at least' : 'at most'} ${plural(bound, 'item')}`;
      if (i.origin === 'string') return `${small ? 'at least' : 'at most'} ${plural(bound, 'character')}`;
      return `${small ? (i.inclusive === false ? '>' : '>=') : i.inclusive === false ? '<' : '<='} ${String(bound)}`;
    }
    case 'invalid_format':
      return i.format === 'regex' && i.pattern ? `matching ${i.pattern}` : `a valid ${String(i.format)}`;
    default:
      return issue.message.replace(/^Invalid input: /, '').replace(/\.$/, '');
  }
}

/** The object schema reached by following `path` through optional/default/array wrappers, if any. */
function objectShapeAt(schema: z.ZodType | undefined, path: IssuePath): Record<string, unknown> | undefined {
  let s = schema as { _zod?: { def: Record<string, unknown> } } | undefined;
  const unwrap = () => {
    for (let guard = 0; s?._zod && guard < 16; guard++) {
      const d = s._zod.def;
      if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault' || d.type === 'readonly') s = d.innerType as typeof s;
      else if (d.type === 'pipe') s = d.in as typeof s;
      else break;
    }
  };
  unwrap();
  for (const k of path) {
    const d = s?._zod?.def;
    if (!d) return undefined;
    if (d.type === 'object' && typeof k === 'string') s = (d.shape as Record<string, typeof s>)[k];
    else if (d.type === 'array') s = d.element as typeof s;
    else return undefined;
    unwrap();
  }
  const d = s?._zod?.def;
  return d?.type === 'object' ? (d.shape as Record<string, unknown>) : undefined;
}

/** Levenshtein distance, case-insensitive. */
function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The known field closest to `key` (edit distance ≤ max(2, |key|/3)), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/** True when the issue is about a required field that is absent from its parent object. */
function isMissing(issue: z.core.$ZodIssue, input: unknown): boolean {
  if (issue.path.length === 0 || issue.code === 'custom') return false;
  const parent = valueAtPath(input, issue.path.slice(0, -1));
  const key = issue.path[issue.path.length - 1];
  return parent !== null && typeof parent === 'object' && (!(key in parent) || (parent as Record<PropertyKey, unknown>)[key] === undefined);
}

/**
 * The one-line message for a failed parse of `input` (see the module doc for which issue is shown).
 * @param err the ZodError of safeParse; @param input what was parsed; @param ctx naming.
 */
export function zodIssueMessage(err: z.ZodError, input: unknown, ctx: IssueContext): string {
  const head = `${ctx.fn ? `${ctx.fn}: ` : ''}${ctx.what ? `${ctx.what} ` : ''}`;
  const name = (p: IssuePath): string => {
    if (ctx.name) return ctx.name(p);
    const s = showPath(p);
    if (ctx.at === undefined) return s === '' ? (ctx.rootName ?? 'input') : s;
    return s === '' ? ctx.at : s.startsWith('[') ? ctx.at + s : `${ctx.at}.${s}`;
  };
  const issues = err.issues;
  const unknown = issues.find((i) => i.code === 'unrecognized_keys') as (z.core.$ZodIssue & { keys: string[] }) | undefined;
  if (unknown) {
    const key = unknown.keys[0];
    const shape = objectShapeAt(ctx.schema, unknown.path);
    const known = shape ? Object.keys(shape) : [];
    const near = closestKey(key, known);
    const hint = near !== undefined ? ` (did you mean ${name([...unknown.path, near])}?)` : known.length > 0 ? ` (known: ${known.join('|')})` : '';
    return `${ctx.fn ? `${ctx.fn}: ` : ''}${ctx.what ? `${ctx.what}: ` : ''}unknown field ${name([...unknown.path, key])}${hint}`;
  }
  const got = ctx.got ?? ((p: IssuePath) => valueAtPath(input, p));
  const bad = issues.find((i) => !isMissing(i, input));
  if (bad) {
    const value = got(bad.path);
    // A bad issue on an absent value (a refinement of a missing field) names no value: never "(got undefined)".
    return `${head}${name(bad.path)} must be ${issueCondition(bad)}${value === undefined ? '' : ` (got ${showValue(value)})`}`;
  }
  const missing = ctx.rank ? [...issues].sort((a, b) => ctx.rank!(a.path) - ctx.rank!(b.path)) : issues;
  const names = [...new Set(missing.map((i) => name(i.path)))];
  if (names.length === 1) return `${head}${names[0]} must be given (${issueCondition(missing[0])})`;
  return `${head}${names.join(', ')} must be given`;
}

/**
 * Parse `input` with `schema`, or throw a DomainError with the one-line message naming `fn`.
 * @param rootName how the whole input is called when it is not even an object (default 'input').
 * @throws DomainError `fn: field must be <condition> (got <value>)`.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, fn: string, rootName = 'input'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new DomainError(zodIssueMessage(r.error, input, { fn, rootName, schema }));
}
