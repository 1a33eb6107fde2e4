/**
 * Static scan of the property suites (properties/**\/*.prop.ts): every `test.prop(...)`/`it.prop(...)`
 * call with its test name, fixed seed and numRuns as written in the source. This reports what the
 * suites are configured to run (the seed makes every run replayable), not a live test result.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** fast-check's default number of runs when a property gives no numRuns. */
export const FAST_CHECK_DEFAULT_NUM_RUNS = 100;

/** One property found in the sources. */
export interface ScannedProperty {
  /** File path relative to the repository root. */
  readonly file: string;
  readonly name: string;
  /** The seed literal (a number), the expression text when not a literal, null when absent. */
  readonly seed: number | string | null;
  /** numRuns literal, expression text, or null when absent (fast-check's default 100 applies). */
  readonly numRuns: number | string | null;
}

function listPropFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out = out.concat(listPropFiles(p));
    else if (n.endsWith('.prop.ts')) out.push(p);
  }
  return out.sort();
}

/** Index of the parenthesis closing the one opened at `open` (skips strings and comments roughly). */
function matchParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const q = ch;
      for (i++; i < src.length && src[i] !== q; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function option(args: string, key: string): number | string | null {
  const m = new RegExp(`\\b${key}\\s*:\\s*([^,}\\n]+)`).exec(args);
  if (!m) {
    // shorthand `{ seed }` or `{ seed, numRuns }`
    if (new RegExp(`[{,]\\s*${key}\\s*[,}]`).test(args)) return key;
    return null;
  }
  const raw = m[1].trim();
  const n = Number(raw.replace(/_/g, ''));
  return Number.isFinite(n) && /^[\d_.eE+-]+$/.test(raw) ? n : raw;
}

/** Scan the property files under `root/properties`. */
export function scanProperties(root: string): ScannedProperty[] {
  const out: ScannedProperty[] = [];
  for (const file of listPropFiles(join(root, 'properties'))) {
    const src = readFileSync(file, 'utf8');
    const re = /\b(?:test|it)\.prop\s*\(/g;
    for (const m of src.matchAll(re)) {
      const open = (m.index ?? 0) + m[0].length - 1;
      const close = matchParen(src, open);
      if (close < 0) continue;
      const args = src.slice(open, close + 1);
      const after = /^\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/.exec(src.slice(close + 1));
      out.push({ file: relative(root, file), name: after ? after[2] : '(unnamed)', seed: option(args, 'seed'), numRuns: option(args, 'numRuns') });
    }
  }
  return out;
}
