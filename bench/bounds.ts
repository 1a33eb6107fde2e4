/**
 * Bound evaluation time per call: analytic requests (scalar, multi-head, transformer) and from a
 * model file at T = 4096 (read + measure norms + bound). Run: npx tsx bench/bounds.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeBound, boundFromModel, requiredSampleSize, type BoundRequest } from '../src/bounds/api.js';
import { readModelFile, writeModelFile } from '../src/model/format.js';
import { fromData } from '../src/core/matrix.js';
import { createRng } from '../src/core/rng.js';
import type { Model } from '../src/model/types.js';

function time(label: string, reps: number, f: () => unknown): void {
  f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  const ms = (performance.now() - t0) / reps;
  console.log(`${label.padEnd(58)} ${ms.toFixed(2)} ms/call`);
}

const T = 4096;
const req: BoundRequest = {
  model: 'scalar',
  contextLength: T,
  width: 64,
  sampleSize: 100000,
  inputNorm: 1,
  normBounds: { valueSpectral: 1, valueGroup21: 2, qkGroup21: 2, readout: 1 },
  activationLipschitz: 1,
  margin: 0.5,
  delta: 0.05,
};
time('computeBound scalar (T = 4096, d = 64)', 50, () => computeBound(req));
time('computeBound multihead H = 4', 50, () => computeBound({ ...req, model: 'multihead', heads: 4 }));
time('computeBound transformer L = 4, H = 4', 20, () => computeBound({ ...req, model: 'transformer', layers: 4, heads: 4 }));
const { sampleSize: _m, ...noM } = req; // requiredSampleSize's request has no sampleSize (strict schema)
time('requiredSampleSize scalar, target gap 0.5', 5, () => requiredSampleSize(noM, 0.5));

const rng = createRng(42);
const d = 64;
const mat = (r: number, c: number, s: number) =>
  fromData(
    r,
    c,
    Float64Array.from({ length: r * c }, () => s * rng.normal()),
  );
const model: Model = {
  contextLength: T,
  width: d,
  embedding: { token: mat(2, d, 0.1), position: [{ kind: 'sign-hash', scale: 0.1, seed: 7, column: 0, width: d }], cls: Float64Array.from({ length: d }, () => 0.1 * rng.normal()) },
  layers: [{ heads: [{ wQK: mat(d, d, 0.05), wV: mat(d, 16, 0.1), wC: mat(16, d, 0.1), activation: 'relu' }], residual: true, projectionRadius: 2 }],
  clsHeads: [{ wQK: mat(d, d, 0.05), wV: mat(d, 16, 0.1), activation: 'identity' }],
  readout: [{ weight: mat(16, 1, 0.3), bias: null, activation: 'identity' }],
};
const dir = mkdtempSync(join(tmpdir(), 'bench-bounds-'));
const path = join(dir, 'model.json');
writeModelFile(path, model);
time('boundFromModel (file read + norms + bound), T = 4096, L = 1', 10, () => boundFromModel(readModelFile(path), { sampleSize: 100000, margin: 0.5, delta: 0.05 }));
rmSync(dir, { recursive: true, force: true });
