/**
 * Broken model files for the CLI bad-input tests, each derived from the shipped example
 * examples/parity3-T8.json by one targeted change, written into a fresh temporary directory.
 */
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

/** Path of the shipped example model (T = 8, parity of bits 2, 5, 7). */
export const EXAMPLE = join(REPO_ROOT, 'examples/parity3-T8.json');

// biome-ignore lint/suspicious/noExplicitAny: fixtures edit arbitrary model JSON by path.
type Json = Record<string, any>;

/** The example as parsed JSON (a fresh copy each call). */
export function exampleJson(): Json {
  return JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Json;
}

/** A temporary directory holding named fixture files; call cleanup() when done. */
export function makeFixtures(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'attn-cli-'));
  const write = (name: string, content: string | Json) => writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  const edit = (name: string, f: (j: Json) => void) => {
    const j = exampleJson();
    f(j);
    write(name, j);
  };
  write('invalid.json', '{"format": "attn-theory-model", ');
  {
    const j = exampleJson();
    delete (j.embedding as Record<string, unknown>).cls;
    write('missing-cls.json', j);
  }
  edit('version2.json', (j) => (j.version = 2));
  edit('foreign-format.json', (j) => (j.format = 'onnx'));
  edit('shape-wv.json', (j) => (j.clsHeads[0].wV = [[1], [2]]));
  edit('shape-readout.json', (j) => (j.readout[1].weight = [[6], [-12]]));
  edit(
    'ragged.json',
    (j) =>
      (j.embedding.token = [
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0],
      ]),
  );
  edit('ctx0.json', (j) => (j.contextLength = 0));
  edit('ctx-negative.json', (j) => (j.contextLength = -3));
  edit('ctx-fraction.json', (j) => (j.contextLength = 2.5));
  edit('width-fraction.json', (j) => (j.width = 10.5));
  edit('support-out-of-range.json', (j) => (j.target.support = [2, 5, 9]));
  // JSON has no NaN/Infinity literals: 1e999 parses to Infinity.
  write('infinite.json', JSON.stringify(exampleJson()).replace('"cls":[0,0,0,0,0,0,0,0,0,1]', '"cls":[0,0,0,0,0,0,0,0,0,1e999]'));
  edit('nan-packed.json', (j) => {
    const buf = Buffer.alloc(10 * 8);
    buf.writeDoubleLE(NaN, 3 * 8);
    j.clsHeads[0].wV = { shape: [10, 1], float64le: buf.toString('base64') };
  });
  edit('packed-short.json', (j) => (j.clsHeads[0].wV = { shape: [10, 1], float64le: Buffer.alloc(72).toString('base64') }));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
