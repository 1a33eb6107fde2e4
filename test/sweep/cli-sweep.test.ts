/**
 * The sweep CLI as a user runs it: run/status/export on a small 'bound' sweep, shards merged equal to
 * the unsharded run, and the bad-input contract (one line on stderr, exit 2, the store byte-identical).
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, isOneLineError } from '../helpers/cli.js';
import { openRunStore } from '../../src/experiments/store/sqlite-store.js';
import { parseCsv } from '../../src/report/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-sweep-cli-'));
const spec = {
  name: 'cli-bounds',
  kind: 'bound',
  grid: { contextLength: [16, 64, 256, 1024], sampleSize: [1000000, 100000000] },
  fixed: { model: 'scalar', width: 16, inputNorm: 1, normBounds: { valueSpectral: 1, valueGroup21: 1, qkGroup21: 2, readout: 1 }, activationLipschitz: 1, margin: 0.5, delta: 0.05 },
};
const specPath = join(dir, 'bounds.json');
const dbPath = join(dir, 'bounds.db');

function results(path: string): Map<string, unknown> {
  const s = openRunStore(path, { readonly: true });
  try {
    return new Map(s.runs().map((r) => [r.hash, r.result]));
  } finally {
    s.close();
  }
}

beforeAll(() => {
  writeFileSync(specPath, JSON.stringify(spec));
  const r = runCli(['sweep', 'run', specPath, '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/8 cells, 0 already stored, 8 run now, 0 missing/);
});

describe('sweep CLI', () => {
  test('rerun is idempotent; status and export read the store', () => {
    const again = runCli(['sweep', 'run', specPath, '--quiet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/8 cells, 8 already stored, 0 run now, 0 missing/);
    const csv = runCli(['sweep', 'export', specPath, '--csv']);
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.stdout);
    expect(rows).toHaveLength(8);
    const stored = results(dbPath);
    for (const row of rows) {
      const r = stored.get(row.hash) as { generalizationGap: number; total: number };
      expect(Number(row.generalizationGap)).toBe(r.generalizationGap);
      expect(Number(row.total)).toBe(r.total);
    }
  });

  test('shards 1/2 and 2/2 merged equal the unsharded run', () => {
    const shards = [1, 2].map((i) => {
      const r = runCli(['sweep', 'run', specPath, '--shard', `${i}/2`, '--quiet']);
      expect(r.code).toBe(0);
      return join(dir, `bounds.shard-${i}-of-2.db`);
    });
    const sizes = shards.map((p) => results(p).size);
    expect(sizes).toEqual([4, 4]);
    const merged = join(dir, 'merged.db');
    const m = runCli(['sweep', 'merge', ...shards, '--out', merged]);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/8 runs added, 0 already present, 8 in/);
    expect(results(merged)).toEqual(results(dbPath));
  });

  test('bad input: one line, exit 2, the store byte-identical', () => {
    const before = readFileSync(dbPath);
    const bad = (name: string, body: string) => {
      const p = join(dir, name);
      writeFileSync(p, body);
      return p;
    };
    const cases: [string[], RegExp][] = [
      [['sweep', 'run', bad('malformed.json', '{"name": "x", "kind": '), '--db', dbPath], /must be valid JSON/],
      [['sweep', 'run', bad('unknown.json', JSON.stringify({ ...spec, colour: 'red' })), '--db', dbPath], /spec: unknown field colour/],
      [['sweep', 'run', bad('negative.json', JSON.stringify({ ...spec, grid: { ...spec.grid, contextLength: [16, -64] } })), '--db', dbPath], /grid\.contextLength\[1\] must be/],
      [['sweep', 'run', specPath, '--shard', '3/2', '--db', dbPath], /--shard must be i\/N with integers 1 <= i <= N \(got "3\/2"\)/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args);
      expect(isOneLineError(r), `${args.join(' ')} -> ${r.code} ${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(re);
      expect(readFileSync(dbPath).equals(before)).toBe(true);
    }
  });

  test('a store of a newer format is refused untouched by sweep run and report --from', () => {
    const newer = join(dir, 'newer.db');
    const s = openRunStore(newer);
    s.close();
    const raw = new Database(newer);
    raw.prepare("UPDATE meta SET value = '99' WHERE key = 'format_version'").run();
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = readFileSync(newer);
    for (const args of [
      ['sweep', 'run', specPath, '--db', newer],
      ['report', '--from', newer, '--out', join(dir, 'rep')],
    ]) {
      const r = runCli(args);
      expect(isOneLineError(r), `${args.join(' ')} -> ${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(/format version of .* must be <= 1 \(got 99/);
      expect(readFileSync(newer).equals(before)).toBe(true);
    }
  });
});
