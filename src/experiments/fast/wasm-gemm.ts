/**
 * A WebAssembly SIMD (f64x2) kernel for the 4×4 blocks of gemm.ts's C += A·B when B's rows are
 * contiguous (bcs = 1), assembled here byte by byte (no toolchain, no binary in the repository). Each
 * C entry is the same k-ordered sum of IEEE products as the JS kernel computes (wasm has no fused
 * multiply-add), so both give bit-identical results (proofs-notes/alg-fused-cls-step.md §Cost).
 */

/** The part of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number }) => WasmMemory;
}
/** A WebAssembly.Memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The 4×4-block kernel over one memory: byte pointers and byte strides; null when the engine lacks wasm SIMD. */
export interface WasmGemm {
  readonly memory: WasmMemory;
  /** C[4·M4 × 4·N4 block] += A·B; a, b, c byte offsets; ars, acs, brs, ldc byte strides. */
  gemm4(M4: number, N4: number, K: number, a: number, ars: number, acs: number, b: number, brs: number, c: number, ldc: number): void;
}

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

// opcodes
const LG = (i: number) => [0x20, ...uleb(i)];
const LS = (i: number) => [0x21, ...uleb(i)];
const I32C = (v: number) => [0x41, ...uleb(v)]; // non-negative values < 64 only (sleb = uleb there)
const ADD = [0x6a];
const SUB = [0x6b];
const MUL = [0x6c];
const GE_S = [0x4e];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const BR = (l: number) => [0x0c, l];
const BR_IF = (l: number) => [0x0d, l];
const F64_LOAD = [0x2b, 0x03, 0x00];
const V_LOAD = (off: number) => [0xfd, 0x00, 0x03, ...uleb(off)];
const V_STORE = (off: number) => [0xfd, 0x0b, 0x03, ...uleb(off)];
const V_ZERO = [0xfd, 0x0c, ...new Array(16).fill(0)];
const SPLAT = [0xfd, 0x14];
const FADD = [0xfd, 0xf0, 0x01];
const FMUL = [0xfd, 0xf2, 0x01];

function moduleBytes(): Uint8Array {
  // params: 0 M4, 1 N4, 2 K, 3 a, 4 ars, 5 acs, 6 b, 7 brs, 8 c, 9 ldc
  // i32 locals: 10 i, 11 j, 12 k, 13 pa0, 14 pa1, 15 pa2, 16 pa3, 17 pb, 18 pc
  // v128 locals: 19..26 acc (row r, half h at 19 + 2r + h), 27 b0, 28 b1, 29 t
  const acc = (r: number, h: number) => 19 + 2 * r + h;
  const body: number[] = [];
  const e = (...xs: number[][]) => {
    for (const x of xs) body.push(...x);
  };
  e(I32C(0), LS(10), BLOCK, LOOP); // i loop
  e(LG(10), LG(0), GE_S, BR_IF(1));
  e(I32C(0), LS(11), BLOCK, LOOP); // j loop
  e(LG(11), LG(1), GE_S, BR_IF(1));
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) e(V_ZERO, LS(acc(r, h)));
  // pa0 = a + 4 i ars; pa_r = pa_{r-1} + ars; pb = b + 32 j
  e(LG(3), LG(10), I32C(4), MUL, LG(4), MUL, ADD, LS(13));
  e(LG(13), LG(4), ADD, LS(14), LG(14), LG(4), ADD, LS(15), LG(15), LG(4), ADD, LS(16));
  e(LG(6), LG(11), I32C(32), MUL, ADD, LS(17));
  e(LG(2), LS(12), BLOCK, LOOP); // k loop, k = K down to 1
  e(LG(12), I32C(1), [0x48], BR_IF(1)); // k < 1 (i32.lt_s) → exit
  e(LG(17), V_LOAD(0), LS(27), LG(17), V_LOAD(16), LS(28));
  for (let r = 0; r < 4; r++) {
    e(LG(13 + r), F64_LOAD, SPLAT, LS(29));
    e(LG(acc(r, 0)), LG(29), LG(27), FMUL, FADD, LS(acc(r, 0)));
    e(LG(acc(r, 1)), LG(29), LG(28), FMUL, FADD, LS(acc(r, 1)));
    e(LG(13 + r), LG(5), ADD, LS(13 + r));
  }
  e(LG(17), LG(7), ADD, LS(17));
  e(LG(12), I32C(1), SUB, LS(12), BR(0), END, END); // end k loop
  // pc = c + 4 i ldc + 32 j; C rows += acc
  e(LG(8), LG(10), I32C(4), MUL, LG(9), MUL, ADD, LG(11), I32C(32), MUL, ADD, LS(18));
  for (let r = 0; r < 4; r++) {
    for (let h = 0; h < 2; h++) e(LG(18), LG(18), V_LOAD(16 * h), LG(acc(r, h)), FADD, V_STORE(16 * h));
    if (r < 3) e(LG(18), LG(9), ADD, LS(18));
  }
  e(LG(11), I32C(1), ADD, LS(11), BR(0), END, END); // end j loop
  e(LG(10), I32C(1), ADD, LS(10), BR(0), END, END); // end i loop
  e(END);
  const locals = [2, ...uleb(9), 0x7f, ...uleb(11), 0x7b]; // 9 i32, 11 v128
  const func = [...locals, ...body];
  const type = [1, 0x60, 10, ...new Array(10).fill(0x7f), 0];
  const imp = [1, ...str('env'), ...str('mem'), 0x02, 0x00, 0x01];
  const fns = [1, 0];
  const exp = [1, ...str('gemm4'), 0x00, 0];
  const code = [1, ...uleb(func.length), ...func];
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...section(1, type), ...section(2, imp), ...section(3, fns), ...section(7, exp), ...section(10, code)]);
}

let compiled: object | null | undefined;

/**
 * A kernel instance over a fresh memory of at least `bytes` bytes, or null when the engine has no wasm
 * SIMD (callers then use the JS kernel, which gives the same results).
 */
export function makeWasmGemm(bytes: number): WasmGemm | null {
  if (compiled === undefined) {
    try {
      const b = moduleBytes();
      compiled = WA.validate(b) ? new WA.Module(b) : null;
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return null;
  const memory = new WA.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = new WA.Instance(compiled, { env: { mem: memory } });
  return { memory, gemm4: inst.exports.gemm4 as WasmGemm['gemm4'] };
}
