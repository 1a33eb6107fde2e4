/**
 * SQLite run store (better-sqlite3): every finished run is inserted in one transaction under the hash
 * of its full normalized configuration; the hash is the PRIMARY KEY, so a rerun can never duplicate a
 * run, and a run killed before its transaction commits simply is not there (def-run-store).
 * WAL journal and a busy timeout let a report read while a sweep writes.
 * better-sqlite3 (a native module) loads when the first store is opened, never at import.
 */

let sqlite: typeof Database | null = null;
/** The better-sqlite3 constructor, loaded on first use. */
function sqliteDatabase(): typeof Database {
  sqlite ??= requireOptional<typeof Database>('better-sqlite3', 'the run store (SQLite)');
  return sqlite;
}
import type Database from 'better-sqlite3';
import { requireOptional } from '../../core/optional-dependency.js';
import { existsSync, readFileSync } from 'node:fs';
import { FileFormatError, showValue } from '../../core/errors.js';
import { canonicalJson } from './canonical.js';
import { STORE_BUSY_TIMEOUT_MS, STORE_FORMAT_VERSION, STORE_SCHEMA_SQL } from './format.js';

/** One stored run: its hash, kind ('train', 'construct', 'bound', ...), configuration and result (def-run-store). */
export interface StoredRun {
  /** The primary key: configHash (train runs) or contentHash(kind, config). */
  readonly hash: string;
  /** The run kind, e.g. 'train', 'construct', 'bound', 'sample-complexity', 'adversarial'. */
  readonly kind: string;
  /** Name of the sweep that produced it (null when stored outside a sweep). */
  readonly sweep: string | null;
  /** The run's full normalized configuration, as stored (JSON). */
  readonly config: unknown;
  /** The run's result, as stored (JSON; its shape depends on the kind). */
  readonly result: unknown;
  /** ISO time of insertion. */
  readonly createdAt: string;
}

/** Options of openRunStore (def-run-store). */
export interface OpenStoreOptions {
  /** Open read-only: never creates or modifies the file (default false). */
  readonly readonly?: boolean;
  /** Create the file when missing (default true unless readonly). */
  readonly create?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Read the format version of an existing store without modifying it (null when the file has no
 * attn-theory meta table) (def-run-store). Loads better-sqlite3 on first use.
 * @param path - the store file.
 * @throws FileFormatError when the file is not a SQLite database or its version is not an integer ≥ 1.
 */
export function readStoreFormatVersion(path: string): number | null {
  const fn = 'openRunStore';
  const head = readFileSync(path).subarray(0, 16).toString('latin1');
  if (head.length > 0 && head !== SQLITE_MAGIC) throw new FileFormatError(`${fn}: ${path} must be a SQLite run store (got a file of another kind)`);
  if (head.length === 0) return null;
  const db = new (sqliteDatabase())(path, { readonly: true, fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    if (!hasMeta) return null;
    const row = db.prepare("SELECT value FROM meta WHERE key = 'format_version'").get() as { value: string } | undefined;
    if (!row) return null;
    const v = Number(row.value);
    if (!Number.isSafeInteger(v) || v < 1) throw new FileFormatError(`${fn}: format_version of ${path} must be an integer >= 1 (got ${showValue(row.value)})`);
    return v;
  } finally {
    db.close();
  }
}

/**
 * Open (or create) a run store (def-run-store). Refuses, before writing anything, a file that is not
 * SQLite, a SQLite file of another application (tables but no meta) and a store of a newer format
 * version. Loads better-sqlite3 on first use.
 * @param path - the store file.
 * @param opts - read-only, create.
 * @throws FileFormatError (one line) in those cases and for a missing file that may not be created;
 *   MissingDependencyError when better-sqlite3 cannot be loaded.
 */
export function openRunStore(path: string, opts: OpenStoreOptions = {}): SqliteRunStore {
  const fn = 'openRunStore';
  const readonly = opts.readonly ?? false;
  const create = opts.create ?? !readonly;
  const exists = existsSync(path);
  if (!exists && !create) throw new FileFormatError(`${fn}: store path must be an existing run store (got ${showValue(path)}, no such file)`);
  if (exists) {
    const version = readStoreFormatVersion(path);
    if (version !== null && version > STORE_FORMAT_VERSION) {
      throw new FileFormatError(`${fn}: format version of ${path} must be <= ${STORE_FORMAT_VERSION} (got ${version}: written by a newer attn-theory; left untouched)`);
    }
    if (version === null) {
      const probe = new (sqliteDatabase())(path, { readonly: true, fileMustExist: true });
      const n = (probe.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
      probe.close();
      if (n > 0) throw new FileFormatError(`${fn}: ${path} must be an attn-theory run store (got a SQLite file without its meta table)`);
      if (readonly) throw new FileFormatError(`${fn}: ${path} must be an attn-theory run store (got an empty file)`);
    }
  }
  const db = new (sqliteDatabase())(path, readonly ? { readonly: true, fileMustExist: true } : {});
  db.pragma(`busy_timeout = ${STORE_BUSY_TIMEOUT_MS}`);
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.transaction(() => {
      db.exec(STORE_SCHEMA_SQL);
      db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('format_version', ?)").run(String(STORE_FORMAT_VERSION));
      db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('created_by', 'attn-theory')").run();
    }).immediate();
  }
  return new SqliteRunStore(db, path);
}

interface RunRow {
  hash: string;
  kind: string;
  sweep: string | null;
  config: string;
  result: string;
  created_at: string;
}

function fromRow(r: RunRow): StoredRun {
  return { hash: r.hash, kind: r.kind, sweep: r.sweep, config: JSON.parse(r.config), result: JSON.parse(r.result), createdAt: r.created_at };
}

/**
 * The SQLite store (def-run-store). Implements the experiments' RunStore contract (get/put of train
 * results by config hash) and a generic API for every run kind. Use openRunStore() to build one.
 */
export class SqliteRunStore {
  /** The file path. */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement | null;

  /** @internal Use openRunStore. */
  constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.insert = db.readonly ? null : db.prepare('INSERT OR IGNORE INTO runs(hash, kind, sweep, config, result, created_at) VALUES (@hash, @kind, @sweep, @config, @result, @created_at)');
  }

  /** RunStore contract: the stored result of the run with this hash (any kind), or undefined. */
  // biome-ignore lint/suspicious/noExplicitAny: the RunStore contract's default (callers name R where they read a result).
  get<R = any>(hash: string): R | undefined {
    return this.getRun(hash)?.result as R | undefined;
  }

  /**
   * RunStore contract: store a train result (its `config` field is stored as the run's config; a hash
   * already stored is left as it is).
   * @throws FileFormatError when the store was opened read-only; DomainError when the result holds NaN or
   *   an infinity.
   */
  put(hash: string, r: object): void {
    this.putRun({ hash, kind: 'train', sweep: null, config: (r as { config?: unknown }).config ?? null, result: r });
  }

  /** The whole stored run with this hash, or undefined. */
  getRun(hash: string): StoredRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE hash = ?').get(hash) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Whether a run with this hash is stored. */
  has(hash: string): boolean {
    return this.db.prepare('SELECT 1 FROM runs WHERE hash = ?').get(hash) !== undefined;
  }

  /**
   * Insert one finished run in its own transaction; returns false (and changes nothing) when the
   * hash is already stored (def-run-store).
   * @throws FileFormatError when the store was opened read-only; DomainError (canonicalJson) when the
   *   config or result holds NaN or an infinity.
   */
  putRun(run: Omit<StoredRun, 'createdAt'> & { createdAt?: string }): boolean {
    if (!this.insert) throw new FileFormatError(`SqliteRunStore.putRun: store must be opened writable (got read-only ${this.path})`);
    const ins = this.insert;
    const row = {
      hash: run.hash,
      kind: run.kind,
      sweep: run.sweep,
      config: canonicalJson(run.config),
      result: canonicalJson(run.result),
      created_at: run.createdAt ?? new Date().toISOString(),
    };
    return this.db.transaction(() => ins.run(row).changes === 1).immediate();
  }

  /** Every stored run, optionally of one kind, in hash order. */
  runs(kind?: string): StoredRun[] {
    const rows = (kind === undefined ? this.db.prepare('SELECT * FROM runs ORDER BY hash').all() : this.db.prepare('SELECT * FROM runs WHERE kind = ? ORDER BY hash').all(kind)) as RunRow[];
    return rows.map(fromRow);
  }

  /** The set of stored hashes (optionally of one kind). */
  hashes(kind?: string): Set<string> {
    const rows = (kind === undefined ? this.db.prepare('SELECT hash FROM runs').all() : this.db.prepare('SELECT hash FROM runs WHERE kind = ?').all(kind)) as { hash: string }[];
    return new Set(rows.map((r) => r.hash));
  }

  /** Number of stored runs (optionally of one kind). */
  count(kind?: string): number {
    const r = (kind === undefined ? this.db.prepare('SELECT count(*) AS n FROM runs').get() : this.db.prepare('SELECT count(*) AS n FROM runs WHERE kind = ?').get(kind)) as { n: number };
    return r.n;
  }

  /** The store's format version (meta table). */
  formatVersion(): number {
    return Number((this.db.prepare("SELECT value FROM meta WHERE key = 'format_version'").get() as { value: string }).value);
  }

  /** Close the database (checkpoints the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
