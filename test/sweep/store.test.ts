import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openRunStore, readStoreFormatVersion } from '../../src/experiments/store/sqlite-store.js';
import { STORE_FORMAT_VERSION } from '../../src/experiments/store/format.js';
import { canonicalJson, contentHash } from '../../src/experiments/store/canonical.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'attn-store-'));

describe('SQLite run store', () => {
  test('put/get round-trips, rerun never duplicates, format version recorded', () => {
    const path = join(tmp(), 'a.db');
    const s = openRunStore(path);
    expect(s.formatVersion()).toBe(STORE_FORMAT_VERSION);
    expect(s.putRun({ hash: 'h1', kind: 'k', sweep: 'w', config: { b: 1, a: 2 }, result: { v: 0.5 } })).toBe(true);
    expect(s.putRun({ hash: 'h1', kind: 'k', sweep: 'w', config: { b: 1, a: 2 }, result: { v: 9 } })).toBe(false);
    expect(s.count()).toBe(1);
    expect(s.getRun('h1')?.result).toEqual({ v: 0.5 });
    s.put('h2', { config: { task: 'parity' }, testAccuracy: 1 });
    expect(s.get<{ testAccuracy: number }>('h2')?.testAccuracy).toBe(1);
    expect(s.count('train')).toBe(1);
    s.close();
    const r = openRunStore(path, { readonly: true });
    expect(r.count()).toBe(2);
    expect(() => r.putRun({ hash: 'h3', kind: 'k', sweep: null, config: {}, result: {} })).toThrow(/must be opened writable/);
    r.close();
    expect(readStoreFormatVersion(path)).toBe(STORE_FORMAT_VERSION);
  });

  test('refuses a newer format, a foreign SQLite file and a non-SQLite file, leaving them byte-identical', () => {
    const dir = tmp();
    const newer = join(dir, 'newer.db');
    const s = openRunStore(newer);
    s.close();
    const raw = new Database(newer);
    raw.prepare("UPDATE meta SET value = ? WHERE key = 'format_version'").run(String(STORE_FORMAT_VERSION + 1));
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = readFileSync(newer);
    expect(() => openRunStore(newer)).toThrow(/format version of .* must be <= 1 \(got 2/);
    expect(readFileSync(newer).equals(before)).toBe(true);

    const foreign = join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t(x)');
    f.close();
    const fb = readFileSync(foreign);
    expect(() => openRunStore(foreign)).toThrow(/must be an attn-theory run store/);
    expect(readFileSync(foreign).equals(fb)).toBe(true);

    const text = join(dir, 'text.db');
    writeFileSync(text, 'hello, not sqlite');
    expect(() => openRunStore(text)).toThrow(/must be a SQLite run store/);
    expect(readFileSync(text, 'utf8')).toBe('hello, not sqlite');
    expect(() => openRunStore(join(dir, 'missing.db'), { readonly: true })).toThrow(/must be an existing run store/);
  });

  test('canonical JSON sorts keys and rejects non-finite numbers; hashes ignore key order', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    expect(contentHash('k', { a: 1, b: 2 })).toBe(contentHash('k', { b: 2, a: 1 }));
    expect(contentHash('k', { a: 1 })).not.toBe(contentHash('j', { a: 1 }));
    expect(() => canonicalJson({ a: NaN })).toThrow(/canonicalJson: \$\.a must be a finite number \(got NaN\)/);
  });
});
