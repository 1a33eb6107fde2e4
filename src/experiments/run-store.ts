/**
 * Stores of finished runs keyed by configHash (the RunStore contract): an in-memory map, and a
 * JSON-lines file to which each finished run is appended as one line with a single write + fsync. A kill
 * can at worst leave an unterminated last line, which reading ignores (that run is simply redone); every
 * newline-terminated line is a complete record, and opening the store cuts such a torn tail off. src/experiments/store/ provides the SQLite implementation.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileFormatError } from '../core/errors.js';
import type { TrainResult } from './train-result.js';

/** Where sampleComplexity and sweeps find finished runs (key: configHash of the run's config). */
export interface RunStore {
  /** The stored result of the run whose config has this configHash, or undefined. */
  get(hash: string): TrainResult | undefined;
  /** Store the finished run `r` under its config's hash (replacing an earlier one). */
  put(hash: string, r: TrainResult): void;
}

/** A RunStore in memory. */
export class MemoryRunStore implements RunStore {
  private readonly map = new Map<string, TrainResult>();
  /** The stored result under `hash`, or undefined. */
  get(hash: string): TrainResult | undefined {
    return this.map.get(hash);
  }
  /** Keep `r` under `hash` (in memory only). */
  put(hash: string, r: TrainResult): void {
    this.map.set(hash, r);
  }
  /** Number of stored runs. */
  get size(): number {
    return this.map.size;
  }
}

/**
 * A RunStore in a JSON-lines file, one `{"hash": ..., "result": ...}` per line. Reading rejects a
 * malformed line with FileFormatError naming the file and line.
 */
export class JsonlRunStore implements RunStore {
  private readonly map = new Map<string, TrainResult>();

  /**
   * Open (or, on the first put, create) the store at `path`, load every complete line and cut off a torn
   * last line.
   * @param path - the JSON-lines file.
   * @throws FileFormatError naming the file and line for a line that is not JSON or not {hash, result}.
   */
  constructor(
    /** The JSON-lines file backing the store. */
    readonly path: string,
  ) {
    if (!existsSync(path)) return;
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    // The text after the last newline is an interrupted append (or empty): not a record. Cut it off so
    // the next append starts on a fresh line.
    const tail = lines.pop() ?? '';
    if (tail !== '') truncateSync(path, Buffer.byteLength(text) - Buffer.byteLength(tail));
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let rec: { hash?: unknown; result?: unknown };
      try {
        rec = JSON.parse(line);
      } catch (err) {
        throw new FileFormatError(`${path}: line ${i + 1} is not valid JSON (${(err as Error).message.split('\n')[0]})`);
      }
      if (typeof rec.hash !== 'string' || typeof rec.result !== 'object' || rec.result === null) {
        throw new FileFormatError(`${path}: line ${i + 1} must be {"hash": string, "result": object}`);
      }
      this.map.set(rec.hash, rec.result as TrainResult);
    });
  }

  /** The stored result under `hash`, or undefined. */
  get(hash: string): TrainResult | undefined {
    return this.map.get(hash);
  }

  /** Append `r` under `hash` as one line, written and fsynced before it counts as stored. */
  put(hash: string, r: TrainResult): void {
    const line = JSON.stringify({ hash, result: r }) + '\n';
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a');
    try {
      appendFileSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.map.set(hash, r);
  }

  /** Number of stored runs. */
  get size(): number {
    return this.map.size;
  }
}
