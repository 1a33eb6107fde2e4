/**
 * The page bundle's stand-in for zod's table of every locale (zod/v4/locales/index.js, ~250 kB of
 * messages in 40+ languages that zod's `z` namespace re-exports and esbuild cannot tree-shake away):
 * only English, the locale zod configures by default and the one every message of the toolkit is
 * written in. scripts/build-explorer.mjs aliases zod's index to this module; Node code is unaffected.
 */
export { default as en } from 'zod/v4/locales/en.js';
