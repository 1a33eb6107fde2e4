// Registers the tfjs-core ESM resolve hook (tfjs-esm-resolve.mjs) before tsx: needed only to run the old
// tree (f7212fc) in bench/default-experiment-throughput.ts --old; this tree bundles those modules at build.
//   node --import ./bench/support/register-tfjs-esm.mjs --import tsx bench/<script>.ts
import { register } from 'node:module';

register('./tfjs-esm-resolve.mjs', import.meta.url);
