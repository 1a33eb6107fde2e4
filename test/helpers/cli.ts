/**
 * Run the real `attn-theory` binary (dist/cli/main.js, compiled by the vitest global setup) in a child process, as a user would.
 * Shared by every CLI test.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Absolute path of the CLI entry point. */
export const CLI_BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Result of one CLI invocation. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `attn-theory ...args` synchronously (cwd = repo root unless given). */
export function runCli(args: readonly string[], opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    env: { ...process.env, ...opts.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Assert-style helper: the one-line error contract (exit 2, exactly one stderr line, no stack). */
export function isOneLineError(r: CliResult): boolean {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  return r.code === 2 && lines.length === 1 && !/\n\s+at /.test(r.stderr) && !/at .*\.ts:\d+/.test(r.stderr);
}
