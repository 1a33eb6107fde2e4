/**
 * Where the built bound explorer lives (build/explorer/, written by `npm run build` through
 * scripts/build-explorer.mjs and shipped in the package) and how a copy of it is written elsewhere:
 * `attn-theory explore --out DIR` and the report's own folder (report/explorer/).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../core/errors.js';

/** Name of the page inside the explorer folder. */
export const EXPLORER_INDEX = 'index.html';

/**
 * The built explorer folder: build/explorer/ at the package root (one relative path serves src/ under
 * tsx and dist/ when compiled: both sit beside build/).
 * @throws DomainError when the page has not been built (run `npm run build`).
 */
export function explorerDir(): string {
  const dir = fileURLToPath(new URL('../../build/explorer/', import.meta.url));
  if (!existsSync(join(dir, EXPLORER_INDEX))) throw new DomainError(`explorerDir: the built explorer must exist (got no ${join(dir, EXPLORER_INDEX)}; run npm run build)`);
  return dir.replace(/[\\/]$/, '');
}

function copyTree(from: string, to: string, written: string[], rel: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const r = rel === '' ? name : `${rel}/${name}`;
    if (statSync(src).isDirectory()) copyTree(src, join(to, name), written, r);
    else {
      copyFileSync(src, join(to, name));
      written.push(r);
    }
  }
}

/**
 * Copy the built explorer into `dest` (created if absent). Files of the same name are overwritten;
 * nothing else in `dest` is touched or deleted.
 * @param dest - the folder to write (its index.html is the page).
 * @returns the paths written, relative to dest, in directory order.
 * @throws DomainError when the page has not been built, or dest exists and is not a folder.
 */
export function copyExplorer(dest: string): string[] {
  const from = explorerDir();
  if (existsSync(dest) && !statSync(dest).isDirectory()) throw new DomainError(`copyExplorer: dest must be a folder (got the file ${dest})`);
  const written: string[] = [];
  copyTree(from, dest, written, '');
  return written;
}
