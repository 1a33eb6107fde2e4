/**
 * What a property file pays at import for its `test.prop`: @fast-check/vitest 0.5.0 against our
 * test/helpers/fc-test.ts, each in a fresh node process after vitest and fast-check are loaded (the
 * baseline, measured in the same run). Figures are medians over REPS processes of the import alone.
 * This is why the repository's property files use the helper (see its header).
 * Run: npx tsx bench/fc-vitest-import.ts [--reps 7]. Last line: JSON.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const i = process.argv.indexOf('--reps');
const REPS = i >= 0 ? Number(process.argv[i + 1]) : 7;
if (!Number.isInteger(REPS) || REPS < 1) throw new Error(`bench/fc-vitest-import: --reps must be an integer >= 1 (got ${process.argv[i + 1]})`);

const SUBJECTS = { '@fast-check/vitest': '@fast-check/vitest', 'test/helpers/fc-test.ts': './test/helpers/fc-test.ts' } as const;

/** Milliseconds to import `specifier` in a new process that has already loaded vitest and fast-check. */
function importMs(specifier: string): number {
  const script = `await import('vitest'); await import('fast-check'); const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return Number(out.trim().split('\n').pop());
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(SUBJECTS).map((k) => [k, []]));
for (let r = 0; r < REPS; r++) for (const [name, spec] of Object.entries(SUBJECTS)) times[name].push(importMs(spec));
const result = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(26)} import ${v.toFixed(1)} ms (median of ${REPS})`);
const ratio = result['@fast-check/vitest'] / result['test/helpers/fc-test.ts'];
console.log(`ratio @fast-check/vitest / helper: ${ratio.toFixed(0)}x`);
console.log(JSON.stringify({ reps: REPS, medianMs: result, ratio }));
