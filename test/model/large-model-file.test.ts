/**
 * Model files at scale (issue 2): a T = 65,536, d = 64 model with a dense position matrix (packed
 * float64le, ~43 MiB) is written and loaded once, and computes exactly what the in-memory model
 * computes. No timing assertion: bench/model-file-load.ts measures the speed.
 */
import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomModel } from '../../properties/arbitraries/model.js';
import { writeModelFile, readModelFile } from '../../src/model/format.js';
import { forward } from '../../src/model/forward.js';
import { createRng } from '../../src/core/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'attn-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a T = 65,536, d = 64 model file with a dense position matrix loads and evaluates', () => {
  const T = 65_536;
  const d = 64;
  const model = randomModel({ seed: 65536, contextLength: T, width: d, layers: 0, clsHeads: 1, readoutDepth: 2 }, { positionKinds: ['dense'], positionBlocks: 1, headDim: 4, target: 'never' });
  const path = join(dir, 'large.json');
  writeModelFile(path, model);
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { embedding: { position: { matrix: { shape: number[]; float64le: string } }[] } };
  expect(raw.embedding.position[0].matrix.shape).toEqual([T, d]);
  const back = readModelFile(path);
  expect(back.contextLength).toBe(T);
  const block = back.embedding.position[0];
  const orig = model.embedding.position[0];
  if (block.kind !== 'dense' || orig.kind !== 'dense') throw new Error('expected dense position blocks');
  // Byte comparison (vitest's deep equality is slow on 4M-entry arrays).
  expect(Buffer.compare(Buffer.from(block.matrix.data.buffer), Buffer.from(orig.matrix.data.buffer))).toBe(0);
  const rng = createRng(7);
  const bits = Uint8Array.from({ length: T }, () => rng.bit());
  expect(forward(back, bits)).toBe(forward(model, bits));
});
