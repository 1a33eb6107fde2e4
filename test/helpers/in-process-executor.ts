/** A RunExecutor that trains configs one after another in this process (the trainRun the pool's workers call). */
import { trainRun } from '../../src/experiments/api.js';
import type { RunExecutor } from '../../src/experiments/sample-complexity.js';
import type { TrainConfig } from '../../src/experiments/config.js';
import type { TrainResult } from '../../src/experiments/train.js';

/** Runs configs sequentially in process; `trained` counts the runs. */
export function inProcessExecutor(): RunExecutor & { trained: number } {
  const ex = {
    trained: 0,
    async run(cs: readonly TrainConfig[]): Promise<TrainResult[]> {
      const out: TrainResult[] = [];
      for (const c of cs) {
        out.push(await trainRun(c));
        ex.trained++;
      }
      return out;
    },
  };
  return ex;
}
