/**
 * The hot loop of certification at large T (alg-certify-position-keys, "Cost"): for a sign-hash block
 * of width D and a vector w, neg[t] = Σ_{j : signHash(seed, t, j) = −1} w_j for every position t.
 * Coordinates are taken 8 at a time: tab[c][mask] = Σ_{k ∈ mask} w_{8c+k} (built once, ≤ 7 additions per
 * entry), and neg[t] = Σ_c tab[c][mask_c(t)] summed in chunk order with one accumulator, where bit k of
 * mask_c(t) is the sign bit of coordinate 8c + k. Every leaf w_j passes through at most 7 + ⌈D/8⌉ additions,
 * which is the depth the error bound of position-projections.ts (projectionErrorBound) counts.
 * The loop runs in a small hand-assembled WebAssembly module with 128-bit SIMD (4 hashes per
 * instruction, the two 4-lane sign masks joined into the table index), with the same arithmetic, in the
 * same order, as the plain-JavaScript loop kept as the fallback (so both give identical float64 results).
 */
import { fmix32 } from '../model/position-codes.js';

/** Proof-note id: proofs-notes/alg-certify-position-keys.md. */
export const SIGN_HASH_KERNEL_ID = 'alg-certify-position-keys';

/** Tables of one vector's block slice: tab (C·256 float64) and the hash keys (C·8 int32, padded). */
export interface SignHashTables {
  /** Number of 8-coordinate chunks, ⌈D/8⌉. */
  readonly chunks: number;
  /** tab[c·256 + mask] = Σ_{k ∈ mask, 8c+k < D} w_{8c+k}. */
  readonly tab: Float64Array;
  /** keys[j] = (j + 1)·0x9E3779B1 mod 2^32 (as int32), for j < 8·chunks. */
  readonly keys: Int32Array;
}

/** Build the subset-sum tables of the block slice w (length D). */
export function signHashTables(w: ArrayLike<number>): SignHashTables {
  const D = w.length;
  const chunks = Math.ceil(D / 8);
  const tab = new Float64Array(chunks * 256);
  for (let c = 0; c < chunks; c++) {
    const o = c * 256;
    for (let m = 1; m < 256; m++) {
      const k = 31 - Math.clz32(m & -m); // lowest set bit
      const j = 8 * c + k;
      tab[o + m] = tab[o + (m & (m - 1))] + (j < D ? w[j] : 0);
    }
  }
  const keys = new Int32Array(chunks * 8);
  for (let j = 0; j < keys.length; j++) keys[j] = Math.imul(j + 1, 0x9e3779b1);
  return { chunks, tab, keys };
}

/** Σ_c tab[c][255] in chunk order: the block slice's total Σ_j w_j, with the same summation structure as neg. */
export function signHashTotal(t: SignHashTables): number {
  let s = 0;
  for (let c = 0; c < t.chunks; c++) s += t.tab[c * 256 + 255];
  return s;
}

/** The JavaScript loop: neg[t] for t = 0..T−1 (positions t + 1). */
export function signHashNegSumsJs(seed: number, contextLength: number, t: SignHashTables): Float64Array {
  const out = new Float64Array(contextLength);
  const { chunks, tab, keys } = t;
  const s = seed | 0;
  for (let pos = 0; pos < contextLength; pos++) {
    const base = fmix32((pos + 1) >>> 0) ^ s;
    let acc = 0;
    for (let c = 0, j = 0; c < chunks; c++) {
      let m = 0;
      for (let k = 0; k < 8; k++, j++) {
        let h = base ^ keys[j];
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35); // the last step of fmix32 (h ^= h >>> 16) leaves the top bit alone
        m |= (h >>> 31) << k;
      }
      acc += tab[(c << 8) | m];
    }
    out[pos] = acc;
  }
  return out;
}

// ---- The WebAssembly module (binary format written out; see the text form in the comment). ----

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const str = (s: string) => [...leb(s.length), ...Buffer.from(s, 'latin1')];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];

// Opcodes.
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const I32 = 0x41;
const simd = (op: number) => [0xfd, ...leb(op)];
const SPLAT = simd(0x11);
const XOR4 = simd(0x51);
const SHRU4 = simd(0xad);
const MUL4 = simd(0xb5);
const BITMASK4 = simd(0xa4);
const load128 = (offset: number) => [...simd(0x00), 4, ...leb(offset)];

/**
 * (func (param T C seed keys tab out i32)
 *   for t in 0..T−1: base = fmix32(t + 1) ^ seed; acc = 0
 *     for c in 0..C−1: v1, v2 = the two 4-lane halves of splat(base) ^ keys[8c..8c+7]; each
 *       v ^= v >>> 16; v *= 0x85ebca6b; v ^= v >>> 13; v *= 0xc2b2ae35 (lanewise);
 *       acc += tab[256c + (bitmask(v1) | bitmask(v2) << 4)]
 *     out[t] = acc)
 * Locals: 0 T, 1 C, 2 seed, 3 keys, 4 tab, 5 out, 6 t, 7 (unused), 8 kp, 9 tp, 10 c, 11 h, 12 (unused),
 * 13 acc (f64), 14 vb, 15 v1, 16 v2, 17 c1, 18 c2 (v128).
 */
function moduleBytes(): Uint8Array {
  const C1 = 0x85ebca6b | 0;
  const C2 = 0xc2b2ae35 | 0;
  // biome-ignore format: one instruction per line
  const fmixScalar = [
    GET, 11, GET, 11, I32, 16, 0x76, 0x73, SET, 11, // h ^= h >>> 16
    GET, 11, I32, ...sleb(C1), 0x6c, SET, 11, // h *= c1
    GET, 11, GET, 11, I32, 13, 0x76, 0x73, SET, 11, // h ^= h >>> 13
    GET, 11, I32, ...sleb(C2), 0x6c, SET, 11, // h *= c2
    GET, 11, GET, 11, I32, 16, 0x76, 0x73, SET, 11, // h ^= h >>> 16
  ];
  // biome-ignore format: one instruction per line
  const lanes = (offset: number, v: number) => [
    GET, 14, GET, 8, ...load128(offset), ...XOR4, SET, v,
    GET, v, GET, v, I32, 16, ...SHRU4, ...XOR4, GET, 17, ...MUL4, SET, v,
    GET, v, GET, v, I32, 13, ...SHRU4, ...XOR4, GET, 18, ...MUL4, SET, v,
  ];
  // biome-ignore format: one instruction per line
  const body = [
    I32, ...sleb(C1), ...SPLAT, SET, 17,
    I32, ...sleb(C2), ...SPLAT, SET, 18,
    I32, 0, SET, 6,
    0x02, 0x40, // block
    0x03, 0x40, // loop $t
    GET, 6, GET, 0, 0x4f, 0x0d, 1, // br_if (t >= T) → out of the block
    GET, 6, I32, 1, 0x6a, SET, 11, // h = t + 1
    ...fmixScalar,
    GET, 11, GET, 2, 0x73, ...SPLAT, SET, 14, // vb = splat(h ^ seed)
    0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x21, 13, // acc = 0.0
    GET, 3, SET, 8, GET, 4, SET, 9, GET, 1, SET, 10,
    0x03, 0x40, // loop $c
    ...lanes(0, 15),
    ...lanes(16, 16),
    GET, 15, ...BITMASK4, GET, 16, ...BITMASK4, I32, 4, 0x74, 0x72, // m = bitmask(v1) | bitmask(v2) << 4
    I32, 3, 0x74, GET, 9, 0x6a, 0x2b, 3, 0, // f64.load(tp + 8m)
    GET, 13, 0xa0, SET, 13, // acc = tab + acc … as acc + tab (f64.add is commutative, bitwise)
    GET, 8, I32, 32, 0x6a, SET, 8,
    GET, 9, I32, ...sleb(2048), 0x6a, SET, 9,
    GET, 10, I32, 1, 0x6b, TEE, 10, 0x0d, 0, // br_if (--c != 0) → loop $c
    0x0b, // end loop $c
    GET, 5, GET, 6, I32, 3, 0x74, 0x6a, GET, 13, 0x39, 3, 0, // out[t] = acc
    GET, 6, I32, 1, 0x6a, SET, 6,
    0x0c, 0, // br loop $t
    0x0b, // end loop $t
    0x0b, // end block
    0x0b, // end func
  ];
  const locals = vec([
    [...leb(7), 0x7f],
    [...leb(1), 0x7c],
    [...leb(5), 0x7b],
  ]);
  const code = [...locals, ...body];
  // biome-ignore format: one section per line
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[0x7f], [0x7f], [0x7f], [0x7f], [0x7f], [0x7f]]), 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...str('run'), 0x00, 0], [...str('mem'), 0x02, 0]])),
    ...section(10, vec([[...leb(code.length), ...code]])),
  ]);
}

interface Kernel {
  run(T: number, C: number, seed: number, keys: number, tab: number, out: number): void;
  mem: { readonly buffer: ArrayBuffer; grow(pages: number): number };
}

/** The part of the WebAssembly JS API used here (the compiler's lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

let kernel: Kernel | null | undefined;

/** The SIMD kernel, or null when this engine refuses the module (then the JavaScript loop runs). */
function wasmKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  try {
    const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    const bytes = moduleBytes();
    if (!wasm?.validate(bytes)) {
      kernel = null;
      return kernel;
    }
    const inst = new wasm.Instance(new wasm.Module(bytes), {});
    kernel = inst.exports as unknown as Kernel;
  } catch {
    kernel = null;
  }
  return kernel;
}

/** True when the WebAssembly SIMD kernel is in use (for the bench and the tests). */
export function signHashKernelIsWasm(): boolean {
  return wasmKernel() !== null;
}

/**
 * neg[t] for t = 0..T−1, through the SIMD kernel when available (identical results to
 * signHashNegSumsJs), else the JavaScript loop.
 */
export function signHashNegSums(seed: number, contextLength: number, t: SignHashTables): Float64Array {
  const k = wasmKernel();
  if (k === null || contextLength === 0 || t.chunks === 0) return signHashNegSumsJs(seed, contextLength, t);
  const keysBytes = t.keys.length * 4;
  const tabOff = keysBytes;
  const outOff = tabOff + t.tab.length * 8;
  const need = outOff + contextLength * 8;
  const have = k.mem.buffer.byteLength;
  if (need > have) k.mem.grow(Math.ceil((need - have) / 65536));
  const buf = k.mem.buffer;
  new Int32Array(buf, 0, t.keys.length).set(t.keys);
  new Float64Array(buf, tabOff, t.tab.length).set(t.tab);
  k.run(contextLength, t.chunks, seed | 0, 0, tabOff, outOff);
  return new Float64Array(buf.slice(outOff, outOff + contextLength * 8));
}
