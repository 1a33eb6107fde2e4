/**
 * The package version, read from package.json at run time (one source of truth: the CLI's --version,
 * the report's metadata and stored runs' `created_by` all use it). package.json sits one level above
 * both src/ (tsx, vitest) and dist/ (the compiled package), so the same relative path works in both.
 */
import { readFileSync } from 'node:fs';

/** attn-theory's version (semver), from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
