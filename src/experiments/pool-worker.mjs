// Bootstrap of a training worker process: load tsx's loader, then the TypeScript worker (same as
// bin/attn-theory.js). Started by src/experiments/pool.ts with child_process.fork.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
