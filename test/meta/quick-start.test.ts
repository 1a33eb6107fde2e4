/**
 * Meta test: the README starts with the two-command quick start, `.ci/run` runs what it says (npm ci,
 * then npm test), and npm test type-checks before running the suites.
 */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');

test('README opens with `npm ci && npm start` and `npm test`', () => {
  const block = /```sh\n([\s\S]*?)```/.exec(read('README.md'));
  expect(block, 'README.md must start with a ```sh quick-start block').not.toBeNull();
  const commands = block![1]
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
  expect(commands).toEqual(['npm ci && npm start', 'npm test']);
  expect(read('README.md').indexOf('```sh')).toBeLessThan(read('README.md').indexOf('## '));
});

test('.ci/run runs npm ci, then npm test', () => {
  const lines = read('.ci/run')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^npm /.test(l));
  expect(lines).toEqual(['npm ci', 'npm test']);
});

test('npm test type-checks, then runs vitest; npm start runs the report', () => {
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  expect(pkg.scripts.test).toMatch(/^tsc\b.*--noEmit.*&&\s*biome ci \.\s*&&\s*typedoc\s*&&\s*vitest run$/);
  expect(pkg.scripts.start).toMatch(/(attn-theory(\.js)?|dist\/cli\/main\.js) report$/);
});
