/**
 * Meta test: proofs-notes/README.md's index stays linked to real files and ids. For each row
 * | id | note | module | property file | tests |:
 * - the id is kebab-case with a known prefix (lem-, thm-, cor-, def-, con-, alg-) and unique;
 * - the note exists and its front matter says `id: <id>`;
 * - the module exists and exports a constant whose value is the id as a string literal;
 * - the property file exists;
 * - every entry of the tests column (comma-separated paths or globs with * and **) matches a file.
 * And every note in proofs-notes/ with an `id:` in its front matter has a row. Each failure names the row.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

const INDEX = join(REPO_ROOT, 'proofs-notes/README.md');
const ID_RE = /^(lem|thm|cor|def|con|alg)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** One parsed index row. */
interface Row {
  readonly line: number;
  readonly text: string;
  readonly id: string;
  readonly note: string;
  readonly module: string;
  readonly property: string;
  readonly tests: string[];
}

/** A cell's path: the target of a markdown link if any, else the text without backticks. */
function cellPath(cell: string): string {
  const link = /\[[^\]]*\]\(([^)]+)\)/.exec(cell);
  return (link ? link[1] : cell).replace(/`/g, '').trim();
}

/** Parse the index table (the first table whose header starts with `| id |`). */
function parseIndex(text: string): Row[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\|\s*id\s*\|/.test(l));
  if (start < 0) throw new Error(`${INDEX}: no table with header "| id | note | module | property file | tests |"`);
  const rows: Row[] = [];
  for (let i = start + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
    const cells = lines[i]
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
    const [id = '', note = '', module = '', property = '', tests = ''] = cells;
    rows.push({
      line: i + 1,
      text: lines[i].trim(),
      id: id.replace(/`/g, '').trim(),
      note: cellPath(note),
      module: cellPath(module),
      property: cellPath(property),
      tests: tests
        .split(',')
        .map(cellPath)
        .filter((t) => t !== ''),
    });
  }
  return rows;
}

/** Resolve a path given relative to the repository root or to proofs-notes/. */
function resolvePath(p: string): string | null {
  for (const base of [REPO_ROOT, join(REPO_ROOT, 'proofs-notes')]) {
    const full = join(base, p);
    if (existsSync(full)) return full;
  }
  return null;
}

function walk(dir: string, out: string[]): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const full = join(dir, e);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Files (repo-relative) matching a glob with `*` (within a segment) and `**` (any depth). */
function globFiles(pattern: string): string[] {
  const segments = pattern.split('/');
  const firstWild = segments.findIndex((s) => s.includes('*'));
  const base = join(REPO_ROOT, ...segments.slice(0, firstWild));
  const re = new RegExp(
    '^' +
      pattern
        .split('**/')
        .map((part) =>
          part
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]*'),
        )
        .join('(?:.*/)?') +
      '$',
  );
  return walk(base, [])
    .map((f) => relative(REPO_ROOT, f))
    .filter((f) => re.test(f));
}

/** Front matter (between the first two `---` lines) as key → value. */
function frontMatter(text: string): Record<string, string> {
  const m = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!m) return {};
  const out: Record<string, string> = {};
  for (const l of m[1].split('\n')) {
    const i = l.indexOf(':');
    if (i > 0) out[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
  return out;
}

/** Every problem with one row (empty when the row is fine). */
function rowProblems(row: Row): string[] {
  const problems: string[] = [];
  if (!ID_RE.test(row.id)) problems.push(`id "${row.id}" must be kebab-case with a prefix lem-, thm-, cor-, def-, con- or alg-`);
  const note = resolvePath(row.note);
  if (!row.note || !note) problems.push(`note "${row.note}" does not exist`);
  else {
    const fm = frontMatter(readFileSync(note, 'utf8'));
    if (fm.id !== row.id) problems.push(`note ${row.note} front matter must have "id: ${row.id}" (got ${fm.id === undefined ? 'no id' : `"id: ${fm.id}"`})`);
  }
  const mod = resolvePath(row.module);
  if (!row.module || !mod) problems.push(`module "${row.module}" does not exist`);
  else {
    const src = readFileSync(mod, 'utf8');
    const esc = row.id.replace(/[-]/g, '\\-');
    if (!new RegExp(`export\\s+const\\s+[A-Za-z0-9_$]+\\s*(?::\\s*[^=]+)?=\\s*(['"\`])${esc}\\1`).test(src)) {
      problems.push(`module ${row.module} must export a constant equal to the string literal '${row.id}' (e.g. export const X_ID = '${row.id}';)`);
    }
  }
  if (!row.property || !resolvePath(row.property)) problems.push(`property file "${row.property}" does not exist`);
  if (row.tests.length === 0) problems.push('tests column is empty');
  for (const t of row.tests) {
    if (t.includes('*') ? globFiles(t).length === 0 : !resolvePath(t)) problems.push(`tests entry "${t}" matches no file`);
  }
  return problems;
}

const rows = parseIndex(readFileSync(INDEX, 'utf8'));

describe('proofs-notes/README.md index', () => {
  test('has rows', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  test('ids are unique', () => {
    const seen = new Map<string, number>();
    const dups: string[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) dups.push(`${r.id} (lines ${seen.get(r.id)} and ${r.line})`);
      seen.set(r.id, r.line);
    }
    expect(dups, `duplicate ids in ${INDEX}`).toEqual([]);
  });

  for (const row of rows) {
    test(`row ${row.id || `(line ${row.line})`}`, () => {
      const problems = rowProblems(row);
      if (problems.length > 0) throw new Error(`proofs-notes/README.md line ${row.line}: ${row.text}\n  - ${problems.join('\n  - ')}`);
    });
  }

  test('every note with an id in its front matter has an index row', () => {
    const indexed = new Set(rows.map((r) => r.id));
    const missing: string[] = [];
    for (const f of readdirSync(join(REPO_ROOT, 'proofs-notes'))) {
      if (!f.endsWith('.md') || f === 'README.md' || f === 'notation.md') continue;
      const id = frontMatter(readFileSync(join(REPO_ROOT, 'proofs-notes', f), 'utf8')).id;
      if (id && !indexed.has(id)) missing.push(`proofs-notes/${f} (id ${id})`);
    }
    expect(missing, 'notes missing from the index table in proofs-notes/README.md').toEqual([]);
  });
});

describe('the index checker rejects broken rows (mutation test)', () => {
  const good = rows.find((r) => r.id === 'lem-norm-chain');
  test('a correct row passes and each kind of breakage is reported', () => {
    expect(good).toBeDefined();
    const g = good!;
    expect(rowProblems(g)).toEqual([]);
    expect(rowProblems({ ...g, id: 'Norm_Chain' }).join()).toMatch(/kebab-case/);
    expect(rowProblems({ ...g, note: 'proofs-notes/nope.md' }).join()).toMatch(/note "proofs-notes\/nope.md" does not exist/);
    expect(rowProblems({ ...g, note: 'proofs-notes/lem-softmax-stability.md' }).join()).toMatch(/front matter must have "id: lem-norm-chain"/);
    expect(rowProblems({ ...g, module: 'src/core/softmax.ts' }).join()).toMatch(/must export a constant equal to the string literal 'lem-norm-chain'/);
    expect(rowProblems({ ...g, property: 'properties/nope.prop.ts' }).join()).toMatch(/property file/);
    expect(rowProblems({ ...g, tests: ['test/nope/*.test.ts'] }).join()).toMatch(/matches no file/);
  });
  test('globs: * stays within a segment, ** spans directories', () => {
    expect(globFiles('test/core/*.test.ts')).toContain('test/core/norms.test.ts');
    expect(globFiles('test/*.test.ts')).not.toContain('test/core/norms.test.ts');
    expect(globFiles('test/**/norms.test.ts')).toContain('test/core/norms.test.ts');
  });
});
