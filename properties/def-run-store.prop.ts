/**
 * def-run-store: canonical JSON is key-order independent and round-trips; a stored run reads back
 * equal to what was put; a hash is stored at most once whatever the order and repetition of puts.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '../test/helpers/fc-test.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, contentHash } from '../src/experiments/store/canonical.js';
import { openRunStore } from '../src/experiments/store/sqlite-store.js';

/** JSON values with finite numbers (what configs and results are made of). */
const arbJson = fc.jsonValue({ maxDepth: 3 });

function shuffleKeys(v: unknown, rnd: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    return Object.fromEntries(keys.map((k) => [k, shuffleKeys((v as Record<string, unknown>)[k], rnd)]));
  }
  return v;
}

describe('def-run-store', () => {
  test.prop([arbJson, fc.integer({ min: 1, max: 2 ** 30 })], { seed: 7001, numRuns: 200 })('canonical JSON ignores key order and round-trips', (v, s) => {
    let state = s;
    const rnd = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const shuffled = shuffleKeys(v, rnd);
    expect(canonicalJson(shuffled)).toBe(canonicalJson(v));
    expect(contentHash('k', shuffled)).toBe(contentHash('k', v));
    expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
  });

  test.prop([fc.array(fc.record({ key: fc.integer({ min: 0, max: 9 }), value: arbJson }), { minLength: 1, maxLength: 25 })], { seed: 7002, numRuns: 30 })(
    'puts in any order and repetition store each hash once, first put wins, reads back equal',
    (puts) => {
      const s = openRunStore(join(mkdtempSync(join(tmpdir(), 'attn-store-prop-')), 's.db'));
      try {
        const first = new Map<number, unknown>();
        for (const p of puts) {
          const inserted = s.putRun({ hash: `h${p.key}`, kind: 'k', sweep: null, config: { key: p.key }, result: { value: p.value } });
          expect(inserted).toBe(!first.has(p.key));
          if (!first.has(p.key)) first.set(p.key, p.value);
        }
        expect(s.count()).toBe(first.size);
        for (const [k, v] of first) expect(s.getRun(`h${k}`)?.result).toEqual(JSON.parse(JSON.stringify({ value: v })));
      } finally {
        s.close();
      }
    },
  );
});
