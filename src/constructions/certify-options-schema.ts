/**
 * The one zod strict schema of certify's options (alg-certify-position-keys, alg-certify-interval),
 * parsed once by `certify` and the CLI `certify`: an unknown method or field is an error, never the
 * default method.
 */
import { z } from 'zod';
import { positiveNumber } from '../core/zod-fields.js';

/** Certification methods: exact for position-only keys, a sound interval bound otherwise. */
export const CERTIFY_METHODS = ['exact-position-keys', 'interval'] as const;

/** zod schema of certify's options. */
export const certifyOptionsSchema = z.strictObject({
  /** γ > 0 to certify (y·f(b) ≥ γ on all 2^T inputs); default: the model's meta.requestedMargin when it is a number > 0, else the verdict is minMargin > 0. */
  requestedMargin: positiveNumber().optional().describe("margin γ to certify (default: the model's stored requested margin, else > 0)"),
  /** One of CERTIFY_METHODS: 'exact-position-keys' (alg-certify-position-keys; precondition EXACT_PRECONDITION in certify-exact.ts) or 'interval' (alg-certify-interval, sound); default: exact when it applies, else interval. */
  method: z
    .enum(CERTIFY_METHODS)
    .optional()
    .describe(
      'certification method (default: exact-position-keys when it applies: no self-attention layers, [CLS] heads sharing one W_QK and one activation, keys independent of the bits ((E_tok[1] − E_tok[0])·W_QK x_0 = 0 exactly), a relu/identity readout, and a relu/identity head activation when H·k > 1; else interval)',
    ),
});

/** Parsed certify options. */
export type CertifyOptions = z.output<typeof certifyOptionsSchema>;
/** What a caller may pass to certify. */
export type CertifyOptionsInput = z.input<typeof certifyOptionsSchema>;
