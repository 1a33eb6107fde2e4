// Node resolve hook for tfjs-core's ESM dist files, whose relative imports omit the extension
// ('./gradients' beside the directory gradients/): retry a directory import as the '.js' file.
// Registered by bench/support/register-tfjs-esm.mjs (`node --import ./bench/support/register-tfjs-esm.mjs`).
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if ((e?.code === 'ERR_UNSUPPORTED_DIR_IMPORT' || e?.code === 'ERR_MODULE_NOT_FOUND') && specifier.startsWith('.') && !specifier.endsWith('.js') && context.parentURL?.includes('/@tensorflow/')) {
      return next(`${specifier}.js`, context);
    }
    throw e;
  }
}
