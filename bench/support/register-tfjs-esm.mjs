// Registers the tfjs-core ESM resolve hook (tfjs-esm-resolve.mjs) before tsx, for scripts run by Node:
//   node --import ./bench/support/register-tfjs-esm.mjs --import tsx bench/<script>.ts
import { register } from 'node:module';

register('./tfjs-esm-resolve.mjs', import.meta.url);
