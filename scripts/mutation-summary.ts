/**
 * Summarize a StrykerJS JSON report (mutation-testing-report-schema, written by `npm run mutation` to
 * reports/mutation/mutation.json): the score per source folder (src/bounds, src/constructions, src/model)
 * and in all, with Stryker's definition (killed + timeout) / (all − ignored − compile errors), and every
 * surviving or uncovered mutant as `file:line:col mutator: original -> replacement`.
 * Mutants listed in proofs-notes/mutation-equivalent.md or its parts proofs-notes/mutation-equivalent-<area>.md
 * (by file:line:col and mutator) are shown as
 * equivalent and counted apart, never as killed.
 * Run: npx tsx scripts/mutation-summary.ts [--report reports/mutation/mutation.json] [--json]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { DETECTED, ERRORS, UNDETECTED } from './mutation-status.js';

const args = process.argv.slice(2);
const at = args.indexOf('--report');
const REPORT = at >= 0 ? args[at + 1] : 'reports/mutation/mutation.json';
const EQUIVALENT_NOTE = 'proofs-notes/mutation-equivalent.md';
/** The note, and its parts per area (proofs-notes/mutation-equivalent-<area>.md), with the same line form. */
const EQUIVALENT_NOTES = [
  EQUIVALENT_NOTE,
  ...readdirSync('proofs-notes')
    .filter((f) => /^mutation-equivalent-[a-z0-9-]+\.md$/.test(f))
    .map((f) => `proofs-notes/${f}`),
];
if (!existsSync(REPORT)) {
  console.error(`mutation-summary: --report ${REPORT} does not exist (run npm run mutation first)`);
  process.exit(2);
}

interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}
interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>;
}

// `| head` closes the pipe early: stop quietly, as the CLI does.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));

const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;
/** `file:line:col mutator` keys of the mutants the note argues equivalent (lines of the form "- `key`: why"). */
const equivalent = new Set(EQUIVALENT_NOTES.filter(existsSync).flatMap((n) => [...readFileSync(n, 'utf8').matchAll(/^- `([^`]+:\d+:\d+ [A-Za-z]+)`/gm)].map((m) => m[1])));

type Tally = { detected: number; undetected: number; equivalent: number; errors: number };
const tallies = new Map<string, Tally>();
const open: string[] = [];
const tally = (k: string) => {
  const t = tallies.get(k) ?? { detected: 0, undetected: 0, equivalent: 0, errors: 0 };
  tallies.set(k, t);
  return t;
};

for (const [abs, file] of Object.entries(report.files)) {
  const name = relative(process.cwd(), abs).split('\\').join('/');
  const folder = name.split('/').slice(0, 2).join('/');
  const lines = file.source.split('\n');
  for (const m of file.mutants) {
    const key = `${name}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`;
    for (const t of [tally(folder), tally('all')]) {
      if (DETECTED.has(m.status)) t.detected++;
      else if (UNDETECTED.has(m.status)) equivalent.has(key) ? t.equivalent++ : t.undetected++;
      else if (ERRORS.has(m.status)) t.errors++;
    }
    if (UNDETECTED.has(m.status) && !equivalent.has(key)) {
      const l = m.location.start;
      const original = lines[l.line - 1]?.trim().slice(0, 100) ?? '';
      open.push(`${key} [${m.status}]: ${original}  ->  ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
    }
  }
}

/** Stryker's score: detected / (detected + undetected), equivalent mutants left out of both. */
const score = (t: Tally) => (100 * t.detected) / (t.detected + t.undetected);
const rows = [...tallies.entries()].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
if (args.includes('--json')) {
  console.log(JSON.stringify({ report: REPORT, folders: Object.fromEntries(rows.map(([k, t]) => [k, { ...t, score: score(t) }])), undetected: open }));
} else {
  console.log('folder              score   detected  undetected  argued      errors');
  for (const [k, t] of rows)
    console.log(
      `${k.padEnd(18)} ${score(t).toFixed(2).padStart(6)}%  ${String(t.detected).padStart(8)}  ${String(t.undetected).padStart(10)}  ${String(t.equivalent).padStart(10)}  ${String(t.errors).padStart(6)}`,
    );
  console.log(`\n${open.length} undetected mutants (not argued equivalent or accepted in ${EQUIVALENT_NOTES.join(', ')}):`);
  for (const l of open) console.log(l);
}
