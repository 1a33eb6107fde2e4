/** Shared helpers of the conformance CLI tests: a scratch directory, the clients, and report reading. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from '../helpers/cli.js';

/** The Python reference client (examples/conformance/reference_client.py). */
export const PY_CLIENT = fileURLToPath(new URL('../../examples/conformance/reference_client.py', import.meta.url));
/** The Node test client (fixtures/client.mjs). */
export const NODE_CLIENT = fileURLToPath(new URL('./fixtures/client.mjs', import.meta.url));

/** Why the Python tests are skipped, or null when python3 with numpy is present. */
export function pythonMissing(): string | null {
  const r = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (r.error) return `python3 not found (${(r.error as NodeJS.ErrnoException).code})`;
  if (r.status !== 0) return 'python3 has no numpy';
  return null;
}

/** A fresh scratch directory under the OS temp dir (the work tree stays clean). */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'attn-conformance-'));
}

/** A shell-quoted argument. */
export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run `attn-theory conformance ...args` in `cwd`. */
export function conformance(cwd: string, args: readonly string[]): CliResult {
  return runCli(['conformance', ...args], { cwd, timeoutMs: 60_000 });
}

/** The report a run wrote. */
export function readReport(path: string): Record<string, unknown> & { kind: string } {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Ask a client directly: hello, then one eval request; returns its reply to the request. */
export function askClient(argv: readonly string[], model: unknown, inputs: readonly string[]): { type: string; outputs?: number[]; message?: string } {
  const input = `${JSON.stringify({ type: 'hello', protocol: 'attn-theory-conformance/1' })}\n${JSON.stringify({ type: 'eval', id: 1, model, inputs })}\n`;
  const r = spawnSync(argv[0], argv.slice(1), { input, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`askClient: ${argv.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[1]);
}
