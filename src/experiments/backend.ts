/**
 * TensorFlow.js backend selection (ECOSYSTEM.md): @tensorflow/tfjs-node when installed (an optional
 * dependency that cannot install on our machines), else @tensorflow/tfjs-backend-wasm (SIMD, one thread
 * under Node), else the pure-JS cpu backend. The backend that ran is recorded in every result.
 * This directory is the only place that imports TensorFlow.js (tfjs-core and its wasm/cpu backends only,
 * not the 281 MiB umbrella package).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node (CommonJS) build registers no gradients and no chained tensor methods; the 281 MiB
// @tensorflow/tfjs umbrella used to. tfjs-core ships those registrations only as ES modules whose relative
// imports lack file extensions, which Node's ESM loader (and tsx) refuse, so `npm run build`
// (scripts/build.mjs) bundles the two modules with esbuild into build/ at the package root. Both
// registries are process globals in tfjs-core (getGlobal('gradRegistry'), getGlobalTensorClass()), so the
// bundled copies register into the engine started here, as in the umbrella's own Node bundle. The same
// relative path serves src/ (tsx, vitest) and dist/: both sit one level below the package root.
import '../../build/tfjs-registrations.mjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { domainError } from '../core/errors.js';
import { BACKENDS, BackendUnavailableError, type BackendName } from './backend-names.js';

export { BACKENDS, BackendUnavailableError, shortError, type BackendName } from './backend-names.js';

let active: BackendName | null = null;

// PROD silences tfjs's console banners (they would break the CLI's one-line error contract) and skips
// debug-mode checks; it changes no numerics.
tf.env().set('PROD', true);

async function tryNode(): Promise<boolean> {
  try {
    // A non-literal specifier: the package is optional and absent here, so the type checker must not resolve it.
    const spec = '@tensorflow/tfjs-node';
    await import(spec);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  // The emscripten module installs process handlers that rethrow and print its whole minified source:
  // remove whatever listeners appear during wasm start-up so errors reach our one-line handlers.
  const before = { ue: process.listeners('uncaughtException'), ur: process.listeners('unhandledRejection') };
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Under Node the .wasm binaries are read from the package's dist directory: give a file path prefix.
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    const prefix = join(dist, '/');
    wasm.setWasmPaths(prefix.startsWith('/') ? prefix : pathToFileURL(prefix).href);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!before.ue.includes(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!before.ur.includes(l)) process.removeListener('unhandledRejection', l);
  }
}

async function tryCpu(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-cpu');
    return await tf.setBackend('cpu');
  } catch {
    return false;
  }
}

/**
 * Start a backend: the requested one (throws BackendUnavailableError when it cannot start), or the best
 * available (node, then wasm, then cpu). Idempotent within a process; switching is allowed.
 * @returns the backend name actually in use.
 */
export async function initBackend(requested?: BackendName): Promise<BackendName> {
  if (requested !== undefined && !(BACKENDS as readonly string[]).includes(requested)) {
    throw domainError('initBackend', 'backend', `one of ${BACKENDS.join('|')}`, requested);
  }
  if (active !== null && (requested === undefined || requested === active)) return active;
  const order: BackendName[] = requested ? [requested] : ['node', 'wasm', 'cpu'];
  for (const name of order) {
    const ok = name === 'node' ? await tryNode() : name === 'wasm' ? await tryWasm() : await tryCpu();
    if (ok) {
      await tf.ready();
      active = name;
      return name;
    }
  }
  throw new BackendUnavailableError(`initBackend: backend must be available on this machine (got ${JSON.stringify(requested)})`);
}

/** The backend in use, or null before initBackend. */
export function activeBackend(): BackendName | null {
  return active;
}

export { tf };
