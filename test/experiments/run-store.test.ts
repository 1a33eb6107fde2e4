/**
 * Run stores (RunStore contract): the JSON-lines store survives an interrupted append (a torn last line
 * is cut off on open and the run is simply redone), rejects a corrupt complete line with a one-line
 * FileFormatError, and round-trips results.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlRunStore, MemoryRunStore } from '../../src/experiments/run-store.js';
import { FileFormatError } from '../../src/core/errors.js';
import type { TrainResult } from '../../src/experiments/train.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = (i: number) => ({ testAccuracy: i / 10, config: { seed: i } }) as unknown as TrainResult;

describe('JsonlRunStore', () => {
  test('round trip, and a torn last line is cut off on open', () => {
    const path = join(dir, 'a', 'runs.jsonl');
    const s = new JsonlRunStore(path);
    s.put('h1', fake(1));
    s.put('h2', fake(2));
    appendFileSync(path, '{"hash":"h3","result":{"testAcc'); // a kill in the middle of an append
    const t = new JsonlRunStore(path);
    expect(t.size).toBe(2);
    expect(t.get('h2')).toEqual(fake(2));
    expect(t.get('h3')).toBeUndefined();
    t.put('h3', fake(3));
    const u = new JsonlRunStore(path);
    expect(u.size).toBe(3);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });

  test('a corrupt complete line is a FileFormatError naming the file and line', () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, '{"hash":"h1","result":{}}\nnot json\n');
    expect(() => new JsonlRunStore(path)).toThrow(FileFormatError);
    expect(() => new JsonlRunStore(path)).toThrow(/bad\.jsonl: line 2 is not valid JSON/);
    writeFileSync(path, '{"hash":1,"result":{}}\n');
    expect(() => new JsonlRunStore(path)).toThrow(/line 1 must be \{"hash": string, "result": object\}/);
  });

  test('MemoryRunStore', () => {
    const m = new MemoryRunStore();
    m.put('x', fake(5));
    expect(m.get('x')).toEqual(fake(5));
    expect(m.size).toBe(1);
  });
});
