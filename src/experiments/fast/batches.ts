/**
 * The run's mini-batch stream (protocol OURS, proofs-notes/alg-sample-complexity.md §1): batches of
 * min(B, m) rows from a seeded epoch-wise Fisher-Yates shuffle on the seed's 'batches' stream. One
 * sampler for every trainer, so the tfjs and the fused path see the same batches.
 */
import { streamRng, type Dataset } from '../tasks.js';
import type { Rng } from '../../core/rng.js';

/** Draws successive mini-batches of a training set into caller-owned buffers. */
export class BatchSampler {
  /** Rows per batch: min(batchSize, m). */
  readonly size: number;
  private readonly order: Rng;
  private readonly perm: Int32Array;
  private cursor: number;

  /** @param seed the run's seed; @param batchSize B (≥ 1). */
  constructor(
    seed: number,
    private readonly data: Dataset,
    batchSize: number,
  ) {
    this.order = streamRng(seed, 'batches');
    this.size = Math.min(batchSize, data.size);
    this.perm = Int32Array.from({ length: data.size }, (_, i) => i);
    this.cursor = this.perm.length; // forces a shuffle before the first batch
  }

  /** Write the next batch: bits (size × T, 0/1) and labels (size, ±1). */
  next(bits: Float32Array | Uint8Array, labels: Float32Array): void {
    const { perm, data } = this;
    const T = data.contextLength;
    for (let j = 0; j < this.size; j++) {
      if (this.cursor >= perm.length) {
        for (let i = perm.length - 1; i > 0; i--) {
          const k = this.order.int(0, i);
          const tmp = perm[i];
          perm[i] = perm[k];
          perm[k] = tmp;
        }
        this.cursor = 0;
      }
      const idx = perm[this.cursor++];
      for (let t = 0; t < T; t++) bits[j * T + t] = data.bits[idx * T + t];
      labels[j] = data.labels[idx];
    }
  }
}
