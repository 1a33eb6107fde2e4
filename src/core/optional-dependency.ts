/**
 * Loading heavy or native dependencies on first use (issue 9: light imports). Each loader turns a
 * failure to load (a missing platform binary of @resvg/resvg-js, a better-sqlite3 build that did not
 * compile, a package left out of an install) into one line that names the package, what needed it and
 * how to get it, instead of an "internal error" with a stack trace.
 */
import { createRequire } from 'node:module';
import { AttnTheoryError } from './errors.js';

/** A dependency that a feature needs could not be loaded on this machine. */
export class MissingDependencyError extends AttnTheoryError {}

const requireCjs = createRequire(import.meta.url);

function missing(pkg: string, purpose: string, cause: unknown): MissingDependencyError {
  const why = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0].trim();
  return new MissingDependencyError(
    `${purpose} needs the package ${pkg}, which could not be loaded (${why}); install it with \`npm install ${pkg}\` (it ships prebuilt binaries for Linux, macOS and Windows)`,
  );
}

/** Synchronously load a CommonJS dependency, or throw MissingDependencyError naming it and the purpose. */
export function requireOptional<T>(pkg: string, purpose: string): T {
  try {
    return requireCjs(pkg) as T;
  } catch (err) {
    throw missing(pkg, purpose, err);
  }
}

/** Load an ES-module dependency on first use, or throw MissingDependencyError naming it and the purpose. */
export async function importOptional<T>(pkg: string, purpose: string): Promise<T> {
  try {
    return (await import(pkg)) as T;
  } catch (err) {
    throw missing(pkg, purpose, err);
  }
}
