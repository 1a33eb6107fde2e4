/**
 * Section 4, Checks: what the property suites are configured to run (a static scan of
 * properties/**\/*.prop.ts: properties, cases per property, fixed seeds) and the worst ratios
 * actual/bound found by the adversarial searches run during this report (stored runs of kind
 * 'adversarial'). The scan says what `npm test` runs; it is not itself a test result.
 */
import type { SqliteRunStore } from '../../experiments/store/sqlite-store.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAST_CHECK_DEFAULT_NUM_RUNS, scanProperties, type ScannedProperty } from '../property-scan.js';
import type { ReportSection, ReportTable, SummaryLine } from '../types.js';
import { formatVsLimit } from '../format.js';

/** Result stored for one adversarial search (kind 'adversarial'). */
export interface AdversarialResult {
  /** Id of the inequality searched (a bounds note id). */
  readonly id: string;
  /** Largest actual/bound ratio found (≤ 1 means the inequality held on every point tried). */
  readonly worstRatio: number;
  /** Points evaluated. */
  readonly evaluations: number;
  readonly seed: number;
  readonly description?: string;
}

const TITLE = '4. Checks';

const SUITES_CLAIM = 'Every property suite replays the same cases on every run, so each check in `npm test` is reproducible.';
const SUITES_CRITERION = 'every test.prop / it.prop call under properties/ names a fixed seed (static scan of the sources)';

function runsOf(p: ScannedProperty): number | null {
  if (p.numRuns === null) return FAST_CHECK_DEFAULT_NUM_RUNS;
  return typeof p.numRuns === 'number' ? p.numRuns : null;
}

/** Build the Checks section from the repository's property files and the store's adversarial runs. */
export function checksSection(store: SqliteRunStore, repoRoot: string): ReportSection {
  const props = scanProperties(repoRoot);
  const files = new Map<string, ScannedProperty[]>();
  for (const p of props) files.set(p.file, [...(files.get(p.file) ?? []), p]);
  const fileRows = [...files.entries()].map(([file, ps]) => {
    const known = ps.map(runsOf);
    const cases = known.every((x) => x !== null) ? known.reduce((a: number, b) => a + (b as number), 0) : null;
    const seeds = ps.map((p) => (p.seed === null ? 'none' : String(p.seed)));
    return [file, ps.length, cases, [...new Set(seeds)].join(' ')] as const;
  });
  const totalCases = props.reduce((a, p) => a + (runsOf(p) ?? 0), 0);
  const unseeded = props.filter((p) => p.seed === null).length;
  const nonLiteral = props.filter((p) => typeof p.numRuns === 'string').length;
  const tables: ReportTable[] = [
    {
      id: 'checks-properties',
      title: 'Property suites (static scan of properties/**/*.prop.ts)',
      columns: ['file', 'properties', 'cases per run', 'seeds'],
      rows: fileRows.map((r) => [...r]),
      note: `cases = sum of numRuns (fast-check's default ${FAST_CHECK_DEFAULT_NUM_RUNS} where none is given; "–" where numRuns is an expression). Every seed is fixed, so each run of \`npm test\` replays the same cases.`,
    },
  ];
  const adv = store
    .runs('adversarial')
    .map((r) => r.result as AdversarialResult)
    .sort((a, b) => a.id.localeCompare(b.id) || a.seed - b.seed);
  if (adv.length > 0) {
    tables.push({
      id: 'checks-adversarial',
      title: 'Adversarial searches run for this report (worst actual/bound)',
      columns: ['inequality', 'ratio', 'worst ratio', 'evaluations', 'seed', 'holds'],
      rows: adv.map((a) => [a.id, a.description ?? '', a.worstRatio, a.evaluations, a.seed, a.worstRatio <= 1]),
      note: "Re-run live for this report with the bounds' own search code (src/bounds/checks/, seeded local search maximizing actual/bound); a ratio above 1 would be a counterexample. bench/bounds-adversarial.ts runs the same searches with 10x the budget.",
    });
  }
  // The suites live in the repository, not in the installed package: say so rather than "0 of 0 pass".
  const suitesPresent = existsSync(join(repoRoot, 'properties'));
  const summary: SummaryLine[] = [
    suitesPresent
      ? {
          section: TITLE,
          check: 'property suites',
          value: `${props.length} properties in ${files.size} files, ${totalCases} cases, ${unseeded} unseeded`,
          verdict: unseeded === 0 ? 'pass' : 'fail',
          claim: SUITES_CLAIM,
          criterion: SUITES_CRITERION,
        }
      : {
          section: TITLE,
          check: 'property suites',
          value: 'not scanned: properties/ ships with the repository, not with the installed package',
          verdict: 'n/a',
          claim: SUITES_CLAIM,
          criterion: SUITES_CRITERION,
        },
  ];
  if (adv.length > 0) {
    const worst = Math.max(...adv.map((a) => a.worstRatio));
    summary.push({
      section: TITLE,
      check: 'adversarial worst actual/bound',
      value: `worst actual/bound ${formatVsLimit(worst, 1)} over ${adv.length} searches, ${adv.reduce((n, a) => n + a.evaluations, 0)} points evaluated`,
      verdict: worst <= 1 ? 'pass' : 'fail',
      claim: "No input found by a seeded adversarial search violates one of the bounds' inequalities (actual ≤ bound).",
      criterion: 'the largest ratio actual/bound found by every search of src/bounds/checks is ≤ 1',
    });
  }
  const paragraphs = [
    suitesPresent
      ? `The property suites hold ${props.length} properties in ${files.size} files; one \`npm test\` run checks ${totalCases} generated cases` +
        (nonLiteral ? ` (plus ${nonLiteral} properties whose numRuns is an expression)` : '') +
        `. ${unseeded === 0 ? 'Every property has a fixed seed' : `${unseeded} properties have no fixed seed`}, so a failure replays exactly.`
      : 'The property suites were not scanned: they ship with the repository (properties/), not with the installed package.',
    adv.length > 0
      ? `${adv.length} adversarial searches ran for this report; the worst ratio actual/bound seen is ${formatVsLimit(Math.max(...adv.map((a) => a.worstRatio)), 1)}${Math.max(...adv.map((a) => a.worstRatio)) <= 1 ? ' (≤ 1: every inequality held on every point tried)' : ' (above 1: a counterexample, see the table)'}.`
      : 'No adversarial search ran for this report (none stored).',
  ];
  return { id: 'checks', title: TITLE, available: true, paragraphs, tables, plots: [], summary };
}
