/**
 * Stores of finished runs keyed by configHash (the RunStore contract): an in-memory map, and a
 * JSON-lines file rewritten atomically on every put (so an interrupted search leaves either the old or
 * the new file, never a torn line). src/experiments/store/ provides the SQLite implementation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/files.js';
import { FileFormatError } from '../core/errors.js';
import type { TrainResult } from './train.js';

/** Where sampleComplexity and sweeps find finished runs (key: configHash of the run's config). */
export interface RunStore {
  get(hash: string): TrainResult | undefined;
  put(hash: string, r: TrainResult): void;
}

/** A RunStore in memory. */
export class MemoryRunStore implements RunStore {
  private readonly map = new Map<string, TrainResult>();
  get(hash: string): TrainResult | undefined {
    return this.map.get(hash);
  }
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

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    const lines = readFileSync(path, 'utf8').split('\n');
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

  get(hash: string): TrainResult | undefined {
    return this.map.get(hash);
  }

  put(hash: string, r: TrainResult): void {
    this.map.set(hash, r);
    const text = [...this.map].map(([h, res]) => JSON.stringify({ hash: h, result: res })).join('\n') + '\n';
    writeFileAtomic(this.path, text);
  }

  /** Number of stored runs. */
  get size(): number {
    return this.map.size;
  }
}
