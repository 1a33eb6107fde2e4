/**
 * certify-sign-hash-kernel.ts (alg-certify-position-keys, "Cost"), each case on a FRESH copy of the module
 * (vi.resetModules + dynamic import), so the WebAssembly kernel is assembled and instantiated inside the
 * test rather than reused from an earlier import:
 * - the kernel is WebAssembly on Node, and neg[t] = Σ_{signHash(seed,t,j) = −1} w_j exactly (integer w:
 *   every partial sum is exact, so any order gives the same float), for D from 0 to 70, T up to 20 000
 *   (the kernel's memory must grow), then a small T again after a large one (no shrinking grow call);
 * - D = 0 (no chunk) gives zeros; the tables' documented shape (⌈D/8⌉ chunks, 256 entries and 8 keys per chunk);
 * - engines without a usable kernel: no WebAssembly at all, a `validate` that refuses the module, a
 *   Module constructor that throws: the JavaScript loop runs and gives the same sums.
 * Targets the module bytes (LEB128 encoders, sections), the memory growth and the fallback conditions.
 */
import { describe, expect, test, vi } from 'vitest';
import { signHash } from '../../../src/model/position-codes.js';
import { SIGN_HASH_KERNEL_ID } from '../../../src/constructions/certify-sign-hash-kernel.js';

type KernelModule = typeof import('../../../src/constructions/certify-sign-hash-kernel.js');

async function freshKernel(): Promise<KernelModule> {
  vi.resetModules();
  return import('../../../src/constructions/certify-sign-hash-kernel.js');
}

/** Integer-valued w (|w_j| ≤ 50): all subset sums are exact in float64. */
function intVector(D: number, salt: number): Float64Array {
  return Float64Array.from({ length: D }, (_, j) => ((j * 37 + salt * 11) % 101) - 50);
}

function reference(seed: number, T: number, w: Float64Array): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < w.length; j++) if (signHash(seed, t, j) < 0) s += w[j];
    out[t] = s;
  }
  return out;
}

function checkSums(k: KernelModule, seed: number, T: number, D: number): void {
  const w = intVector(D, seed);
  const tables = k.signHashTables(w);
  const neg = k.signHashNegSums(seed, T, tables);
  expect(neg.length).toBe(T);
  const ref = reference(seed, T, w);
  for (let t = 0; t < T; t++) if (neg[t] !== ref[t]) expect({ t, got: neg[t] }).toEqual({ t, got: ref[t] });
  expect(k.signHashTotal(tables)).toBe(w.reduce((a, x) => a + x, 0));
}

async function withWebAssembly<R>(replacement: unknown, run: () => Promise<R>): Promise<R> {
  const g = globalThis as { WebAssembly?: unknown };
  const saved = g.WebAssembly;
  g.WebAssembly = replacement;
  try {
    return await run();
  } finally {
    g.WebAssembly = saved;
  }
}

describe(`${SIGN_HASH_KERNEL_ID}: the SIMD kernel (fresh module) computes the negative sums exactly`, () => {
  test('WebAssembly in use; D = 1, 7, 8, 9, 64, 70 and T up to 20000; then a small T', async () => {
    const k = await freshKernel();
    expect(k.signHashKernelIsWasm()).toBe(true);
    for (const D of [1, 7, 8, 9, 64, 70]) checkSums(k, 0x9e3779b9 + D, 37, D);
    checkSums(k, 4242, 20000, 13); // 20000·8 B of output: more than the first 64 KiB page
    checkSums(k, 17, 5, 70); // after the memory grew
    checkSums(k, 2 ** 32 - 1, 3, 16);
  });

  test('D = 0: no chunk, all sums 0; T = 0: empty', async () => {
    const k = await freshKernel();
    const empty = k.signHashTables(new Float64Array(0));
    expect(empty.chunks).toBe(0);
    expect(Array.from(k.signHashNegSums(5, 4, empty))).toEqual([0, 0, 0, 0]);
    expect(k.signHashNegSums(5, 0, k.signHashTables(intVector(9, 1))).length).toBe(0);
  });

  test('the tables have the documented shape', async () => {
    const k = await freshKernel();
    for (const D of [1, 8, 9, 17, 70]) {
      const w = intVector(D, 3);
      const t = k.signHashTables(w);
      const C = Math.ceil(D / 8);
      expect(t.chunks).toBe(C);
      expect(t.tab.length).toBe(256 * C);
      expect(t.keys.length).toBe(8 * C);
      for (let j = 0; j < 8 * C; j++) expect(t.keys[j]).toBe(Math.imul(j + 1, 0x9e3779b1));
      // tab[c·256 + mask] = Σ_{k ∈ mask, 8c+k < D} w_{8c+k}
      for (let c = 0; c < C; c++) {
        for (const mask of [1, 5, 128, 255]) {
          let s = 0;
          for (let b = 0; b < 8; b++) if (mask & (1 << b) && 8 * c + b < D) s += w[8 * c + b];
          expect(t.tab[c * 256 + mask]).toBe(s);
        }
      }
    }
  });
});

describe('without a usable kernel the JavaScript loop gives the same sums', () => {
  const real = (globalThis as unknown as { WebAssembly: { Module: unknown; Instance: unknown } }).WebAssembly;
  test('no WebAssembly at all', async () => {
    await withWebAssembly(undefined, async () => {
      const k = await freshKernel();
      expect(k.signHashKernelIsWasm()).toBe(false);
      checkSums(k, 99, 50, 21);
    });
  });
  test('validate refuses the module (even though Module and Instance would work)', async () => {
    await withWebAssembly({ validate: () => false, Module: real.Module, Instance: real.Instance }, async () => {
      const k = await freshKernel();
      expect(k.signHashKernelIsWasm()).toBe(false);
      checkSums(k, 7, 40, 12);
    });
  });
  test('the Module constructor throws', async () => {
    const Module = () => {
      throw new Error('refused');
    };
    await withWebAssembly({ validate: () => true, Module, Instance: real.Instance }, async () => {
      const k = await freshKernel();
      expect(k.signHashKernelIsWasm()).toBe(false);
      checkSums(k, 8, 40, 12);
    });
  });
});
