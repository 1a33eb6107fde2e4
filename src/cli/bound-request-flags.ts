/**
 * The flags of a bound request, one per field of boundRequestSchema (src/bounds/request-schema.ts), in
 * the help order of `attn-theory bound`. Browser-safe (it imports no Node module), so the CLI and the
 * bound explorer's page (src/explorer/fields.ts) share this one list.
 */
import type { SchemaFlag } from './schema-flags.js';

/** Flags of the statistical fields, shared by both modes (m, γ, δ, empirical loss). */
export const STAT_FLAGS: readonly SchemaFlag[] = [
  { flag: '--m', path: ['sampleSize'], arg: 'm' },
  { flag: '--margin', path: ['margin'], arg: 'gamma' },
  { flag: '--delta', path: ['delta'], arg: 'delta' },
  { flag: '--empirical-margin-loss', path: ['empiricalMarginLoss'], arg: 'L' },
];

/** Flags of the class fields (analytic mode only: with --weights the norms are measured). */
export const CLASS_FLAGS: readonly SchemaFlag[] = [
  { flag: '--model', path: ['model'] },
  { flag: '--T', path: ['contextLength'], arg: 'T' },
  { flag: '--d', path: ['width'], arg: 'd' },
  { flag: '--BX', path: ['inputNorm'], arg: 'BX' },
  { flag: '--BV', path: ['normBounds', 'valueSpectral'], arg: 'BV' },
  { flag: '--BV21', path: ['normBounds', 'valueGroup21'], arg: 'BV21' },
  { flag: '--BQK21', path: ['normBounds', 'qkGroup21'], arg: 'BQK21' },
  { flag: '--Bw', path: ['normBounds', 'readout'], arg: 'Bw' },
  { flag: '--qk-spectral', path: ['normBounds', 'qkSpectral'], arg: 'B' },
  { flag: '--output-spectral', path: ['normBounds', 'outputSpectral'], arg: 'B' },
  { flag: '--output-group21', path: ['normBounds', 'outputGroup21'], arg: 'B' },
  { flag: '--Lsigma', path: ['activationLipschitz'], arg: 'Lsigma' },
  { flag: '--heads', path: ['heads'], arg: 'H' },
  { flag: '--layers', path: ['layers'], arg: 'L' },
  { flag: '--value-dim', path: ['valueDim'], arg: 'K' },
  { flag: '--value-activation', path: ['valueActivation'] },
  { flag: '--disable-tightenings', path: ['disabledTightenings'], arg: 'names' },
];

/** Every flag of the bound request, in help order (exported for tests: one flag per schema field). */
export const BOUND_REQUEST_FLAGS: readonly SchemaFlag[] = [...CLASS_FLAGS.slice(0, 1), ...CLASS_FLAGS.slice(1, 3), STAT_FLAGS[0], ...CLASS_FLAGS.slice(3), ...STAT_FLAGS.slice(1)];
