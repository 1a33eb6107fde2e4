// Bootstrap of a serve worker thread run from sources (tsx, vitest): load tsx's loader, then the
// TypeScript worker (as src/experiments/pool-worker.mjs does). The compiled build starts dist/serve/worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
