/**
 * vitest global setup: build dist/ (`scripts/build.mjs`: incremental tsc plus one small esbuild bundle,
 * a no-op when dist is current) before any test runs, so the CLI tests, which run the compiled
 * `attn-theory` binary as a user would, never run a stale build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
