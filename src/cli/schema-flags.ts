/**
 * CLI flags derived from a request's zod schema: each flag names one field (path) of the request; its
 * help text and enum choices are the schema's (`.describe()`, `z.enum` options), its type (number or
 * word) is the schema's, and a bad value is reported by the one shared translator (core/zod-issue.ts)
 * with the flag's name and the raw text: `--delta must be in (0, 1) (got "1.5")`. Every missing
 * required flag is listed at once: `--T, --d must be given`.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { zodIssueMessage, type IssuePath } from '../core/zod-issue.js';
import { CliUsageError } from './errors.js';
import { NUMBER_RE } from './flags.js';

/** One flag bound to a field of a request schema. */
export interface SchemaFlag {
  /** The flag as typed, e.g. '--T' or '--value-activation'. */
  readonly flag: string;
  /** The field's path in the request, e.g. ['normBounds', 'valueSpectral']. */
  readonly path: readonly string[];
  /** Placeholder in the help (default: the enum choices, else 'x'). */
  readonly arg?: string;
}

type Def = { type: string; innerType?: unknown; shape?: Record<string, unknown>; entries?: Record<string, unknown>; in?: unknown; element?: unknown };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def: Def } } | undefined)?._zod?.def;

/** The option key commander uses for a flag ('--value-activation' → 'valueActivation', '--BV21' → 'BV21'). */
export function optionKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/gi, (_m, c: string) => c.toUpperCase());
}

/** The field schemas along `path` (outermost first), each with optional/default wrappers kept. */
function fieldAt(schema: z.ZodType, path: readonly string[]): { field: unknown; description?: string } {
  let s: unknown = schema;
  let description: string | undefined;
  for (const k of path) {
    let d = defOf(s);
    while (d && (d.type === 'optional' || d.type === 'default' || d.type === 'pipe')) {
      s = d.type === 'pipe' ? d.in : d.innerType;
      d = defOf(s);
    }
    if (d?.type !== 'object' || !d.shape || !(k in d.shape)) throw new Error(`schema-flags: no field ${path.join('.')} in the schema`);
    s = d.shape[k];
  }
  // The description may sit on the wrapper (x.optional().describe()) or on the inner schema.
  let cur: unknown = s;
  for (let guard = 0; guard < 8; guard++) {
    description ??= (cur as { description?: string }).description;
    const d = defOf(cur);
    if (d && (d.type === 'optional' || d.type === 'default')) cur = d.innerType;
    else break;
  }
  return { field: cur, description };
}

/** The enum choices of a field, or null when it is not an enum. */
export function fieldChoices(schema: z.ZodType, path: readonly string[]): readonly string[] | null {
  const d = defOf(fieldAt(schema, path).field);
  return d?.type === 'enum' && d.entries ? Object.values(d.entries).map(String) : null;
}

/** 'number' when the flag's text is read as a number, 'list' for a comma-separated list of numbers or enum words. */
function fieldKind(schema: z.ZodType, path: readonly string[]): 'number' | 'list' | 'text' {
  const d = defOf(fieldAt(schema, path).field);
  if (d?.type === 'number') return 'number';
  if (d?.type === 'array' && (defOf(d.element)?.type === 'number' || defOf(d.element)?.type === 'enum')) return 'list';
  return 'text';
}

/** The text as a number when it is one in full (exponent notation allowed), else the text itself. */
function numberOrText(text: string): number | string {
  const s = text.trim();
  return NUMBER_RE.test(s) ? Number(s) : text;
}

/** Help text of a flag: the field's description, plus its choices for an enum. */
export function flagHelp(schema: z.ZodType, f: SchemaFlag): string {
  const { description } = fieldAt(schema, f.path);
  const choices = fieldChoices(schema, f.path);
  return `${description ?? f.path.join('.')}${choices ? ` (${choices.join('|')})` : ''}`;
}

/** Declare the flags on a command: `--flag <arg>` with the schema's help. */
export function declareFlags(cmd: Command, schema: z.ZodType, flags: readonly SchemaFlag[]): void {
  for (const f of flags) {
    const choices = fieldChoices(schema, f.path);
    cmd.option(`${f.flag} <${f.arg ?? (choices ? choices.join('|') : 'x')}>`, flagHelp(schema, f));
  }
}

/** True when any of the flags was given. */
export function anyFlagGiven(opts: Record<string, unknown>, flags: readonly SchemaFlag[]): SchemaFlag | undefined {
  return flags.find((f) => opts[optionKey(f.flag)] !== undefined);
}

/**
 * Build the request from the given flags (number fields: the whole text must be a number, exponent
 * notation allowed; anything else is passed as text so the schema names it), parse it with `schema`,
 * and return the parsed request. `extra` fields are merged in as they are (already typed).
 * @throws CliUsageError `--flag must be <condition> (got "<text>")`, or `--a, --b must be given`.
 */
export function parseSchemaFlags<S extends z.ZodType>(schema: S, flags: readonly SchemaFlag[], opts: Record<string, unknown>, extra: Record<string, unknown> = {}): z.output<S> {
  const input: Record<string, unknown> = { ...extra };
  const raw = new Map<string, unknown>();
  for (const f of flags) {
    // Nested objects exist even when empty, so their missing fields are named as flags.
    let parent = input;
    for (const k of f.path.slice(0, -1)) {
      parent[k] ??= {};
      parent = parent[k] as Record<string, unknown>;
    }
    const text = opts[optionKey(f.flag)];
    if (text === undefined) continue;
    raw.set(f.path.join('.'), text);
    const kind = typeof text === 'string' ? fieldKind(schema, f.path) : 'text';
    parent[f.path[f.path.length - 1]] = kind === 'number' ? numberOrText(text as string) : kind === 'list' ? (text as string).split(',').map(numberOrText) : text;
  }
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  // A path inside a field (a list element) is named by the field's flag, with the field's raw text.
  const flagOf = (p: IssuePath) => flags.find((f) => f.path.length <= p.length && f.path.every((k, i) => k === p[i]));
  const key = (p: IssuePath) => {
    const f = flagOf(p);
    return f ? f.path.join('.') : p.map(String).join('.');
  };
  throw new CliUsageError(
    zodIssueMessage(r.error, input, {
      fn: '',
      schema,
      name: (p) => flagOf(p)?.flag ?? key(p),
      // biome-ignore lint/complexity/useIndexOf: flagOf(p) may be undefined, which indexOf's parameter type refuses.
      rank: (p) => flags.findIndex((f) => f === flagOf(p)),
      got: (p) => (raw.has(key(p)) ? raw.get(key(p)) : undefined),
    }),
  );
}
