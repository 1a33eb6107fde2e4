/**
 * `attn-theory/experiments`: learning experiments on sparse Boolean tasks with TensorFlow.js (configs
 * and their hash, one run, a pool of worker processes, the sample-complexity search and its fits).
 * Importing it does not load tfjs: a run loads it on first use.
 * @packageDocumentation
 */
export * from './api.js';
