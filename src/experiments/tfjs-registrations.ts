/**
 * Registers tfjs-core's gradients and chained tensor methods, which tfjs-core's Node (CommonJS) build
 * leaves out and the 281 MiB @tensorflow/tfjs umbrella used to register for us.
 * tfjs-core ships these registrations only as ES modules whose relative imports have no file extension,
 * which Node's ESM loader refuses. From sources (tsx, vitest) the imports below resolve as written; the
 * build (scripts/build.mjs) replaces this file's compiled output in dist/ with one esbuild bundle of the
 * same two modules. Both registries are process globals in tfjs-core (getGlobal('gradRegistry'),
 * getGlobalTensorClass()), so the bundled copies register into the engine that backend.ts starts —
 * the same arrangement as the umbrella package's own Node bundle.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
