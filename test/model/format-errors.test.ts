/**
 * Model-file errors without a process spawn: every broken fixture of test/cli/fixtures.ts (and a few
 * in-memory variants) is rejected by readModelFile / modelFromJson with a FileFormatError whose one-line
 * message names the file, the field and the bad value. The CLI prints exactly this message
 * (test/cli/bad-input.test.ts checks one case per category through the binary).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { makeFixtures, exampleJson } from '../cli/fixtures.js';
import { readModelFile, modelFromJson } from '../../src/model/format.js';
import { rejection } from '../helpers/file-format-rejection.js';

const fx = makeFixtures();
afterAll(() => fx.cleanup());

describe('readModelFile rejects every broken fixture with a precise one-line message', () => {
  const cases: [string, RegExp][] = [
    ['does-not-exist.json', /does-not-exist\.json: cannot read model file \(no such file\)$/],
    ['invalid.json', /invalid\.json: invalid JSON \(/],
    ['version2.json', /version must be 1 \(got 2\)$/],
    ['foreign-format.json', /format must be "attn-theory-model" \(got "onnx"\)$/],
    ['shape-wv.json', /clsHeads\[0\]\.wV must be 10xany \(got 2x1\)$/],
    ['shape-readout.json', /readout\[1\]\.weight must be 3xany \(got 2x1\)$/],
    ['ragged.json', /embedding\.token: row 1 has 3 entries, expected 10$/],
    ['ctx0.json', /: contextLength must be an integer >= 1 \(got 0\)$/],
    ['ctx-negative.json', /: contextLength must be an integer >= 1 \(got -3\)$/],
    ['ctx-fraction.json', /: contextLength must be an integer >= 1 \(got 2\.5\)$/],
    ['width-fraction.json', /: width must be an integer >= 1 \(got 10\.5\)$/],
    ['support-out-of-range.json', /target\.support must be positions in 1\.\.8 \(got 9\)$/],
    ['infinite.json', /: embedding\.cls\[9\] must be a finite number \(got Infinity\)$/],
    ['nan-packed.json', /clsHeads\[0\]\.wV entry 3 \(row 3\) must be a finite number \(got NaN\)$/],
    ['packed-short.json', /clsHeads\[0\]\.wV\.float64le holds 72 bytes, expected 80 for shape 10x1$/],
  ];
  for (const [file, re] of cases) {
    test(file, () => {
      const msg = rejection(() => readModelFile(fx.path(file)));
      expect(msg.startsWith(fx.path(file) + ': ')).toBe(true);
      expect(msg).toMatch(re);
    });
  }
});

describe('modelFromJson: further field errors', () => {
  // biome-ignore lint/suspicious/noExplicitAny: each variant breaks the model JSON at an arbitrary path.
  const variants: [string, (j: Record<string, any>) => void, RegExp][] = [
    ['not an object', (j) => Object.keys(j).forEach((k) => delete j[k]), /: format must be "attn-theory-model"$/],
    ['onehot block past the width', (j) => (j.embedding.position[0].column = 3), /embedding\.position\[0\]: onehot codes need column \+ T <= d = 10 \(got 3 \+ 8\)/],
    ['unknown activation', (j) => (j.clsHeads[0].activation = 'gelu'), /clsHeads\[0\]\.activation: .*\(got "gelu"\)/],
    ['unknown field', (j) => (j.extra = 1), /\(root\): .*extra/],
    ['target table of the wrong length', (j) => (j.target.table = '0110'), /target\.table must be of length 2\^s = 8 \(got "length 4"\)/],
    ['cls of the wrong length', (j) => (j.embedding.cls = [1, 2]), /embedding\.cls must have length d = 10 \(got 2\)/],
    ['non-positive projection radius', (j) => j.layers.push({ heads: [], residual: true, projectionRadius: -1 }), /layers\[0\]\.projectionRadius must be a finite number > 0 or null \(got -1\)/],
    ['infinite entry of a nested-rows matrix (union branch named)', (j) => (j.embedding.token[1][3] = Infinity), /embedding\.token\[1\]\[3\] must be a finite number \(got Infinity\)/],
    ['non-number matrix entry', (j) => (j.clsHeads[0].wQK[0][0] = 'x'), /clsHeads\[0\]\.wQK\[0\]\[0\] must be a finite number \(got "x"\)/],
    ['packed matrix without data', (j) => (j.clsHeads[0].wV = { shape: [10, 1] }), /clsHeads\[0\]\.wV\.float64le is missing$/],
    ['missing field', (j) => delete j.embedding.cls, /: embedding\.cls is missing$/],
    ['support position 0', (j) => (j.target.support = [0, 5, 7]), /target\.support\[0\] must be an integer >= 1 \(got 0\)/],
    [
      'sign-hash seed beyond 32 bits',
      (j) => (j.embedding.position = [{ kind: 'sign-hash', scale: 1, seed: 2 ** 32, column: 0, width: 2 }]),
      /embedding\.position\[0\]\.seed must be an integer in 0\.\.4294967295 \(got 4294967296\)/,
    ],
    ['readout not ending in one output', (j) => (j.readout = [j.readout[0]]), /readout must end in 1 output \(got 3\)/],
  ];
  for (const [name, edit, re] of variants) {
    test(name, () => {
      const j = exampleJson();
      edit(j);
      expect(rejection(() => modelFromJson(j, 'm.json'))).toMatch(re);
    });
  }
});

describe('packed matrices: the reader enforces the documented base64 exactly (standard alphabet, padding, nothing else)', () => {
  // W_V of the example as 10×1 packed float64le: 80 bytes, 108 base64 characters ending in '='.
  const packed = (text: string) => {
    const j = exampleJson();
    j.clsHeads[0].wV = { shape: [10, 1], float64le: text };
    return j;
  };
  const good = (() => {
    const j = exampleJson();
    const col = (j.clsHeads[0].wV as number[][]).map((r) => r[0]);
    const buf = Buffer.alloc(80);
    col.forEach((x, i) => buf.writeDoubleLE(x, i * 8));
    return buf.toString('base64');
  })();
  const field = 'clsHeads\\[0\\]\\.wV\\.float64le must be standard base64 with padding';

  test('the canonical string is read (control)', () => {
    expect(good.endsWith('=')).toBe(true);
    expect(modelFromJson(packed(good), 'm.json').clsHeads[0].wV.rows).toBe(10);
  });
  const cases: [string, string, RegExp][] = [
    ['a stray *', good.slice(0, 20) + '*' + good.slice(20), new RegExp(`${field} .*\\(the character "\\*" at offset 20\\)$`)],
    ['missing padding', good.replace(/=+$/, ''), new RegExp(`${field} .*\\(length 107 is not a multiple of 4: missing '=' padding\\?\\)$`)],
    ['the URL-safe alphabet', good.replace(/\+/g, '-').replace(/\//g, '_').replace(/^./, '-'), new RegExp(`${field} .*\\("-" of the URL-safe alphabet at offset 0\\)$`)],
    ['an embedded space', good.slice(0, 40) + ' ' + good.slice(40), new RegExp(`${field} .*\\(whitespace " " at offset 40\\)$`)],
    ['an embedded newline', good.slice(0, 76) + '\n' + good.slice(76), new RegExp(`${field} .*\\(whitespace "\\\\n" at offset 76\\)$`)],
    ['padding in the middle', good.slice(0, 8) + '====' + good.slice(12), new RegExp(`${field} .*\\('=' at offset 8 before the end\\)$`)],
    ['nonzero unused bits', good.slice(0, -2) + String.fromCharCode(good.charCodeAt(good.length - 2) + 1) + '=', new RegExp(`${field} .*\\(not canonical`)],
  ];
  for (const [name, text, re] of cases) {
    test(name, () => {
      expect(text).not.toBe(good);
      expect(rejection(() => modelFromJson(packed(text), 'm.json'))).toMatch(re);
    });
  }
});
