#!/usr/bin/env node
// Build the bound explorer page into build/explorer/ (called by scripts/build.mjs; runnable alone):
//   explorer.js   the page script (src/explorer/page/main.ts) with the bound calculus, bundled by esbuild
//                 for the browser; src/bounds/mathjs-load.ts (Node's lazy require of mathjs) is swapped
//                 for src/explorer/mathjs-load.browser.ts, so neither node:module nor mathjs is in it;
//   mathjs.js     mathjs's parse, bundled alone (global attnTheoryMathjs), for the LaTeX closed form;
//   vega.min.js, vega-lite.min.js, katex/ (katex.min.js, katex.min.css, woff2 fonts): the packages'
//                 own prebuilt browser files, copied from node_modules, with their licences in licenses/;
//   index.html, explorer.css from src/explorer/static/.
// Nothing in the page is fetched from anywhere but this folder. Built into a fresh folder, then swapped in.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Files of node_modules copied into the page folder: [package, file in the package, destination]. */
const VENDORED = [
  ['vega', 'build/vega.min.js', 'vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js', 'vega-lite.min.js'],
  ['katex', 'dist/katex.min.js', 'katex/katex.min.js'],
  ['katex', 'dist/katex.min.css', 'katex/katex.min.css'],
];
/** Packages whose code the page ships (their licence files go to licenses/<name>.txt). */
const SHIPPED = ['vega', 'vega-lite', 'katex', 'mathjs', 'zod'];

/** Swap the Node mathjs loader and zod's locale table for the browser ones, and refuse any Node built-in in the page bundle. */
const browserPlugin = (root) => ({
  name: 'attn-theory-explorer',
  setup(b) {
    b.onResolve({ filter: /(^|\/)mathjs-load\.js$/ }, (args) =>
      args.importer.endsWith(join('src', 'bounds', 'closed-form.ts')) ? { path: join(root, 'src/explorer/mathjs-load.browser.ts') } : undefined,
    );
    // zod's `z` re-exports every locale (~250 kB); the toolkit's messages are English (src/explorer/zod-locales.browser.ts).
    b.onResolve({ filter: /(^|\/)locales\/index\.js$/ }, (args) => (/node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(root, 'src/explorer/zod-locales.browser.ts') } : undefined));
    b.onResolve({ filter: /^node:/ }, (args) => ({ errors: [{ text: `build-explorer: the page bundle must not import ${args.path} (imported by ${args.importer})` }] }));
  },
});

/**
 * Build the explorer page into `${root}build/explorer/`.
 * @param {string} root - the repository root, ending in '/'.
 * @returns {Promise<{ dir: string, explorerBytes: number, mathjsBytes: number }>}
 */
export async function buildExplorer(root) {
  const pkgDir = (pkg) => {
    const d = join(root, 'node_modules', pkg);
    if (!existsSync(join(d, 'package.json'))) throw new Error(`build-explorer: package ${pkg} must be installed (no ${d})`);
    return d;
  };
  const out = join(root, 'build', 'explorer');
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'katex', 'fonts'), { recursive: true });
  mkdirSync(join(tmp, 'licenses'), { recursive: true });
  const common = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, legalComments: 'eof', logLevel: 'warning' };
  const page = await build({
    ...common,
    entryPoints: [join(root, 'src/explorer/page/main.ts')],
    outfile: join(tmp, 'explorer.js'),
    plugins: [browserPlugin(root)],
    metafile: true,
    banner: { js: '// attn-theory bound explorer: the bound calculus and the page script (scripts/build-explorer.mjs).' },
  });
  const inputs = Object.keys(page.metafile.inputs);
  const leaked = inputs.find((p) => p.includes('node_modules/mathjs/') || p.endsWith('bounds/mathjs-load.ts'));
  if (leaked) throw new Error(`build-explorer: explorer.js must not contain mathjs or the Node loader (got ${leaked})`);
  const maths = await build({
    ...common,
    entryPoints: [join(root, 'src/explorer/mathjs-entry.ts')],
    outfile: join(tmp, 'mathjs.js'),
    globalName: 'attnTheoryMathjs',
    metafile: true,
  });
  for (const [pkg, file, dest] of VENDORED) copyFileSync(join(pkgDir(pkg), file), join(tmp, dest));
  const fonts = join(pkgDir('katex'), 'dist', 'fonts');
  for (const f of readdirSync(fonts)) if (f.endsWith('.woff2')) copyFileSync(join(fonts, f), join(tmp, 'katex', 'fonts', f));
  for (const pkg of SHIPPED) {
    const dir = pkgDir(pkg);
    const lic = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    if (!lic) throw new Error(`build-explorer: ${pkg} must ship a licence file to copy (none in ${dir})`);
    copyFileSync(join(dir, lic), join(tmp, 'licenses', `${pkg}.txt`));
  }
  for (const f of ['index.html', 'explorer.css']) copyFileSync(join(root, 'src/explorer/static', f), join(tmp, f));
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  const bytes = (m) => Object.values(m.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
  return { dir: out, explorerBytes: bytes(page), mathjsBytes: bytes(maths) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  if (!existsSync(join(root, 'package.json'))) throw new Error('build-explorer: run from the repository');
  const r = await buildExplorer(root);
  process.stdout.write(`build-explorer: ${r.dir} (explorer.js ${r.explorerBytes} B, mathjs.js ${r.mathjsBytes} B)\n`);
}
