/**
 * What the 200 replies hold, for the OpenAPI document: the leading fields of each library result
 * (BoundReport, Construction, Certificate, ModelNorms), open to the rest (looseObject), so the document
 * describes the reply without a second definition of the library's types. The route tests parse every
 * reply with these schemas, so the document cannot drift from what the service sends.
 */
import { z } from 'zod';

const num = z.number();

/** /v1/bound: BoundReport (src/bounds/api.ts), as `attn-theory bound --json` prints it. */
export const boundReplySchema = z
  .looseObject({
    statement: z.string().describe('the event the bound holds on'),
    generalizationGap: num.describe('(2/γ)R̂_S + 3√(ln(2/δ)/(2m)) (thm-margin-bound)'),
    rademacher: num.describe('bound on the empirical Rademacher complexity (lem-dudley-discrete)'),
    logCovering: z.array(z.strictObject({ eps: num, value: num })).describe('ln N_∞(ε) on the ε grid'),
    total: num.describe('empiricalMarginLoss + generalizationGap'),
    vacuous: z.boolean().describe('true unless total < 1'),
    trace: z.array(z.looseObject({ id: z.string(), inputs: z.record(z.string(), num), value: num })).describe('the derivation, one entry per step'),
    latex: z.string().optional().describe('LaTeX closed form (with ?latex=true)'),
    baselines: z.record(z.string(), z.looseObject({ value: num, description: z.string() })).describe('parameter-counting and naive-softmax baselines'),
  })
  .describe('BoundReport');

/** /v1/bound/sample-size: the `leastSampleSize` field of `bound --target-gap --json`. */
export const sampleSizeReplySchema = z
  .strictObject({
    targetGap: num,
    sampleSize: z.number().int().nullable().describe('least m with gap <= targetGap (the gap at m − 1 is above it); null when none up to 2^50'),
  })
  .describe('least sample size');

/** /v1/construct: `construct --json`'s summary (without out) plus the model file JSON. */
export const constructReplySchema = z
  .looseObject({
    contextLength: num,
    sparsity: num,
    support: z.array(num).describe('1-based support positions'),
    table: z.string().describe('truth table (shortened with ... beyond 64 characters)'),
    family: z.enum(['symmetric', 'general']),
    codes: z.enum(['onehot', 'compact']),
    width: num,
    requestedMargin: num,
    norms: z.record(z.string(), num),
    model: z.looseObject({ format: z.literal('attn-theory-model') }).describe('the model file JSON (docs/model-format.md): post it to /v1/certify or /v1/norms'),
  })
  .describe('construction');

/** /v1/certify: Certificate (src/constructions/certify-exact.ts) as `certify --json` prints it. */
export const certifyReplySchema = z
  .looseObject({
    certified: z.boolean(),
    minMargin: num.describe('certified lower bound on min over all 2^T inputs of y·f(b)'),
    inputsCovered: z.string(),
    worstInput: z
      .union([z.string(), z.strictObject({ length: num, majorityBit: z.union([z.literal(0), z.literal(1)]), positions: z.array(num) })])
      .describe('{length, majorityBit, positions}: the majority bit and the 1-based positions holding the other one; the T bits with fullInput'),
    worstInputMargin: num,
    attained: z.boolean(),
    method: z.enum(['exact-position-keys', 'interval']),
    requestedMargin: num.optional(),
    target: z.strictObject({ support: z.array(num), table: z.string() }),
  })
  .describe('Certificate');

/** /v1/norms: ModelNorms (src/model/norms-report.ts). */
export const normsReplySchema = z
  .looseObject({
    contextLength: num,
    width: num,
    inputRowNormBound: num.describe('B_X: sup over all inputs of max_t ‖x_t‖₂'),
    layers: z.array(z.looseObject({})),
    clsHeads: z.array(z.looseObject({})),
    readout: z.array(z.looseObject({})),
  })
  .describe('ModelNorms');

/** GET /healthz. */
export const healthReplySchema = z.strictObject({ status: z.literal('ok'), version: z.string() });
