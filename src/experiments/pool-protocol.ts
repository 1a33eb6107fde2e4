/** Messages between src/experiments/pool.ts and its worker processes. */
import type { TrainConfig } from './config.js';
import type { TrainResult } from './train-result.js';

/** Parent → worker: train this config. */
export interface PoolRequest {
  readonly id: number;
  readonly config: TrainConfig;
  readonly keepModel: boolean;
}

/** Worker → parent: a result, an error (one line), or the start-up handshake (id −1). */
export type PoolReply =
  | { readonly id: number; readonly ok: true; readonly result?: TrainResult; readonly ready?: boolean }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };
