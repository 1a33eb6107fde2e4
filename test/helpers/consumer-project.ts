/**
 * A fresh consumer project with the packed tarball installed, as a user gets it (issue 9 item 6), built
 * offline from what `npm ci` already fetched:
 * - `npm pack` (which runs `prepare`, i.e. the build) writes attn-theory-<version>.tgz;
 * - the consumer's package-lock.json is ours, less the devDependencies and less the optional packages
 *   that did not install on this machine (tfjs-node, whose install script downloads libtensorflow from
 *   outside the registry), plus the tarball; so `npm ci --offline` needs no registry request;
 * - `--ignore-scripts`, then better-sqlite3's native binary is copied from our own node_modules (built by
 *   `npm ci` for this Node ABI and platform): exactly what its install script (prebuild-install) does on
 *   a machine that can reach its binary host, without compiling SQLite a second time (~1 min of CPU);
 * - fast-check, the peer dependency of `attn-theory/testing`, is installed as the consumer's own
 *   devDependency (as a project with a property-test suite has it).
 * Used by test/package/consumer.test.ts and bench/startup.ts.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

/** Our devDependencies the consumer installs as its own: the peer dependency of attn-theory/testing (its dependency pure-rand is ours already). */
const PEER_DEV_DEPENDENCIES = ['fast-check'] as const;

/** A consumer project with attn-theory installed from its packed tarball. */
export interface ConsumerProject {
  /** The project directory (under the OS temp dir). */
  readonly dir: string;
  /** The packed tarball's path. */
  readonly tarball: string;
  /** The package version packed. */
  readonly version: string;
  /** Installed size of node_modules (the package with every dependency): disk blocks used, bytes (as `du`). */
  readonly installedBytes: number;
  /** The same, as the sum of file sizes (smaller: a block holds a whole small file), bytes. */
  readonly installedApparentBytes: number;
}

interface LockEntry {
  dev?: boolean;
  os?: unknown;
  cpu?: unknown;
  libc?: unknown;
  [k: string]: unknown;
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

/** Bytes under a directory, links not followed: disk blocks used (as `du`) and the sum of file sizes. */
export function directoryBytes(dir: string): { disk: number; apparent: number } {
  const total = { disk: 0, apparent: 0 };
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) {
      const sub = directoryBytes(p);
      total.disk += sub.disk + st.blocks * 512;
      total.apparent += sub.apparent;
    } else {
      total.disk += st.blocks * 512;
      total.apparent += st.size;
    }
  }
  return total;
}

/** Pack the repository and install the tarball into a new consumer project (offline). */
export function createConsumerProject(): ConsumerProject {
  const base = mkdtempSync(join(tmpdir(), 'attn-theory-consumer-'));
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  // --ignore-scripts: vitest's global setup has just built dist/ and build/; npm pack's `prepare` would
  // rebuild build/explorer in place while other test files serve it (the doc test's `explore` found it gone).
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', base], REPO_ROOT)) as { filename: string }[];
  const tarball = join(base, packed[0]!.filename);
  const dir = join(base, 'consumer');
  mkdirSync(dir);
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const peer = PEER_DEV_DEPENDENCIES.map((name) => [name, (lock.packages[`node_modules/${name}`] as { version: string }).version] as const);
  const devDependencies = Object.fromEntries(peer);
  const packages: Record<string, unknown> = { '': { name: 'consumer', version: '1.0.0', dependencies: { 'attn-theory': `file:${tarball}` }, devDependencies } };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || (entry.dev && !PEER_DEV_DEPENDENCIES.some((n) => path === `node_modules/${n}`))) continue;
    const platformSpecific = entry.os !== undefined || entry.cpu !== undefined || entry.libc !== undefined;
    if (!existsSync(join(REPO_ROOT, path)) && !platformSpecific) continue; // an optional package that did not install here
    packages[path] = entry;
  }
  packages['node_modules/attn-theory'] = { version: pkg.version, resolved: `file:${tarball}`, dependencies: pkg.dependencies, peerDependencies: pkg.peerDependencies, bin: pkg.bin };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true, dependencies: { 'attn-theory': `file:${tarball}` }, devDependencies }, null, 2),
  );
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
  const binary = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  mkdirSync(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  copyFileSync(join(REPO_ROOT, binary), join(dir, binary));
  const size = directoryBytes(join(dir, 'node_modules'));
  return { dir, tarball, version: pkg.version, installedBytes: size.disk, installedApparentBytes: size.apparent };
}
