/**
 * No dangling references (issue 12): every repository path that README.md, CLAIMS.md, CONTRIBUTING.md,
 * docs/ and the report's own text (src/report/**) name, and every relative Markdown link there, is a
 * file or folder of the repository; the paper digest (DIGEST.md), which lives outside the repository,
 * may only be cited by its path ../shared/paper/DIGEST.md together with the words "not shipped".
 * A mutant line with a missing path or a bare "DIGEST §5" is rejected.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, normalize, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

/** Top-level folders whose paths the scanned text may name. */
const ROOTS = ['proofs-notes', 'docs', 'src', 'scripts', 'bench', 'examples', 'properties', 'test', 'assets'];
const PATH = new RegExp(`(?<![\\w./-])(?:${ROOTS.join('|')})/[\\w./*{},-]*[\\w/*}]`, 'g');
const TOP_FILES = /(?<![\w./-])(?:README|CLAIMS|CONTRIBUTING|CHANGELOG|LICENSE)\.md\b/g;

/** The files scanned, relative to the repository root. */
function scanned(root: string): string[] {
  const out = ['README.md', 'CLAIMS.md', 'CONTRIBUTING.md'].filter((f) => existsSync(join(root, f)));
  const walk = (dir: string, ext: RegExp) => {
    for (const n of readdirSync(join(root, dir)).sort()) {
      const p = join(dir, n);
      if (statSync(join(root, p)).isDirectory()) walk(p, ext);
      else if (ext.test(n)) out.push(p);
    }
  };
  walk('docs', /\.md$/);
  walk('src/report', /\.ts$/);
  return out;
}

/**
 * The dangling references of one text: missing paths, broken relative links (resolved from `dir`),
 * digest citations that are not honest. `exists` answers for repository-relative paths.
 */
function danglingReferences(text: string, exists: (path: string) => boolean, dir = '.'): string[] {
  const bad: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(PATH)) {
      const p = m[0].replace(/[.]+$/, '').replace(/\/$/, '');
      if (/[*{}<>$]/.test(p) || p.includes('…')) continue; // globs and templates name no single file
      if (!exists(p)) bad.push(p);
    }
    for (const m of line.matchAll(TOP_FILES)) if (!exists(m[0])) bad.push(m[0]);
    for (const m of line.matchAll(/\]\(((?!https?:|#|mailto:)[^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (target === '' || /[$*{}]/.test(target) || /^(plots|tables|katex)\//.test(target)) continue; // the report's own files, templates
      if (!exists(normalize(join(dir, target)))) bad.push(target);
    }
    if (/\bDIGEST\b/.test(line) && !(line.includes('../shared/paper/DIGEST.md') && /not shipped/.test(line))) bad.push(`DIGEST (not in the repository): ${line.trim().slice(0, 80)}`);
  }
  return bad;
}

describe('references to files', () => {
  /** A path of the repository, or an output a command writes to an ignored path (e.g. a sweep's .db). */
  const exists = (p: string) => {
    if (existsSync(join(REPO_ROOT, p))) return true;
    try {
      execFileSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: REPO_ROOT, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };

  test('README, CLAIMS, CONTRIBUTING, docs/ and the report text name only files of the repository', () => {
    const files = scanned(REPO_ROOT);
    expect(files).toContain('README.md');
    expect(files.some((f) => f.startsWith('src/report/sections/'))).toBe(true);
    const bad = files.flatMap((f) => danglingReferences(readFileSync(join(REPO_ROOT, f), 'utf8'), exists, dirname(f)).map((b) => `${relative('.', f)}: ${b}`));
    expect(bad).toEqual([]);
  });

  test('the check rejects a missing path, a broken link and a bare digest citation, and accepts an honest one', () => {
    expect(danglingReferences('see proofs-notes/no-such-note.md', exists)).toEqual(['proofs-notes/no-such-note.md']);
    expect(danglingReferences('see [the notes](proofs-notes/nothing.md)', exists)).toContain('proofs-notes/nothing.md');
    expect(danglingReferences('protocol ours (DIGEST §5)', exists)).toHaveLength(1);
    expect(danglingReferences('see proofs-notes/alg-sample-complexity.md and [it](CLAIMS.md)', exists)).toEqual([]);
    expect(danglingReferences('the paper digest ../shared/paper/DIGEST.md (not shipped with the repository)', exists)).toEqual([]);
    expect(danglingReferences('every properties/**/*.prop.ts file', exists)).toEqual([]);
  });
});
