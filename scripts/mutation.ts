/**
 * `npm run mutation`: StrykerJS over src/bounds, src/constructions and src/model (stryker.config.json's
 * `mutate`), one Stryker run per group of source files, each with its own test filter.
 *
 * Why groups: with one run and Stryker's per-test coverage, a mutant in a module every bound passes
 * through (baselines.ts, cover-parts.ts) runs every test that evaluates a bound, instrumented (20-40x
 * slower): about 30 s per mutant, days in all. A module's mutants are meant to be killed by the tests
 * written for it, so the filter of a source file is the test files of the mutation suite
 * (vitest.mutation.config.ts) that import it directly, or, for a file no test imports (a module reached
 * only through another), the test files that import its importers. Files with the same filter share a run.
 * Within a run Stryker still runs, per mutant, only the filter's tests that cover it.
 *
 * Each group writes reports/mutation/groups/<n>.json (and keeps an incremental file, so a rerun tests only
 * the mutants whose source or tests changed); the merged report is reports/mutation/mutation.json and
 * scripts/mutation-summary.ts prints the score.
 * Several `--only` runs may go at once (each group has its own sandbox directory, and the merge is atomic);
 * `--merge` only rewrites the merged report from the group reports on disk and prints the summary.
 * `--retest-timeouts` runs again, in the groups that have any, only the mutants an earlier run recorded as
 * Timeout (Stryker counts them as detected; on a loaded machine a slow mutant can time out without looping):
 * it removes them from the group's incremental file, so Stryker reuses every other result.
 * Run: npm run mutation [-- --only src/bounds] [-- --list] [-- --fresh] [-- --merge] [-- --retest-timeouts]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import mutationConfig from '../vitest.mutation.config.js';
import { DETECTED, UNDETECTED } from './mutation-status.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`--${name} needs a value (got ${v === undefined ? 'nothing' : v})`);
  return v;
};
function fail(msg: string): never {
  console.error(`mutation: ${msg}`);
  process.exit(2);
}
const known = new Set(['--only', '--list', '--fresh', '--merge', '--retest-timeouts']);
for (const a of args) if (a.startsWith('--') && !known.has(a)) fail(`unknown flag ${a} (flags: ${[...known].join(', ')})`);

const OUT = 'reports/mutation';
const base = JSON.parse(readFileSync('stryker.config.json', 'utf8')) as Record<string, unknown> & { mutate: string[] };

/** Every file matching the include globs and none of the `!` globs (Node 20: no fs.glob, so a walk). */
function expand(globs: readonly string[], roots: readonly string[]): string[] {
  const toRe = (g: string) =>
    new RegExp(
      `^${g
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '@@')
        .replace(/\*/g, '[^/]*')
        .replace(/@@/g, '(?:.*/)?')}$`,
    );
  const inc = globs.filter((g) => !g.startsWith('!')).map(toRe);
  const exc = globs.filter((g) => g.startsWith('!')).map((g) => toRe(g.slice(1)));
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name).split('\\').join('/');
      if (e.isDirectory()) walk(p);
      else if (inc.some((r) => r.test(p)) && !exc.some((r) => r.test(p))) out.push(p);
    }
  };
  for (const r of roots) if (existsSync(r)) walk(r);
  return out.sort();
}

/** The mutation suite's test files: vitest.mutation.config.ts's include minus its exclude. */
function suiteFiles(): string[] {
  const { include = [], exclude = [] } = mutationConfig.test ?? {};
  return expand([...include, ...exclude.map((g) => `!${g}`)], ['properties', 'test']);
}

/** Relative imports of a TypeScript file, as repository paths of .ts files. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/from '(\.[^']+)'/g)].map((m) =>
    normalize(join(dirname(file), m[1]))
      .split('\\')
      .join('/')
      .replace(/\.js$/, '.ts'),
  );
}

const sources = expand(base.mutate, ['src']);
const only = value('only');
const selected = only ? sources.filter((f) => f.startsWith(only)) : sources;
if (selected.length === 0) fail(`--only ${only} matches no file of stryker.config.json's mutate`);
const tests = suiteFiles();
const importers = new Map<string, Set<string>>();
for (const t of tests) for (const dep of importsOf(t)) (importers.get(dep) ?? importers.set(dep, new Set()).get(dep))?.add(t);
// Every other TypeScript file (src modules, test helpers, arbitraries) as a step of the upward search.
const suite = new Set(tests);
const srcImporters = new Map<string, string[]>();
for (const s of expand(['**/*.ts'], ['src', 'properties', 'test']).filter((f) => !suite.has(f))) for (const dep of importsOf(s)) (srcImporters.get(dep) ?? srcImporters.set(dep, []).get(dep))?.push(s);

/**
 * The filter of a source file: the suite's test files that import it, else those that import a file importing
 * it (a src module, a helper), nearest level first.
 */
function filterOf(file: string): string[] {
  let frontier = [file];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    const found = new Set(frontier.flatMap((f) => [...(importers.get(f) ?? [])]));
    if (found.size > 0) return [...found].sort();
    frontier = frontier.flatMap((f) => srcImporters.get(f) ?? []).filter((f) => !seen.has(f) && seen.add(f));
  }
  return [];
}

/**
 * Tests added to the filter of every file of a layer: the published figures, computed through the layer's
 * entry point (api.ts), so no import rule finds them, yet every module of the chain moves them.
 */
const LAYER_TESTS: Record<string, string[]> = {
  'src/bounds/': ['test/bounds/quoted-figures.test.ts', 'test/bounds/baseline-figures.test.ts'],
};
const groups = new Map<string, { files: string[]; tests: string[] }>();
for (const f of selected) {
  const extra = Object.entries(LAYER_TESTS).flatMap(([prefix, ts]) => (f.startsWith(prefix) ? ts.filter((t) => suite.has(t)) : []));
  const t = [...new Set([...filterOf(f), ...extra])].sort();
  const key = t.join(',');
  (groups.get(key) ?? groups.set(key, { files: [], tests: t }).get(key))?.files.push(f);
}
const list = [...groups.values()];
if (flag('list')) {
  for (const [i, g] of list.entries()) console.log(`group ${i + 1}: ${g.files.join(' ')}\n  tests: ${g.tests.join(' ') || '(none: its mutants count as not covered)'}`);
  process.exit(0);
}

if (flag('fresh')) rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'groups'), { recursive: true });
const started = Date.now();
type GroupReport = { files: Record<string, { mutants: { status: string }[] }> };
/**
 * reports/mutation/mutation.json: the union of every group report on disk (this run's and earlier runs' of
 * other groups, e.g. after --only), restricted to the files stryker.config.json mutates today.
 */
function writeMerged(): void {
  const files: Record<string, unknown> = {};
  const dir = join(OUT, 'groups');
  const wanted = new Set(sources);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.endsWith('.incremental.json') && !n.endsWith('.config.json'))) {
    const rep = readGroupReport(join(dir, f));
    for (const [abs, file] of Object.entries(rep.files)) {
      const rel = abs.startsWith('/') ? abs.slice(process.cwd().length + 1) : abs;
      if (wanted.has(rel)) files[rel] = file;
    }
  }
  // Atomic: another group's run (a concurrent --only) may read or write it at the same time.
  const tmp = join(OUT, `mutation.json.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ schemaVersion: '1', thresholds: base.thresholds, files }));
  renameSync(tmp, join(OUT, 'mutation.json'));
}
/** A group report, read again after a pause if a concurrent run is still writing it (it does not parse yet). */
function readGroupReport(file: string): GroupReport {
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as GroupReport;
    } catch (e) {
      if (attempt >= 10) fail(`group report ${file} does not parse (${(e as Error).message})`);
      execFileSync('sleep', ['1']);
    }
  }
}
/** Removes the Timeout mutants from a group's incremental file; false when it has none (or no such file). */
function dropTimeouts(incrementalFile: string): boolean {
  if (!existsSync(incrementalFile)) return false;
  const inc = JSON.parse(readFileSync(incrementalFile, 'utf8')) as { files: Record<string, { mutants: { status: string }[] }> };
  let dropped = 0;
  for (const f of Object.values(inc.files)) {
    const kept = f.mutants.filter((m) => m.status !== 'Timeout');
    dropped += f.mutants.length - kept.length;
    f.mutants = kept;
  }
  if (dropped > 0) writeFileSync(incrementalFile, JSON.stringify(inc));
  return dropped > 0;
}
const summarize = () => execFileSync('npx', ['tsx', 'scripts/mutation-summary.ts', '--report', join(OUT, 'mutation.json')], { stdio: 'inherit' });
if (flag('merge')) {
  writeMerged();
  summarize();
  process.exit(0);
}
for (const [i, g] of list.entries()) {
  const id = g.files
    .map((f) => f.replace(/^src\//, '').replace(/\.ts$/, ''))
    .join('+')
    .replace(/[^A-Za-z0-9+-]/g, '_')
    .slice(0, 80);
  const config = {
    ...base,
    mutate: g.files,
    testFiles: g.tests.length > 0 ? g.tests : undefined,
    incrementalFile: join(OUT, 'groups', `${id}.incremental.json`),
    reporters: ['json', 'clear-text'],
    jsonReporter: { fileName: join(OUT, 'groups', `${id}.json`) },
    tempDirName: join('.stryker-tmp', id),
    cleanTempDir: 'always',
  };
  if (flag('retest-timeouts') && !dropTimeouts(config.incrementalFile)) continue;
  const cfgFile = join(OUT, 'groups', `${id}.config.json`);
  writeFileSync(cfgFile, JSON.stringify(config, null, 2));
  const t0 = Date.now();
  process.stdout.write(`[${i + 1}/${list.length}] ${g.files.join(' ')} (${g.tests.length} test files) ... `);
  if (g.tests.length === 0) {
    console.log('no test imports it: skipped (its mutants are not covered)');
    continue;
  }
  const stryker = () => spawnSync('npx', ['stryker', 'run', cfgFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let r = stryker();
  // Side-by-side runs: another group's sandbox can vanish while this one lists the tree at start-up (seen once).
  if (r.status !== 0 && /ENOENT[^\n]*\.stryker-tmp/.test(`${r.stdout}${r.stderr}`)) r = stryker();
  writeFileSync(join(OUT, 'groups', `${id}.log`), `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0) fail(`stryker failed on group ${i + 1} (${g.files.join(' ')}), status ${r.status}: see ${join(OUT, 'groups', `${id}.log`)}`);
  const rep = JSON.parse(readFileSync(config.jsonReporter.fileName, 'utf8')) as GroupReport;
  const ms = Object.values(rep.files).flatMap((f) => f.mutants);
  const det = ms.filter((m) => DETECTED.has(m.status)).length;
  const und = ms.filter((m) => UNDETECTED.has(m.status)).length;
  console.log(`${ms.length} mutants, ${det} detected, ${und} undetected, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // Written after every group, so a stopped run still has a report of the groups it finished.
  writeMerged();
}
console.log(`\nall groups: ${((Date.now() - started) / 60000).toFixed(1)} min wall; merged report ${join(OUT, 'mutation.json')}\n`);
summarize();
