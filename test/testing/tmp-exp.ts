import { computeBound } from '../../src/bounds/api.js';
import { boundIsSound } from '../../src/testing/index.js';
const ours = (r: Parameters<typeof computeBound>[0]) => computeBound(r).rademacher;
for (const seed of [1, 2, 3]) {
  for (const [name, f] of [['sqrt m', (r: any) => ours(r) / Math.sqrt(r.sampleSize)], ['m>1 /1.5', (r: any) => (r.sampleSize === 1 ? ours(r) : ours(r) / 1.5)], ['m>1 /1.2', (r: any) => (r.sampleSize === 1 ? ours(r) : ours(r) / 1.2)]] as const) {
    const t = Date.now();
    try { await boundIsSound(f).check({ seed }); console.log(name, 'NOT caught'); } catch (e) { console.log(name, 'caught', Date.now() - t, (e as Error).message.slice(0, 600)); }
  }
}
