/**
 * The two mathjs loaders of closed-form.ts: Node's (src/bounds/mathjs-load.ts, a lazy require) and the
 * page's stand-in (src/explorer/mathjs-load.browser.ts, mathjs from the page's own script). Same
 * signature, same parser; the page's refuses to run before mathjs.js has, with a message naming it.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mathjs from 'mathjs';
import { loadMathjsParse as nodeLoad } from '../../src/bounds/mathjs-load.js';
import { loadMathjsParse as pageLoad, MATHJS_GLOBAL } from '../../src/explorer/mathjs-load.browser.js';
import { explorerDir } from '../../src/explorer/assets.js';

const g = globalThis as Record<string, unknown>;
afterEach(() => {
  delete g[MATHJS_GLOBAL];
});

describe('mathjs loaders', () => {
  test("Node's loader returns mathjs's parse", () => {
    expect(nodeLoad()('1 + 2').evaluate()).toBe(3);
  });

  test("the page's loader takes parse from the global, and names mathjs.js when it is missing", () => {
    expect(() => pageLoad()).toThrow(/closedFormGap: mathjs must be loaded first .*attnTheoryMathjs/);
    g[MATHJS_GLOBAL] = { parse: mathjs.parse };
    expect(pageLoad()('sqrt(16)').evaluate()).toBe(4);
  });

  test('the built page bundle has neither node:module nor mathjs; mathjs.js defines the global', () => {
    const page = readFileSync(join(explorerDir(), 'explorer.js'), 'utf8');
    expect(page).not.toMatch(/createRequire|node:module|require\(/);
    expect(page).not.toMatch(/mathjs\/lib|typed-function/);
    const maths = readFileSync(join(explorerDir(), 'mathjs.js'), 'utf8');
    expect(maths).toMatch(/var attnTheoryMathjs\s*=/);
  });
});
