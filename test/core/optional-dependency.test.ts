/**
 * A dependency that cannot load gives one line naming the package, what needed it and how to install it
 * (issue 9 item 3), as a toolkit error (so the CLI prints it and exits 2), never an internal error.
 */
import { expect, test } from 'vitest';
import { AttnTheoryError } from '../../src/core/errors.js';
import { importOptional, MissingDependencyError, requireOptional } from '../../src/core/optional-dependency.js';

test('a missing CommonJS or ES-module package throws MissingDependencyError in one line', async () => {
  const check = (e: unknown) => {
    expect(e).toBeInstanceOf(MissingDependencyError);
    expect(e).toBeInstanceOf(AttnTheoryError);
    const m = (e as Error).message;
    expect(m).toMatch(/^drawing a plot needs the package attn-theory-no-such-package, which could not be loaded \(.+\); install it with `npm install attn-theory-no-such-package`/);
    expect(m.includes('\n')).toBe(false);
  };
  let thrown: unknown;
  try {
    requireOptional('attn-theory-no-such-package', 'drawing a plot');
  } catch (e) {
    thrown = e;
  }
  check(thrown);
  await importOptional('attn-theory-no-such-package', 'drawing a plot').then(
    () => expect.unreachable(),
    (e: unknown) => check(e),
  );
  // A package that is there loads as usual.
  expect(typeof requireOptional<{ version: string }>('zod/package.json', 'reading zod').version).toBe('string');
});
