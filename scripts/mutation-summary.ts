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
/**
 * `file:line:col mutator` keys of the mutants the notes argue (lines of the form "- `key`: why"): equivalent,
 * or, under a `##` heading that says "not equivalent", accepted (below a stated tolerance, or different only
 * outside the callers' domain). Equivalent mutants leave the score's denominator, as in Stryker; accepted ones
 * stay in it, as not killed.
 */
const argued = new Map<string, 'equivalent' | 'accepted'>();
for (const note of EQUIVALENT_NOTES.filter(existsSync)) {
  let kind: 'equivalent' | 'accepted' = 'equivalent';
  for (const line of readFileSync(note, 'utf8').split('\n')) {
    if (line.startsWith('## ')) kind = /not equivalent/i.test(line) ? 'accepted' : 'equivalent';
    const m = /^- `([^`]+:\d+:\d+ [A-Za-z]+)`/.exec(line);
    // One key can name two mutants (same place and mutator, other replacement): accepted wins over equivalent.
    if (m && argued.get(m[1]) !== 'accepted') argued.set(m[1], kind);
  }
}

type Tally = { detected: number; undetected: number; equivalent: number; accepted: number; errors: number };
const tallies = new Map<string, Tally>();
const open: string[] = [];
const usedArguments = new Set<string>();
const tally = (k: string) => {
  const t = tallies.get(k) ?? { detected: 0, undetected: 0, equivalent: 0, accepted: 0, errors: 0 };
  tallies.set(k, t);
  return t;
};

for (const [abs, file] of Object.entries(report.files)) {
  const name = relative(process.cwd(), abs).split('\\').join('/');
  const folder = name.split('/').slice(0, 2).join('/');
  const lines = file.source.split('\n');
  for (const m of file.mutants) {
    const key = `${name}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`;
    const kind = UNDETECTED.has(m.status) ? argued.get(key) : undefined;
    if (kind) usedArguments.add(key);
    for (const t of [tally(folder), tally('all')]) {
      if (DETECTED.has(m.status)) t.detected++;
      else if (kind) t[kind]++;
      else if (UNDETECTED.has(m.status)) t.undetected++;
      else if (ERRORS.has(m.status)) t.errors++;
    }
    if (UNDETECTED.has(m.status) && !kind) {
      const l = m.location.start;
      const original = lines[l.line - 1]?.trim().slice(0, 100) ?? '';
      open.push(`${key} [${m.status}]: ${original}  ->  ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
    }
  }
}

/** Stryker's score: detected over every scored mutant but the equivalent ones (accepted count as not killed). */
const score = (t: Tally) => (100 * t.detected) / (t.detected + t.undetected + t.accepted);
/** Without any argument: detected over every scored mutant. */
const raw = (t: Tally) => (100 * t.detected) / (t.detected + t.undetected + t.accepted + t.equivalent);
const rows = [...tallies.entries()].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
if (args.includes('--json')) {
  console.log(
    JSON.stringify({
      report: REPORT,
      folders: Object.fromEntries(rows.map(([k, t]) => [k, { ...t, score: score(t), rawScore: raw(t) }])),
      undetected: open,
      unusedArguments: [...argued.keys()].filter((k) => !usedArguments.has(k)),
    }),
  );
} else {
  console.log('folder              score  raw score  detected  undetected  equivalent  accepted  errors');
  for (const [k, t] of rows)
    console.log(
      `${k.padEnd(18)} ${score(t).toFixed(2).padStart(6)}%  ${raw(t).toFixed(2).padStart(8)}%  ${String(t.detected).padStart(8)}  ${String(t.undetected).padStart(10)}  ${String(t.equivalent).padStart(10)}  ${String(t.accepted).padStart(8)}  ${String(t.errors).padStart(6)}`,
    );
  console.log('score: detected / (all − equivalent); raw score: detected / all (no argument taken).');
  console.log(`${argued.size - usedArguments.size} of ${argued.size} argued entries match no undetected mutant of this report (killed now, or written ahead for a mutant that timed out).`);
  console.log(`\n${open.length} undetected mutants (not argued in ${EQUIVALENT_NOTES.join(', ')}):`);
  for (const l of open) console.log(l);
}
