/** The SQLite run store (def-run-store). */
export * from './format.js';
export * from './canonical.js';
export * from './sqlite-store.js';
