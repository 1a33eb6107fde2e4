/**
 * The README section "Use the checks in your CI / From TypeScript (vitest/jest)" works as printed: its
 * code block is examples/testing/attention.test.ts verbatim (which test/package/consumer.test.ts runs
 * in a fresh project), and the failure it quotes is what agreesWithReference prints for the
 * transposed-scores forward pass with the quoted seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { agreesWithReference } from '../../src/testing/index.js';
import { transposedScoresForward } from './forwards.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('### From TypeScript (vitest/jest)'));

it('the printed vitest example is examples/testing/attention.test.ts', () => {
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(block).toBe(readFileSync(join(REPO_ROOT, 'examples', 'testing', 'attention.test.ts'), 'utf8'));
});

it('the printed failure is what the transposed-scores forward pass gives', async () => {
  const printed = /```text\n([\s\S]*?)\n```/.exec(section)?.[1];
  const err = await agreesWithReference(transposedScoresForward)
    .check({ seed: 1405 })
    .then(
      () => null,
      (e: unknown) => e as Error,
    );
  expect(err?.message).toBe(printed);
});
