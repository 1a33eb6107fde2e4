/**
 * The memory of a fused step's workspace: one block of float64s, inside the wasm SIMD kernel's memory
 * when the kernel is wanted and available (so gemmAccWith can run it on the workspace's views), else an
 * ordinary ArrayBuffer; carved into consecutive Float64Array views in allocation order. Shared by
 * FusedCls and FusedMlp.
 */
import { makeWasmGemm, type WasmGemm } from './wasm-gemm.js';

/** A workspace block: the kernel that owns its memory (or null) and a carver of consecutive views. */
export interface Workspace {
  /** The wasm kernel whose memory holds the block, or null (plain JS memory). */
  readonly kernel: WasmGemm | null;
  /** The next n float64s of the block as a view (views never overlap; the block holds `doubles` in all). */
  take(n: number): Float64Array;
}

/**
 * Allocate a block of `doubles` float64s, in the wasm kernel's memory unless `wasm` is false or the
 * engine has no SIMD.
 */
export function makeWorkspace(doubles: number, wasm: boolean): Workspace {
  const kernel = wasm ? makeWasmGemm(8 * doubles) : null;
  const buffer = kernel ? kernel.memory.buffer : new ArrayBuffer(8 * doubles);
  let next = 0;
  return {
    kernel,
    take(n) {
      const v = new Float64Array(buffer, 8 * next, n);
      next += n;
      return v;
    },
  };
}
