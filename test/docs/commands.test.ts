/**
 * Every command of the ```sh / ```bash blocks of README.md and docs/*.md (issue 12 item 5), as printed:
 *
 * - RUN: run from the repository root through bash, `npx attn-theory` being the compiled binary
 *   (`node dist/cli/main.js`); the exit status must be 0 unless the table says otherwise (with the doc
 *   text that says so), and the output must contain what the docs quote beside the command. A quote is
 *   read from the docs at test time (the command's own `# comment`, or a regex on the paragraph), so the
 *   docs and the test cannot drift: an edited number only needs the command to still produce it.
 * - SERVE: a server (`serve`, `explore`) is started, must print its address (port swapped for `--port 0`,
 *   so no fixed port can collide) and answer HTTP, then is stopped with SIGTERM. The README's `serve` line
 *   is the one server the curl and Python lines talk to (their `http://127.0.0.1:8765` swapped for it).
 * - LONG: too long (or too invasive) to run here, listed with the reason and the test, script or bench that
 *   exercises it; its flags are still checked: `npx attn-theory ...` lines are parsed by the command's own
 *   commander definition (dist/cli/commands/*.js, stopped by a preAction hook before the action runs:
 *   unknown flags, missing arguments and excess arguments fail), commands with a budget run with a tiny one
 *   (train, sample-complexity), scripts with a strict flag parser run with `--dry-run`, npm lines must name
 *   existing scripts and packages.
 *
 * A command in the docs that is in none of these fails the test (a new README command must be classified
 * here), and so does a table entry no doc contains. Nothing may dirty the work tree: `git status
 * --porcelain` is the same before and after, and every `--out`, `--db`, `--save-model` or `>` path of any
 * command is under /tmp/ or ignored by git. Slurm scripts: only their `npx attn-theory` lines are checked
 * (parsed, with the environment the `#SBATCH` lines give the first array task).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI_BIN, REPO_ROOT } from '../helpers/cli.js';
import { type DocCommand, extractCommands } from '../helpers/doc-commands.js';

const read = (p: string): string => readFileSync(join(REPO_ROOT, p), 'utf8');
const DOC_FILES = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const DOCS: Record<string, string> = Object.fromEntries(DOC_FILES.map((f) => [f, read(f)]));
const ALL: DocCommand[] = DOC_FILES.flatMap((f) => extractCommands(DOCS[f] as string, f));
/** The commands that must be classified: all but the non-toolkit lines of a Slurm script (`cd ...`). */
const COMMANDS = ALL.filter((c) => c.system === 'shell' || c.command.startsWith('npx attn-theory '));
/** Where the README's curl and Python lines expect the service. */
const DOC_SERVICE = 'http://127.0.0.1:8765';

/** Outcome of one command. */
interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** For a server: the address it printed. */
  readonly url?: string;
}

/**
 * A figure or phrase the docs quote beside a command: `quote` must match in `file` (so the doc text is
 * still there), and `check` gets the match and the run and returns what is wrong ('' if nothing).
 */
interface Quoted {
  readonly file: string;
  readonly quote: RegExp;
  readonly check: (m: RegExpExecArray, r: RunResult, c: DocCommand) => string;
}

/** How a LONG command's flags are still checked. */
type Validation =
  | { readonly how: 'parse' }
  | { readonly how: 'budget'; readonly append: readonly string[]; readonly freshOut?: boolean }
  | { readonly how: 'dry-run' }
  | { readonly how: 'usage-flags'; readonly script: string }
  | { readonly how: 'npm'; readonly scripts?: readonly string[]; readonly packages?: readonly string[] }
  | { readonly how: 'exists'; readonly file: string };

type Entry =
  | {
      readonly kind: 'run';
      /** Expected exit status when not 0, and the doc text that gives it. */
      readonly exit?: { readonly code: number | ((r: RunResult) => number); readonly file: string; readonly quote: RegExp };
      readonly quoted?: readonly Quoted[];
      /** Needs the shared `serve` (its doc address is swapped for the real one). */
      readonly service?: boolean;
      /** External programs it needs (the test is skipped, with the reason, when one is missing). */
      readonly needs?: readonly string[];
    }
  | { readonly kind: 'serve'; readonly quoted?: readonly Quoted[]; readonly probe: string }
  | { readonly kind: 'long'; readonly reason: string; readonly exercisedBy: readonly string[]; readonly validate: Validation };

const out = (r: RunResult): string => `${r.stdout}${r.stderr}`;
const missing = (r: RunResult, needle: string): string => (out(r).includes(needle) ? '' : `output lacks ${JSON.stringify(needle)}`);
/** The command's `# comment` in `file` is its output, `...` or `[...]` standing for elided text. */
const commentIsOutput = (file: string): Quoted => ({
  file,
  quote: /[\s\S]*/,
  check: (_m, r, c) => {
    const comment = ALL.find((x) => x.file === file && x.command === c.command)?.comment ?? '';
    const pieces = comment
      .split(/\s*\[?\.\.\.\]?\s*/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (pieces.length === 0) return 'the comment quotes nothing';
    let at = 0;
    for (const p of pieces) {
      const i = out(r).indexOf(p, at);
      if (i < 0) return `output lacks ${JSON.stringify(p)} (after offset ${at}) quoted in the comment`;
      at = i + p.length;
    }
    return '';
  },
});
const json = (r: RunResult): Record<string, unknown> => JSON.parse(r.stdout) as Record<string, unknown>;
const num = (re: RegExp, s: string): number => Number(re.exec(s)?.[1] ?? Number.NaN);

const BOUND_BODY =
  '{"model":"scalar","contextLength":1024,"width":64,"sampleSize":10000000,"inputNorm":1,"normBounds":{"valueSpectral":1,"valueGroup21":1,"qkGroup21":1,"readout":1},"activationLipschitz":1,"valueActivation":"identity","margin":1,"delta":0.05}';
const SAMPLE_SIZE_BODY =
  '{"request":{"model":"scalar","contextLength":1024,"width":64,"inputNorm":1,"normBounds":{"valueSpectral":1,"valueGroup21":1,"qkGroup21":1,"readout":1},"activationLipschitz":1,"valueActivation":"identity","margin":1,"delta":0.05},"targetGap":0.5}';
const CURL = (route: string, body: string) => `curl -s -X POST http://127.0.0.1:8765${route} -H 'content-type: application/json' -d '${body}'`;
const WORKED_GAP: Quoted = {
  file: 'README.md',
  quote: /gap (0\.\d{3}) at T = 2¹⁰/,
  check: (m, r) => {
    const gap = num(/generalization gap\s+([\d.e+-]+)/, r.stdout);
    return gap.toFixed(3) === m[1] ? '' : `generalization gap ${gap} is not ${m[1]} to 3 places`;
  },
};
const WORKED_LEAST_M: Quoted = {
  file: 'README.md',
  quote: /Least m for a gap of 0\.5: (\d\.\d\d)·10([⁰¹²³⁴⁵⁶⁷⁸⁹]+) at T = 2¹⁰/,
  check: (m, r) => {
    const least = num(/least m for gap <= 0\.5: (\d+)/, r.stdout);
    const k = Number([...m[2]!].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));
    return (least / 10 ** k).toFixed(2) === m[1] ? '' : `least m ${least} is not ${m[1]}·10^${k}`;
  },
};
const PYTHON_LEAST_M: Quoted = {
  file: 'README.md',
  quote: /# generalizationGap [\d.]+ \.\.\. leastSampleSize (\d+)/,
  check: (m, r) => (String(json(r).sampleSize) === m[1] ? '' : `sampleSize ${String(json(r).sampleSize)} is not ${m[1]}`),
};
const CELLS = /sweep status examples\/sweeps\/constructions\.json\s+# (\d+) of \1 cells stored/;

/** Every command of the docs, classified. Keys are the commands exactly as extracted (continuations joined, comment dropped). */
const TABLE: Record<string, Entry> = {
  'npm ci && npm start': {
    kind: 'long',
    reason: 'a clean install plus the full verification report (~1.5 min on 2 cores, learning runs included)',
    exercisedBy: ['.ci/run', 'test/meta/quick-start.test.ts', 'test/report/report.test.ts'],
    validate: { how: 'npm', scripts: ['start', 'prepare'] },
  },
  'npm test': {
    kind: 'long',
    reason: 'the whole suite, this test included',
    exercisedBy: ['.ci/run', 'test/meta/quick-start.test.ts'],
    validate: { how: 'npm', scripts: ['test'] },
  },
  'npx attn-theory eval examples/parity3-T8.json --bits 01000010': {
    kind: 'run',
    quoted: [
      {
        file: 'README.md',
        quote: /--bits 01000010\s+# f\(b\) = (-?\d\.\d+)\.\.\., label (-?1)/,
        check: (m, r) => missing(r, `f(b) = ${m[1]}`) || missing(r, `label = ${m[2]}`),
      },
    ],
  },
  'npx attn-theory norms examples/parity3-T8.json': {
    kind: 'run',
    // The library example of the same file: `measureNorms(model).inputRowNormBound; // B_X = √2`.
    quoted: [
      {
        file: 'README.md',
        quote: /inputRowNormBound;\s+\/\/ B_X = √(\d)/,
        check: (m, r) => {
          const bx = num(/B_X \(max row norm over all inputs\) = ([\d.]+)/, r.stdout);
          return Math.abs(bx - Math.sqrt(Number(m[1]))) < 1e-5 ? '' : `B_X ${bx} is not √${m[1]}`;
        },
      },
    ],
  },
  'npm install attn-theory': {
    kind: 'long',
    reason: 'installs from the registry into a project of yours',
    exercisedBy: ['test/package/consumer.test.ts'],
    validate: { how: 'npm', packages: ['attn-theory'] },
  },
  'npm install --save-dev attn-theory fast-check vitest': {
    kind: 'long',
    reason: 'installs from the registry into a project of yours',
    exercisedBy: ['test/package/consumer.test.ts'],
    validate: { how: 'npm', packages: ['attn-theory', 'fast-check', 'vitest'] },
  },
  'npx attn-theory conformance --cmd "python3 examples/conformance/reference_client.py"': {
    kind: 'run',
    needs: ['python3', 'numpy'],
    quoted: [commentIsOutput('README.md')],
  },
  'npx attn-theory conformance --cmd "python3 examples/conformance/reference_client.py --bug cls-not-key" --out tmp/cx.json': {
    kind: 'run',
    needs: ['python3', 'numpy'],
    exit: { code: 1, file: 'README.md', quote: /exits 0 \(conforming\), 1 \(a\s+counterexample/ },
    quoted: [commentIsOutput('README.md')],
  },
  'npx attn-theory bound --model scalar --T 1024 --d 64 --m 1e7 --BX 1 --BV 1 --BV21 1 --BQK21 1 --Bw 1 --Lsigma 1 --margin 1 --delta 0.05 --value-activation identity --target-gap 0.5': {
    kind: 'run',
    quoted: [WORKED_GAP, WORKED_LEAST_M],
  },
  'npx attn-theory bound --model transformer --layers 2 --heads 2 --T 1024 --d 64 --m 1e7 --BX 1 --BV 1 --BV21 1 --BQK21 1 --Bw 1 --Lsigma 1 --margin 1 --delta 0.05 --value-activation identity': {
    kind: 'run',
  },
  'npx attn-theory bound --weights examples/parity3-T8.json --m 100000 --margin 0.5 --delta 0.05': { kind: 'run' },
  'npx attn-theory explore': {
    kind: 'serve',
    probe: '/',
    quoted: [{ file: 'README.md', quote: /explore\s+# serves it on (http:\/\/127\.0\.0\.1:)\d+\/ until Ctrl-C/, check: (m, r) => (r.url?.startsWith(m[1] as string) ? '' : `printed ${r.url}`) }],
  },
  'npx attn-theory explore --port 0 --host 127.0.0.1': { kind: 'serve', probe: '/' },
  'npx attn-theory explore --out /tmp/explorer': {
    kind: 'run',
    quoted: [
      {
        file: 'README.md',
        quote: /# writes a copy: open (\/tmp\/explorer\/index\.html)/,
        check: (m, r) => missing(r, m[1] as string) || (existsSync(m[1] as string) ? '' : `${m[1]} not written`),
      },
    ],
  },
  'npx attn-theory construct --T 4096 --s 5 --fn table:01101000100101111100101001011100 --seed 1 --out /tmp/t.json': { kind: 'run' },
  'npx attn-theory certify /tmp/t.json': {
    kind: 'run',
    quoted: [
      {
        file: 'README.md',
        quote: /certify \/tmp\/t\.json\s+# certified: (true), minMargin (\S+), all (2\^\d+) inputs; exit 0/,
        check: (m, r) =>
          missing(r, `certified: ${m[1]}`) ||
          (new RegExp(`minMargin: ${(m[2] as string).replace(/\./g, '\\.')}\\b`).test(r.stdout) ? '' : `minMargin is not ${m[2]}`) ||
          missing(r, `all ${m[3]} inputs`),
      },
    ],
  },
  'npx attn-theory certify /tmp/t.json --target parity@1,2,3,4,5 --json': {
    kind: 'run',
    exit: { code: 1, file: 'README.md', quote: /--target parity@1,2,3,4,5 --json\s+# exit 1: not certified/ },
    quoted: [{ file: 'README.md', quote: /# exit 1: (not) certified/, check: (_m, r) => (json(r).certified === false ? '' : 'certified is not false') }],
  },
  'npx attn-theory certify /tmp/t.json --json --method interval': {
    kind: 'run',
    // The comment names no status: the rule "Exit 0 certified, 1 not" applies to whatever the interval bound gives.
    exit: { code: (r) => (json(r).certified === true ? 0 : 1), file: 'README.md', quote: /Exit 0 certified, 1 not, 2 bad input/ },
    quoted: [{ file: 'README.md', quote: /# force a method: exact-position-keys\|(interval)/, check: (m, r) => (json(r).method === m[1] ? '' : `method ${String(json(r).method)}`) }],
  },
  'npx attn-theory construct --T 1048576 --s 8 --fn majority --codes compact --out /tmp/m.json': {
    kind: 'run',
    quoted: [
      {
        file: 'README.md',
        quote: /--out \/tmp\/m\.json\s+# d = (\d+)/,
        check: (m) => {
          const width = (JSON.parse(readFileSync('/tmp/m.json', 'utf8')) as { width: number }).width;
          return String(width) === m[1] ? '' : `/tmp/m.json has width ${width}`;
        },
      },
    ],
  },
  'npx attn-theory serve': {
    kind: 'serve',
    probe: '/healthz',
    quoted: [{ file: 'README.md', quote: /serve\s+# prints: (listening on http:\/\/127\.0\.0\.1:)8765/, check: (m, r) => missing(r, m[1] as string) }],
  },
  'npx attn-theory serve --host 0.0.0.0 --port 9000': {
    kind: 'serve',
    probe: '/healthz',
    quoted: [
      {
        file: 'README.md',
        quote: /# --port 0 picks a free port \(printed\)/,
        check: (_m, r) => (/^http:\/\/0\.0\.0\.0:[1-9]\d*$/.test(r.url ?? '') ? '' : `printed ${r.url}`),
      },
    ],
  },
  [CURL('/v1/bound', BOUND_BODY)]: {
    kind: 'run',
    service: true,
    needs: ['curl'],
    quoted: [
      {
        file: 'README.md',
        quote: /`"generalizationGap":\s+(\d\.\d+)\.\.\.`, `"vacuous": (false)`/,
        check: (m, r) =>
          String(json(r).generalizationGap).startsWith(m[1] as string) && String(json(r).vacuous) === m[2] ? '' : `got ${String(json(r).generalizationGap)}, vacuous ${String(json(r).vacuous)}`,
      },
    ],
  },
  [CURL('/v1/bound/sample-size', SAMPLE_SIZE_BODY)]: { kind: 'run', service: true, needs: ['curl'], quoted: [PYTHON_LEAST_M] },
  [`python3 examples/python-client.py ${DOC_SERVICE}`]: { kind: 'run', service: true, needs: ['python3'], quoted: [commentIsOutput('README.md')] },
  'npx attn-theory report --from report/runs.db --out tmp/report-copy': {
    kind: 'long',
    reason: 'needs report/runs.db, which `npm start` writes',
    exercisedBy: ['test/sweep/cli-sweep.test.ts', 'test/report/report.test.ts'],
    validate: { how: 'parse' },
  },
  'npx attn-theory report --skip-learning': {
    kind: 'long',
    reason: 'about 12 s of bounds and constructions on a loaded machine, and it rewrites the report/ of your checkout',
    exercisedBy: ['test/report/report.test.ts'],
    validate: { how: 'parse' },
  },
  'npx attn-theory sweep run examples/sweeps/constructions.json': {
    kind: 'run',
    quoted: [{ file: 'README.md', quote: /# store: (examples\/sweeps\/constructions\.db)/, check: (m, r) => missing(r, `-> ${m[1]}`) }],
  },
  'npx attn-theory sweep status examples/sweeps/constructions.json': { kind: 'run', quoted: [commentIsOutput('README.md')] },
  'npx attn-theory sweep export examples/sweeps/constructions.json --csv > /tmp/constructions.csv': {
    kind: 'run',
    quoted: [
      {
        file: 'README.md',
        quote: CELLS,
        check: (m) => {
          const rows = readFileSync('/tmp/constructions.csv', 'utf8').trim().split('\n').length - 1;
          return String(rows) === m[1] ? '' : `/tmp/constructions.csv has ${rows} rows`;
        },
      },
    ],
  },
  'npx attn-theory sweep run examples/sweeps/parity-train.json --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --workers "$SLURM_CPUS_PER_TASK" --db "runs/parity-train.shard-${SLURM_ARRAY_TASK_ID}.db"':
    {
      kind: 'long',
      reason: 'one Slurm array task: 15 training cells of parity-train',
      exercisedBy: ['test/sweep/cli-sweep.test.ts', 'test/sweep/kill-resume.test.ts'],
      validate: { how: 'parse' },
    },
  'npx attn-theory sweep merge runs/parity-train.shard-*.db --out runs/parity-train.db': {
    kind: 'long',
    reason: "needs the Slurm array's shard stores",
    exercisedBy: ['test/sweep/cli-sweep.test.ts'],
    validate: { how: 'parse' },
  },
  'npx attn-theory sweep status examples/sweeps/parity-train.json --db runs/parity-train.db': { kind: 'run' },
  'npx attn-theory report --from runs/parity-train.db --out tmp/report-parity': {
    kind: 'long',
    reason: "needs the merged store of the Slurm array's runs",
    exercisedBy: ['test/sweep/cli-sweep.test.ts'],
    validate: { how: 'parse' },
  },
  'npx attn-theory train --task majority --T 64 --s 3 --m 256 --seed 1': {
    kind: 'run',
    quoted: [{ file: 'README.md', quote: /--m 256 --seed 1\s+# (fused) trainer/, check: (m, r) => (new RegExp(`trainer\\s+${m[1]}`).test(r.stdout) ? '' : 'the trainer is not the fused one') }],
  },
  'npx attn-theory train --task parity --T 16 --s 3 --m 300 --seed 2 --budget-cap 16000': { kind: 'run' },
  'npx attn-theory train --task majority --T 64 --s 9 --m 300 --heads 2 --width 64 --optimizer sgd-momentum --lr 0.03 --lr-decay 0.999 --lr-floor 0.003 --json': {
    kind: 'long',
    reason: 'tfjs autodiff training (SGD-momentum has no fused step): about 17 s on a loaded machine',
    exercisedBy: ['test/experiments/train.test.ts', 'test/experiments/protocol.test.ts'],
    validate: { how: 'budget', append: ['--steps', '2', '--budget-cap', '2'] },
  },
  'npx attn-theory sample-complexity --task majority --s 3 --T 8,16,32 --seeds 3 --out /tmp/sc': {
    kind: 'long',
    reason: 'dozens of training runs',
    exercisedBy: ['test/experiments/cli.test.ts', 'test/experiments/censoring.test.ts'],
    validate: { how: 'budget', append: ['--m-max', '16', '--steps', '2', '--budget-cap', '2'], freshOut: true },
  },
  'npx tsx scripts/default-experiment.ts --out /tmp/de': {
    kind: 'long',
    reason: 'the default experiment: several seconds on both cores',
    exercisedBy: ['bench/default-experiment-throughput.ts', 'test/report/report.test.ts'],
    validate: { how: 'usage-flags', script: 'scripts/default-experiment.ts' },
  },
  'npx tsx scripts/full-experiment.ts --dry-run': {
    kind: 'run',
    quoted: [{ file: 'README.md', quote: /--dry-run\s+# the full experiment's plan and worst-case cost/, check: (_m, r) => missing(r, 'full-experiment plan:') || missing(r, 'worst case') }],
  },
  'npx tsx scripts/full-experiment.ts --db /tmp/full.db --out /tmp/full': {
    kind: 'long',
    reason: 'the full experiment (~6 min on 2 cores)',
    exercisedBy: ['test/experiments/full-experiment.test.ts'],
    validate: { how: 'dry-run' },
  },
  'npx tsx bench/training-throughput.ts': {
    kind: 'long',
    reason: 'a benchmark (never part of npm test)',
    exercisedBy: ['bench/training-throughput.ts'],
    validate: { how: 'exists', file: 'bench/training-throughput.ts' },
  },
};

const entryOf = (c: DocCommand): Entry | undefined => TABLE[c.command];
const has = (tool: string): boolean => (tool === 'numpy' ? spawnSync('python3', ['-c', 'import numpy']).status === 0 : spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);

/** The command as bash runs it here: the compiled binary for `npx attn-theory`. */
const asRun = (command: string): string => command.replace(/^npx attn-theory\b/, `node ${JSON.stringify(CLI_BIN)}`);

/** The parse-only runner: the named command's own commander definition, stopped before its action. */
const PARSE_ONLY = `
const [cliDir, ...argv] = process.argv.slice(1);
const { Command } = await import('commander');
const { COMMANDS } = await import(cliDir + '/command-table.js');
const named = COMMANDS.find((c) => c.name === argv.find((a) => !a.startsWith('-')));
if (!named) { process.stderr.write('parse-only: no attn-theory command in ' + JSON.stringify(argv) + '\\n'); process.exit(2); }
const program = new Command().name('attn-theory').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
(await named.load())(program);
class Parsed extends Error {}
program.hook('preAction', () => { throw new Parsed('parsed'); });
try {
  await program.parseAsync(argv, { from: 'user' });
  process.stderr.write('parse-only: no action reached\\n'); process.exit(3);
} catch (e) {
  if (e instanceof Parsed) { process.stdout.write('parse-only: ' + named.name + ' accepts ' + JSON.stringify(argv) + '\\n'); process.exit(0); }
  process.stderr.write('parse-only: ' + e.message + '\\n'); process.exit(2);
}`;

/** Run one bash command line from the repository root (its own process group, killed on timeout). */
function sh(command: string, env: Readonly<Record<string, string>> = {}, timeoutMs = 90_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], {
      cwd: REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms)`;
      process.kill(-(child.pid as number), 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A started server: its printed address, and how to stop it (SIGTERM to its process group). */
interface Server {
  readonly url: string;
  readonly output: () => string;
  readonly stop: () => Promise<number | null>;
}

/** Start a server command with its port swapped for 0; resolves once it prints its http:// address. */
function startServer(command: string): Promise<Server> {
  const swapped = /--port \d+/.test(command) ? command.replace(/--port \d+/, '--port 0') : `${command} --port 0`;
  const child = spawn('bash', ['-c', `exec ${asRun(swapped)}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-(child.pid as number), 'SIGKILL');
      reject(new Error(`${command}: no address printed within 30 s: ${text}`));
    }, 30_000);
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = /(http:\/\/[\w.]+:\d+)\/?(\s|$)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1] as string,
          output: () => text,
          stop: () => {
            process.kill(-(child.pid as number), 'SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => reject(new Error(`${command}: exited with ${code}: ${text}`)));
  });
}

/** Run tasks with at most `limit` at a time. */
async function pool(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const gitStatus = (): string => spawnSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout;
const ignored = (path: string): boolean => spawnSync('git', ['check-ignore', '-q', path], { cwd: REPO_ROOT }).status === 0;

const results = new Map<string, RunResult>();
const validations = new Map<string, RunResult>();
let statusBefore = '';
let statusAfter = '';
let scratch = '';

beforeAll(async () => {
  statusBefore = gitStatus();
  scratch = mkdtempSync(join(tmpdir(), 'attn-doc-commands-'));
  const service = await startServer('npx attn-theory serve');
  const seen = new Set<string>();
  const groups = new Map<string, (() => Promise<void>)[]>();
  const add = (group: string, task: () => Promise<void>) => groups.set(group, [...(groups.get(group) ?? []), task]);
  for (const c of COMMANDS) {
    const e = entryOf(c);
    if (!e || seen.has(c.command) || c.command === 'npx attn-theory serve') continue;
    seen.add(c.command);
    if (e.kind === 'run') {
      if (e.needs?.some((t) => !has(t))) continue;
      const line = e.service ? c.command.replaceAll(DOC_SERVICE, service.url) : c.command;
      add(`${c.file}#${c.block}`, async () => {
        results.set(c.command, await sh(asRun(line), c.env));
      });
    } else if (e.kind === 'serve') {
      add(c.command, async () => {
        try {
          const s = await startServer(c.command);
          const reply = await fetch(`${s.url.replace('0.0.0.0', '127.0.0.1')}${e.probe}`);
          await reply.arrayBuffer();
          const code = await s.stop();
          results.set(c.command, { code: reply.status === 200 ? code : -reply.status, stdout: s.output(), stderr: '', url: s.url });
        } catch (err) {
          results.set(c.command, { code: -1, stdout: '', stderr: String(err) });
        }
      });
    } else {
      const v = e.validate;
      if (v.how === 'parse') {
        const args = c.command.replace(/^npx attn-theory /, '');
        add(c.command, async () => {
          validations.set(c.command, await sh(`node --input-type=module -e "$ATTN_PARSE_ONLY" -- ${JSON.stringify(join(REPO_ROOT, 'dist/cli'))} ${args}`, { ...c.env, ATTN_PARSE_ONLY: PARSE_ONLY }));
        });
      } else if (v.how === 'budget') {
        const line = `${v.freshOut ? c.command.replace(/--out \S+/, `--out ${join(scratch, 'budget-out')}`) : c.command} ${v.append.join(' ')}`;
        add(c.command, async () => {
          validations.set(c.command, await sh(asRun(line), c.env));
        });
      } else if (v.how === 'dry-run') {
        add(c.command, async () => {
          validations.set(c.command, await sh(`${asRun(c.command)} --dry-run`, c.env));
        });
      }
    }
  }
  // Two at a time (the machine's two cores); the commands of one block run in order (construct, then certify).
  await pool(
    [...groups.values()].map((tasks) => async () => {
      for (const t of tasks) await t();
    }),
    2,
  );
  results.set('npx attn-theory serve', { code: await service.stop(), stdout: service.output(), stderr: '', url: service.url });
  statusAfter = gitStatus();
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the shell commands of README.md and docs/*.md', () => {
  test('every command is classified (RUN, SERVE or LONG) and every table entry is a command of the docs', () => {
    expect(COMMANDS.length).toBeGreaterThan(30);
    expect(COMMANDS.filter((c) => !entryOf(c)).map((c) => `${c.file}:${c.line}: ${c.command}`)).toEqual([]);
    const inDocs = new Set(COMMANDS.map((c) => c.command));
    expect(Object.keys(TABLE).filter((k) => !inDocs.has(k))).toEqual([]);
  });

  test('no command line has a placeholder (every line runs as printed)', () => {
    const placeholder = /\[--?\w|\.\.\.|\b(MODEL|SPEC|FILE|DIR|PATH)\b|<[a-z-]+>/;
    expect(COMMANDS.filter((c) => placeholder.test(c.command)).map((c) => `${c.file}:${c.line}: ${c.command}`)).toEqual([]);
  });

  test('every quoted expectation and every quoted exit status is still in the docs', () => {
    for (const e of Object.values(TABLE)) {
      for (const q of e.kind === 'long' ? [] : (e.quoted ?? [])) expect(q.quote.test(DOCS[q.file] as string), `${q.file} quotes ${q.quote}`).toBe(true);
      if (e.kind === 'run' && e.exit) expect(e.exit.quote.test(DOCS[e.exit.file] as string), `${e.exit.file} says ${e.exit.quote}`).toBe(true);
    }
  });

  test('every file a command writes (--out, --db, --save-model, >) is under /tmp/ or ignored by git', () => {
    const bad: string[] = [];
    for (const c of ALL) {
      const expanded = c.command.replace(/"?\$\{?(\w+)\}?"?/g, (_s, v: string) => c.env[v] ?? '');
      for (const m of expanded.matchAll(/(?:--out|--db|--save-model|>)\s+"?([^\s"]+)/g)) {
        const path = m[1] as string;
        if (!path.startsWith('/tmp/') && !ignored(path)) bad.push(`${c.file}:${c.line}: ${path}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the RUN commands leave the work tree as it was (git status --porcelain)', () => {
    expect(statusAfter).toBe(statusBefore);
  });

  // One test per occurrence; a command printed in two documents ran once and is checked against both.
  for (const c of COMMANDS) {
    const e = entryOf(c);
    if (!e) continue;
    const name = `${c.file}:${c.line} ${c.command.length > 110 ? `${c.command.slice(0, 110)}…` : c.command}`;
    if (e.kind === 'run' || e.kind === 'serve') {
      const lacking = e.kind === 'run' ? (e.needs?.filter((t) => !has(t)) ?? []) : [];
      const label = `${e.kind === 'run' ? 'RUN' : 'SERVE'} ${name}${lacking.length > 0 ? ` (skipped: needs ${lacking.join(', ')})` : ''}`;
      test.skipIf(lacking.length > 0)(label, () => {
        expect(results.has(c.command), 'it ran').toBe(true);
        const r = results.get(c.command) as RunResult;
        const expected = e.kind === 'run' && e.exit ? (typeof e.exit.code === 'number' ? e.exit.code : e.exit.code(r)) : 0;
        expect(r.code, `exit status of ${c.command}\n${out(r).slice(-2000)}`).toBe(expected);
        for (const q of e.quoted ?? []) {
          const m = q.quote.exec(DOCS[q.file] as string);
          expect(m, `${q.file} quotes ${q.quote}`).not.toBeNull();
          expect(q.check(m as RegExpExecArray, r, c), `${c.command}: what ${q.file} quotes (${q.quote})\n${out(r).slice(-2000)}`).toBe('');
        }
      });
    } else {
      test(`LONG ${name}: flags checked (${e.validate.how}); ${e.reason}`, () => {
        for (const f of e.exercisedBy) expect(existsSync(join(REPO_ROOT, f)), `${f} exists`).toBe(true);
        const v = e.validate;
        if (v.how === 'parse' || v.how === 'budget' || v.how === 'dry-run') {
          expect(validations.has(c.command), 'validated').toBe(true);
          const r = validations.get(c.command) as RunResult;
          expect(r.code, `${v.how} check of ${c.command}\n${out(r).slice(-2000)}`).toBe(0);
        } else if (v.how === 'usage-flags') {
          // A script without a strict parser: every flag the docs pass must be in its usage comment.
          const usage = (/^\/\*\*([\s\S]*?)\*\//.exec(read(v.script))?.[1] ?? '').match(/--[\w-]+/g) ?? [];
          expect(existsSync(join(REPO_ROOT, v.script))).toBe(true);
          for (const flag of c.command.match(/\s(--[\w-]+)/g) ?? []) expect(usage, `${v.script} documents ${flag.trim()}`).toContain(flag.trim());
        } else if (v.how === 'npm') {
          const pkg = JSON.parse(read('package.json')) as {
            name: string;
            scripts: Record<string, string>;
            devDependencies: Record<string, string>;
            peerDependencies: Record<string, string>;
          };
          for (const s of v.scripts ?? []) expect(pkg.scripts[s], `npm script ${s}`).toBeDefined();
          for (const p of v.packages ?? []) expect(p === pkg.name || p in pkg.devDependencies || p in pkg.peerDependencies, `package ${p}`).toBe(true);
        } else {
          expect(existsSync(join(REPO_ROOT, v.file)), `${v.file} exists`).toBe(true);
          expect(c.command.match(/\s--[\w-]+/g) ?? [], 'a bench run without flags').toEqual([]);
        }
      });
    }
  }
});
