/**
 * vitest global setup: compile src/ to dist/ (incremental tsc, a no-op when dist is current) before any
 * test runs, so the CLI tests, which run the compiled `attn-theory` binary as a user would, never run a
 * stale build.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
