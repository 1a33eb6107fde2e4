/**
 * Sparse-compression certificate (OURS; proofs-notes/thm-sparse-compression-certificate.md). Given a
 * model f and an s-sparse Boolean function g = (I, table) with the certifier's proof that
 * y_g(b)·f(b) > 0 on all 2^T inputs (so sign f = g everywhere and f never vanishes), and K = the
 * number of the m training points with y ≠ g(x):
 *   with probability ≥ 1 − δ over m i.i.d. draws from any distribution D on {0,1}^T × {±1},
 *   simultaneously for every pair (I, t) of the class fixed before the data,
 *     P_D[y ≠ g_{I,t}(x)] ≤ ε̄(K_{I,t}, m, δ·π(I, t)),
 * ε̄ the exact binomial tail inversion (compression-tail.ts) and π the class prior
 * (compression-class.ts). On that event the certified model's error P_D[y f(x) ≤ 0] = P_D[y ≠ g(x)]
 * obeys the same bound, for g read off the data in any way. K = 0 is the realizable case
 * (ε̄ = 1 − (δπ)^{1/m}); the kl, Hoeffding and Occam forms are reported beside it (each is larger).
 */
import { z } from 'zod';
import { parseOrThrow } from '../core/zod-issue.js';
import { integerIn, openUnitNumber } from '../core/zod-fields.js';
import { DomainError } from '../core/errors.js';
import { checkTarget, targetLabel } from '../model/target.js';
import type { BooleanTarget, Model } from '../model/types.js';
import { certify } from '../constructions/api.js';
import type { Certificate } from '../constructions/certify-exact.js';
import { COMPRESSION_CLASSES, isSymmetricTarget, logInversePrior, type CompressionClass } from './compression-class.js';
import { binomialTailInversion, hoeffdingBound, klInversion, occamRealizable } from './compression-tail.js';

/** Proof-note id: proofs-notes/thm-sparse-compression-certificate.md. */
export const COMPRESSION_CERTIFICATE_ID = 'thm-sparse-compression-certificate';

/** Parsed options of compressionCertificate (thm-sparse-compression-certificate). */
export interface CompressionOptions {
  /** m, the number of i.i.d. training points. */
  readonly sampleSize: number;
  /** K, the training points with y ≠ g(x) (= the model's training errors, once certified), ≤ m. */
  readonly trainErrors: number;
  /** δ of the statement, in (0, 1). */
  readonly delta: number;
  /** The class fixed before the data. */
  readonly functionClass: CompressionClass;
}

/** Input of compressionCertificate: CompressionOptions with delta (default 0.05) and functionClass (default 'general') optional. */
export interface CompressionOptionsInput {
  /** m, an integer in 1..10^9. */
  readonly sampleSize: number;
  /** K, an integer in 0..m. */
  readonly trainErrors: number;
  /** δ in (0, 1), default 0.05. */
  readonly delta?: number;
  /** Default 'general'. */
  readonly functionClass?: CompressionClass;
}

/** Options of compressionCertificate: one strict schema (unknown fields, NaN, infinities, K > m rejected; thm-sparse-compression-certificate). */
export const compressionOptionsSchema: z.ZodType<CompressionOptions, CompressionOptionsInput> = z
  .strictObject({
    sampleSize: integerIn(1, 1e9).describe('m, the number of i.i.d. training points'),
    trainErrors: integerIn(0).describe("K, training points with y != g(x) (the model's training errors)"),
    delta: openUnitNumber().default(0.05).describe('delta of the statement, in (0, 1), default 0.05'),
    functionClass: z.enum(COMPRESSION_CLASSES).default('general').describe('class the union runs over, fixed before the data, default general'),
  })
  .refine((o) => o.trainErrors <= o.sampleSize, { message: '<= sampleSize (m)', path: ['trainErrors'] });

/** What compressionCertificate returns (thm-sparse-compression-certificate). */
export interface CompressionCertificate {
  /** The event the bound holds on, in words. */
  readonly statement: string;
  /** Whether the certifier proved y_g(b)·f(b) > 0 on all 2^T inputs (its certifiedLowerBound > 0). */
  readonly signAgrees: boolean;
  /** The certifier's certificate (its certifiedLowerBound is a proven lower bound on the real min_b y_g(b) f(b); minMargin is the float64 estimate). */
  readonly certificate: Pick<Certificate, 'minMargin' | 'certifiedLowerBound' | 'slack' | 'method' | 'inputsCovered' | 'worstInput' | 'worstInputMargin'>;
  /** g: the support I (1-based) and its truth table. */
  readonly target: {
    /** I, 1-based, in the order the table reads it. */
    readonly support: readonly number[];
    /** 2^s characters '0'/'1'. */
    readonly table: string;
  };
  /** T and s. */
  readonly contextLength: number;
  /** s = |I|. */
  readonly sparsity: number;
  /** The class the union runs over. */
  readonly functionClass: CompressionClass;
  /** Whether g's table is symmetric. */
  readonly symmetric: boolean;
  /** ln(1/π(g)): ln |G| for a uniform class. */
  readonly logInversePrior: number;
  /** ln(1/(δπ(g))), the confidence term every form uses. */
  readonly logInverseConfidence: number;
  /** m, K, δ as given. */
  readonly sampleSize: number;
  /** K. */
  readonly trainErrors: number;
  /** δ. */
  readonly delta: number;
  /** 'realizable' when K = 0, else 'agnostic' (one statement covers both: ε̄ is fixed for every K in advance). */
  readonly form: 'realizable' | 'agnostic';
  /** The certificate: ε̄(K, m, δπ(g)) when signAgrees, else null. */
  readonly bound: number | null;
  /** Every form at the same confidence (each ≥ binomial): binomial, kl (Chernoff), Hoeffding, and Occam (K = 0 only). */
  readonly forms: {
    /** ε̄(K, m, δπ(g)), the exact binomial tail inversion (the certificate). */
    readonly binomial: number;
    /** The kl (Chernoff) inversion. */
    readonly kl: number;
    /** K/m + √(ln(1/(δπ))/(2m)) (may exceed 1). */
    readonly hoeffding: number;
    /** (ln(1/π) + ln(1/δ))/m when K = 0, else null. */
    readonly occam: number | null;
  };
  /** True unless bound < 1 (null bound: true). */
  readonly vacuous: boolean;
}

/**
 * The bound alone: ε̄(K, m, δπ(g)) and the looser forms, for a g of the class (no certifier;
 * thm-sparse-compression-certificate §2–§3). Trusts its parsed options; g must be checked against T.
 * @throws DomainError when g is not in the class (class 'symmetric', non-symmetric table).
 */
export function compressionBound(
  g: BooleanTarget,
  contextLength: number,
  o: CompressionOptions,
): Pick<CompressionCertificate, 'logInversePrior' | 'logInverseConfidence' | 'forms' | 'form' | 'symmetric'> {
  const lp = logInversePrior(g, contextLength, o.functionClass);
  if (lp === null) throw new DomainError(`compressionCertificate: target must be symmetric with functionClass 'symmetric' (got table ${g.table})`);
  const logDelta = Math.log(o.delta) - lp; // ln(δπ(g))
  const k = o.trainErrors;
  const m = o.sampleSize;
  return {
    logInversePrior: lp,
    logInverseConfidence: -logDelta,
    symmetric: isSymmetricTarget(g),
    form: k === 0 ? 'realizable' : 'agnostic',
    forms: {
      binomial: binomialTailInversion(k, m, logDelta),
      kl: klInversion(k, m, logDelta),
      hoeffding: hoeffdingBound(k, m, logDelta),
      occam: k === 0 ? occamRealizable(m, logDelta) : null,
    },
  };
}

/** The statement a certificate makes (thm-sparse-compression-certificate). */
export function compressionStatement(T: number, s: number, cls: CompressionClass, delta: number): string {
  return (
    `with probability >= 1 - ${delta} over m i.i.d. samples from any distribution on {0,1}^${T} x {-1,+1}, simultaneously for every ${s}-sparse function ` +
    `of the '${cls}' class (support and table; s, the class and delta fixed before the data, the function itself may be read off the data), its error ` +
    `P[y != g(x)] is at most the binomial tail inversion of its training errors at confidence delta*pi(g); the model's sign equals g on all 2^${T} inputs ` +
    `(certified, no zero output), so its error P[y f(x) <= 0] obeys the same bound (${COMPRESSION_CERTIFICATE_ID})`
  );
}

/**
 * Certify the model against g on all 2^T inputs and bound its error through g's class
 * (thm-sparse-compression-certificate). `opts` is parsed with compressionOptionsSchema.
 * @param model - the model (reference semantics).
 * @param g - the s-sparse function, 1 ≤ s ≤ 30 on the model's T.
 * @param opts - { sampleSize, trainErrors, delta, functionClass? }.
 * @throws DomainError `compressionCertificate: field must be ...` for bad options or a g that does not fit the model.
 */
export function compressionCertificate(model: Model, g: BooleanTarget, opts: unknown): CompressionCertificate {
  const o = parseOrThrow(compressionOptionsSchema, opts, 'compressionCertificate', 'options');
  return certifiedCompression(model, g, o);
}

/**
 * compressionCertificate for parsed options (trusted).
 * @param known - a certificate the certifier already returned for this model and the same function g
 *   (sameFunction), reused instead of certifying again; only its minMargin, method and worst input are read.
 */
export function certifiedCompression(model: Model, g: BooleanTarget, o: CompressionOptions, known?: Certificate): CompressionCertificate {
  const T = model.contextLength;
  checkTarget('compressionCertificate', 'target', g, T);
  const b = compressionBound(g, T, o);
  // The certifier's certifiedLowerBound bounds the exact real min_b y_g(b) f(b) from below (rounding
  // included: alg-certify-rounding) whatever margin it was asked for; > 0 is the sign agreement.
  const cert = known ?? certify(model, g);
  const signAgrees = cert.certifiedLowerBound > 0;
  const bound = signAgrees ? b.forms.binomial : null;
  return {
    statement: compressionStatement(T, g.support.length, o.functionClass, o.delta),
    signAgrees,
    certificate: {
      minMargin: cert.minMargin,
      certifiedLowerBound: cert.certifiedLowerBound,
      slack: cert.slack,
      method: cert.method,
      inputsCovered: cert.inputsCovered,
      worstInput: cert.worstInput,
      worstInputMargin: cert.worstInputMargin,
    },
    target: { support: [...g.support], table: g.table },
    contextLength: T,
    sparsity: g.support.length,
    functionClass: o.functionClass,
    symmetric: b.symmetric,
    logInversePrior: b.logInversePrior,
    logInverseConfidence: b.logInverseConfidence,
    sampleSize: o.sampleSize,
    trainErrors: o.trainErrors,
    delta: o.delta,
    form: b.form,
    bound,
    forms: b.forms,
    vacuous: !(bound !== null && bound < 1),
  };
}

/**
 * K = #{i : y_i ≠ g(x_i)} on a sample (x_i the rows of `bits`, T per row; y_i = ±1).
 * @param g - the function. @param bits - m·T bits, row-major. @param labels - m labels ±1. @param T - the row length.
 */
export function sampleErrors(g: BooleanTarget, bits: Uint8Array, labels: ArrayLike<number>, T: number): number {
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (targetLabel(g, bits.subarray(i * T, (i + 1) * T)) !== (labels[i] > 0 ? 1 : -1)) k++;
  return k;
}
