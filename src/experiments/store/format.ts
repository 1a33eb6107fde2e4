/**
 * The run store's on-disk format (def-run-store): one SQLite file with
 *   meta(key TEXT PRIMARY KEY, value TEXT)          -- 'format_version', 'created_by'
 *   runs(hash TEXT PRIMARY KEY, kind TEXT, sweep TEXT, config TEXT, result TEXT, created_at TEXT)
 * `config` and `result` hold canonical JSON. A store whose format_version is newer than
 * STORE_FORMAT_VERSION is refused before anything is written to it.
 */

/** Id of the store definition (proofs-notes/def-run-store.md). */
export const RUN_STORE_ID = 'def-run-store';

/** Format version written by this build; stores with a larger version are refused untouched. */
export const STORE_FORMAT_VERSION = 1;

/** SQL creating the schema (idempotent). */
export const STORE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  hash TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  sweep TEXT,
  config TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_kind ON runs(kind);
`;

/** Busy timeout (ms) so that concurrent writers (shards on one file, a report reading) wait instead of failing. */
export const STORE_BUSY_TIMEOUT_MS = 15_000;
