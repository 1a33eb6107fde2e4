/**
 * The bounds API (contract in the team brief): a typed request (norm budgets + T, d, m, B_X, L_σ, H, L,
 * γ, δ) or a model file plus (m, γ, δ) → a report with the ℓ∞ log covering numbers on an ε grid, the
 * Rademacher bound, the generalization gap, a vacuity flag, a derivation trace, the LaTeX closed form
 * and the baselines. Chain: lem-linear-linf-cover + lem-softmax-linf-l1 + lem-layer-lipschitz →
 * thm-head-covering / thm-multihead-covering / thm-transformer-covering (split: lem-epsilon-split) →
 * lem-dudley-discrete → thm-margin-bound. Every constant: proofs-notes/.
 */
import type { Model } from '../model/types.js';
import { ACTIVATION_LIPSCHITZ } from '../model/activations.js';
import { measureNorms, type MatrixNorms } from '../model/norms-report.js';
import { spectralNorm, frobeniusNorm, groupNormRows } from '../core/norms.js';
import { fromData } from '../core/matrix.js';
import { parseOrThrow } from '../core/zod-issue.js';
import {
  boundRequestSchema,
  sampleSizeRequestSchema,
  targetGapSchema,
  modelBoundOptionsSchema,
  modelSampleSizeOptionsSchema,
  boundOutputOptionsSchema,
  type BoundRequest,
  type SampleSizeRequest,
  type ModelBoundOptions,
  type BoundOutputOptions,
} from './request-schema.js';
import type { Architecture, HeadBudget, LayerBudget, ReadoutBudget } from './architecture.js';
import { architectureCover, TRANSFORMER_COVERING_ID, type ArchitectureCover } from './transformer-covering.js';
import { splitParts, compositeLogCover, partLogCover, type PartsSplit } from './cover-parts.js';
import { invertSampleSize } from './sample-size.js';
import { dudleyRademacher, DUDLEY_ID, DUDLEY_PAIRS_ID } from './dudley.js';
import { marginGap, MARGIN_BOUND_ID, EXPECTED_MARGIN_BOUND_ID } from './margin-bound.js';
import { SOFTMAX_LINF_L1_CONSTANT, SOFTMAX_STEP_ID } from './softmax-step.js';
import { LAYER_LIPSCHITZ_ID } from './layer-lipschitz.js';
import { EPSILON_SPLIT_ID } from './epsilon-split.js';
import { HEAD_COVERING_ID } from './head-covering.js';
import { MULTIHEAD_COVERING_ID, replicateHeads } from './multihead-covering.js';
import { LINEAR_COVER_ID } from './linear-cover.js';
import { closedFormGap, closedFormValue, CLOSED_FORM_ID } from './closed-form.js';
import { BUDGET_GRID_ID, BUDGET_GRID_RATIO, gridCell, gridStatement, type GridSlot } from './budget-grid.js';
import { naiveSoftmaxConstant, parameterCount, volumetricLogCover, NAIVE_SOFTMAX_BASELINE_ID, VOLUMETRIC_BASELINE_ID } from './baselines.js';
import { l1MaureyReport } from './baseline-l1-report.js';
import { ALL_TIGHTENINGS, resolveTightenings, type Tightenings } from './tightenings.js';
import { qkOnlyRademacher, QK_ONLY_CHAINING_ID } from './qk-chaining.js';
import { multiheadSumApplies, singleHeadClasses, sumOfHeadRademacher, MULTIHEAD_SUM_ID } from './multihead-sum.js';

/** A bound report (contract): what computeBound, boundForRequest and boundFromModel return. */
export interface BoundReport {
  /**
   * The event the bound holds on: for a class fixed before the data (computeBound, fixedClassBoundFromModel),
   * or simultaneously over the weighted budget grid (boundFromModel: budgets and γ read off the weights).
   */
  statement: string;
  /** The grid cell the model fell in, when the bound is the grid union (thm-budget-grid-union). */
  budgetGrid?: BudgetGridReport;
  /**
   * The margin bound's last two terms, for the smaller of the routes: (2/γ)R + √(ln(1/δ)/(2m)) by default
   * (thm-expected-margin-bound), (2/γ)R̂_S + 3√(ln(2/δ)/(2m)) with expectedRademacher off (thm-margin-bound).
   */
  generalizationGap: number;
  /** R̂_S: the bound on the empirical Rademacher complexity of the class (lem-dudley-discrete). */
  rademacher: number;
  /**
   * ln N(ε) (natural log) of the composite cover at the LOG_COVERING_GRID radii ε = F·2^{−k}, k = 1..LOG_COVERING_GRID
   * (F = range bound): ℓ∞ over the sample for the first chain, L2(P_n) once Maurey parts are used (lem-maurey-l2-cover).
   * When R̂ comes from thm-qk-only-chaining or thm-multihead-rademacher-sum (see trace), this cover is not the one used.
   */
  logCovering: {
    /** ε: the covering radius. */
    eps: number;
    /** ln N_∞(ε): the log covering number at that radius. */
    value: number;
  }[];
  /** The request's empiricalMarginLoss (default 0) plus generalizationGap: with probability ≥ 1 − δ, a bound on P[y f(x) ≤ 0] (thm-margin-bound). */
  total: number;
  /** True unless total < 1 (a bound ≥ 1 on a probability says nothing). */
  vacuous: boolean;
  /** The derivation, one entry per step in order: the softmax constant, layer Lipschitz constants, parts, split, cover, Dudley, margin bound, closed form. */
  trace: {
    /** Proof-note id of the step (e.g. lem-dudley-discrete). */
    id: string;
    /** The step's named inputs. */
    inputs: Record<string, number>;
    /** The step's result. */
    value: number;
  }[];
  /** LaTeX of the closed form (cor-closed-form-gap); present only when asked for ({ latex: true }). */
  latex?: string;
  /**
   * Baselines for comparison, keyed by name: `parameterCounting` (lem-volumetric-param-cover) and
   * `naiveSoftmaxT` (lem-naive-softmax-route), and `l1Maurey` (lem-l1-maurey-baseline, OURS, only for classes
   * without self-attention layers); each may carry extra figures (rademacher, ...).
   */
  baselines: Record<
    string,
    {
      /** The baseline's generalization gap (same Dudley and margin steps). */
      value: number;
      /** One line naming the baseline's proof note and how it differs. */
      description: string;
      [k: string]: unknown;
    }
  >;
}

/** What a grid-union bound (boundFromModel) reports about the cell it used (thm-budget-grid-union). */
export interface BudgetGridReport {
  /** ρ: the grid's ratio. */
  readonly ratio: number;
  /** γ as given. */
  readonly marginGiven: number;
  /** γ_c: γ rounded down to the grid, the margin the bound uses. */
  readonly marginUsed: number;
  /** ln(1/w(c)): the confidence the choice of cell costs, added to ln(2/δ). */
  readonly logInverseWeight: number;
  /** Every budget slot: measured norm, grid index, budget used and its cost. */
  readonly slots: readonly GridSlot[];
}

/** Statement of a bound for a class fixed before the data (the margin bound's form follows the tightenings). */
export function fixedClassStatement(delta: number, tightenings: Tightenings = ALL_TIGHTENINGS): string {
  const id = tightenings.expectedRademacher ? EXPECTED_MARGIN_BOUND_ID : MARGIN_BOUND_ID;
  return `holds with probability >= 1 - ${delta} over the sample for every model of the class with these budgets and margin, fixed before the data (${id}); not valid for budgets or a margin chosen from the data (use the grid union, ${BUDGET_GRID_ID})`;
}

/** Number of ε grid points reported in logCovering (ε = F·2^{−k}, k = 1..). */
export const LOG_COVERING_GRID = 12;

export type {
  BoundRequest,
  BoundRequestInput,
  SampleSizeRequest,
  SampleSizeRequestInput,
  ModelBoundOptions,
  ModelBoundOptionsInput,
  BoundOutputOptions,
  BoundOutputOptionsInput,
} from './request-schema.js';

/**
 * Turn a parsed request (boundRequestSchema / sampleSizeRequestSchema output: trusted, not re-checked)
 * into an architecture (budgets), filling the defaults: qkSpectral = qkGroup21, outputSpectral =
 * outputGroup21 = 1, H = L = 1, k = d, σ 'lipschitz'. Untrusted input goes through computeBound.
 */
export function architectureFromRequest(req: SampleSizeRequest): Architecture {
  const T = req.contextLength;
  const d = req.width;
  const BX = req.inputNorm;
  const nb = req.normBounds;
  const BV = nb.valueSpectral;
  const BV21 = nb.valueGroup21;
  const BQK = nb.qkGroup21;
  const Bw = nb.readout;
  const qkSpec = nb.qkSpectral ?? BQK;
  const CSpec = nb.outputSpectral ?? 1;
  const CF = nb.outputGroup21 ?? 1;
  const Ls = req.activationLipschitz;
  const H = req.heads ?? 1;
  const L = req.layers ?? 1;
  const k = req.valueDim ?? d;
  const identity = req.valueActivation === 'identity';
  const oneHead: Omit<HeadBudget, 'count'> = {
    qkFrobenius: BQK,
    qkSpectral: qkSpec,
    valueFrobenius: BV21,
    valueGroup21: BV21,
    valueSpectral: BV,
    valueDim: k,
    activationLipschitz: Ls,
    identity,
    outputFrobenius: CF,
    outputSpectral: CSpec,
  };
  const head = (count: number): HeadBudget[] => replicateHeads(oneHead, count);
  const readout: ReadoutBudget[] = [{ frobenius: Bw, spectral: Bw, inputDim: k, outputDim: 1, lipschitz: 1, bias: false, identity: true }];
  const multi = req.model === 'multihead' || req.model === 'transformer';
  const layers: LayerBudget[] = req.model === 'transformer' ? Array.from({ length: L }, () => ({ heads: head(H), residual: true, projectionRadius: BX })) : [];
  return { kind: req.model, contextLength: T, width: d, inputRowNorm: BX, layers, clsHeads: head(multi ? H : 1), readout };
}

function headFromNorms(h: { wQK: MatrixNorms; wV: MatrixNorms; wC?: MatrixNorms; activationLipschitz: number }, identity: boolean): HeadBudget {
  return {
    qkFrobenius: h.wQK.frobenius,
    qkSpectral: h.wQK.spectral,
    valueFrobenius: h.wV.frobenius,
    valueSpectral: h.wV.spectral,
    valueDim: h.wV.shape[1],
    activationLipschitz: h.activationLipschitz,
    identity,
    outputFrobenius: h.wC ? h.wC.frobenius : 1,
    outputSpectral: h.wC ? h.wC.spectral : 1,
    count: 1,
  };
}

/**
 * Measure a model's norms and build the class whose budgets are those norms (the class contains the
 * model). Layers without Π_R are handled by forward row bounds (thm-transformer-covering).
 */
export function architectureFromModel(model: Model): Architecture {
  const norms = measureNorms(model);
  const layers: LayerBudget[] = model.layers.map((l, li) => ({
    heads: l.heads.map((h, hi) => headFromNorms(norms.layers[li].heads[hi], h.activation === 'identity')),
    residual: l.residual,
    projectionRadius: l.projectionRadius,
  }));
  const clsHeads = model.clsHeads.map((h, i) => headFromNorms(norms.clsHeads[i], h.activation === 'identity'));
  const readout: ReadoutBudget[] = model.readout.map((l) => {
    let W = l.weight;
    if (l.bias) {
      const data = new Float64Array((W.rows + 1) * W.cols);
      data.set(W.data);
      data.set(l.bias, W.rows * W.cols);
      W = fromData(W.rows + 1, W.cols, data);
    }
    return {
      frobenius: frobeniusNorm(W),
      spectral: spectralNorm(W),
      inputDim: l.weight.rows,
      outputDim: l.weight.cols,
      lipschitz: ACTIVATION_LIPSCHITZ[l.activation],
      bias: l.bias !== null,
      identity: l.activation === 'identity',
      rowGroup21: groupNormRows(l.weight),
    };
  });
  const kind = model.layers.length > 0 ? 'transformer' : model.clsHeads.length > 1 ? 'multihead' : 'scalar';
  return { kind, contextLength: model.contextLength, width: model.width, inputRowNorm: norms.inputRowNormBound, layers, clsHeads, readout };
}

/** How R̂_S was bounded: Dudley on the composite cover, chaining over W_QK only, or the sum over heads. */
export type RademacherRoute = 'cover' | 'qkOnly' | 'headSum';

/** Intermediate results of one evaluation (shared by the report and the baselines). */
interface Evaluation {
  readonly route: 'l2' | 'linf';
  readonly cover: ArchitectureCover;
  readonly split: PartsSplit;
  readonly logCover: (eps: number) => number;
  readonly rademacher: number;
  readonly levels: number;
  readonly gap: number;
  /** Which bound on R̂_S is the one used (the least of those that apply). */
  readonly rademacherRoute: RademacherRoute;
  /** The composite cover's Dudley bound (before the qkOnly / headSum routes). */
  readonly coverRademacher: number;
}

/** The one-head identity-σ class with a linear readout (thm-qk-only-chaining applies). */
function qkOnlyApplies(arch: Architecture): boolean {
  const r = arch.readout;
  return arch.layers.length === 0 && arch.clsHeads.length === 1 && arch.clsHeads[0].count === 1 && arch.clsHeads[0].identity && r.length === 1 && r[0].identity && !r[0].bias && r[0].outputDim === 1;
}

/**
 * The composite cover's Dudley bound under the tightenings (cover-level steps: multiset, slack, Maurey, pairs).
 * A Maurey-only readout stage can cost more than its mistake-bound cover (tiny m); both are L2(P_n) covers at
 * every level and Dudley takes any cover per level, so ln N(ε) is the smaller of the two costings.
 */
function coverChain(cover: ArchitectureCover, m: number, t: Tightenings): { split: PartsSplit; logCover: (eps: number) => number; value: number; levels: number } {
  const costing = { multiset: t.multisetCentres, l2Maurey: t.l2Maurey, slackEps: t.slackEps };
  const split = splitParts(cover.parts, costing);
  const exclusive = t.l2Maurey && cover.parts.some((p) => p.maurey?.exclusive);
  const plain = exclusive ? splitParts(cover.parts, { ...costing, l2Maurey: false }) : null;
  const logCover = (eps: number) => {
    if (cover.parts.length === 0) return 0;
    const v = compositeLogCover(split, eps, cover.rangeBound);
    return plain ? Math.min(v, compositeLogCover(plain, eps, cover.rangeBound)) : v;
  };
  const dud = dudleyRademacher(logCover, cover.rangeBound, m, undefined, t.massartPairs);
  return { split, logCover, value: dud.value, levels: dud.levels };
}

function evaluateRoute(arch: Architecture, m: number, margin: number, delta: number, c: number, route: 'l2' | 'linf', union: number, t: Tightenings): Evaluation {
  const cover = architectureCover(arch, m, c, route);
  const dud = coverChain(cover, m, t);
  const { split, logCover } = dud;
  let rademacher = dud.value;
  let rademacherRoute: RademacherRoute = 'cover';
  if (t.coverOnlyQK && qkOnlyApplies(arch)) {
    const h = arch.clsHeads[0];
    const q = qkOnlyRademacher({
      qkFrobenius: h.qkFrobenius,
      linearNorm: h.valueSpectral * arch.readout[0].spectral,
      rowNorm: arch.inputRowNorm,
      contextLength: arch.contextLength,
      sampleSize: m,
      softmaxConstant: c,
      multiset: t.multisetCentres,
      pairs: t.massartPairs,
    });
    if (q.value < rademacher) {
      rademacher = q.value;
      rademacherRoute = 'qkOnly';
    }
  }
  if (t.multiheadRademacherSum && multiheadSumApplies(arch)) {
    const sum = sumOfHeadRademacher(singleHeadClasses(arch).map((g) => ({ count: g.count, rademacher: evaluate(g.architecture, m, margin, delta, c, union, t).rademacher })));
    if (sum < rademacher) {
      rademacher = sum;
      rademacherRoute = 'headSum';
    }
  }
  const gap = marginGap({ rademacher, margin, delta, sampleSize: m, unionLogInverseWeight: union, form: t.expectedRademacher ? 'expected' : 'empirical' });
  return { route, cover, split, logCover, rademacher, levels: dud.levels, gap, rademacherRoute, coverRademacher: dud.value };
}

/**
 * Both value routes of thm-head-covering when the per-coordinate one applies (the first readout stage's
 * row (2,1) norm is known), keeping the smaller gap: each is a valid bound on the same quantity.
 */
function evaluate(arch: Architecture, m: number, margin: number, delta: number, c: number, union: number, t: Tightenings): Evaluation {
  const l2 = evaluateRoute(arch, m, margin, delta, c, 'l2', union, t);
  if (arch.readout.length === 0 || arch.readout[0].rowGroup21 === undefined || arch.clsHeads.length === 0) return l2;
  const linf = evaluateRoute(arch, m, margin, delta, c, 'linf', union, t);
  return linf.gap < l2.gap ? linf : l2;
}

const COVER_ID: Record<Architecture['kind'], string> = { head: HEAD_COVERING_ID, scalar: HEAD_COVERING_ID, multihead: MULTIHEAD_COVERING_ID, transformer: TRANSFORMER_COVERING_ID };

/**
 * Evaluate the whole chain for an architecture (shared by computeBound and boundFromModel). Trusts
 * its parsed options (modelBoundOptionsSchema output); the LaTeX closed form only when out.latex.
 * @param tightenings - which tightenings are on (default: all, src/bounds/tightenings.ts; alg-bound-waterfall).
 */
export function boundForArchitecture(arch: Architecture, opts: ModelBoundOptions, out: BoundOutputOptions = {}, tightenings: Tightenings = ALL_TIGHTENINGS): BoundReport {
  return chainReport(arch, opts, out, 0, fixedClassStatement(opts.delta, tightenings), tightenings);
}

/**
 * The whole chain at confidence δ·w, w = e^{−union} (union = 0: a class fixed in advance; > 0: one cell of
 * the budget grid, thm-budget-grid-union), with the statement the report makes.
 */
function chainReport(arch: Architecture, opts: ModelBoundOptions, out: BoundOutputOptions, union: number, statement: string, t: Tightenings): BoundReport {
  const m = opts.sampleSize;
  const margin = opts.margin;
  const delta = opts.delta;
  const emp = opts.empiricalMarginLoss ?? 0;
  const main = evaluate(arch, m, margin, delta, SOFTMAX_LINF_L1_CONSTANT, union, t);
  const F = main.cover.rangeBound;
  const logCovering = Array.from({ length: LOG_COVERING_GRID }, (_, i) => {
    const eps = F * 2 ** -(i + 1);
    return { eps, value: main.logCover(eps) };
  });
  const trace: BoundReport['trace'] = [];
  trace.push({ id: SOFTMAX_STEP_ID, inputs: {}, value: SOFTMAX_LINF_L1_CONSTANT });
  for (const [l, lip] of main.cover.layerLipschitz.entries()) {
    trace.push({ id: LAYER_LIPSCHITZ_ID, inputs: { layer: l + 1, rowNorm: main.cover.rowBounds[l], multiplier: main.cover.layerMultipliers[l] }, value: lip });
  }
  trace.push({ id: LAYER_LIPSCHITZ_ID, inputs: { top: 1, rowNorm: main.cover.rowBounds[main.cover.rowBounds.length - 1] }, value: main.cover.topLipschitz });
  const epsRef = F / 2;
  main.cover.parts.forEach((p, i) => {
    const e = (main.split.closedForm[i] * epsRef) / (p.multiplicity * p.errorWeight);
    trace.push({
      id: LINEAR_COVER_ID,
      inputs: { part: i + 1, weightNorm: p.weightNorm, pointNorm: p.pointNorm, points: p.points, outputDim: p.outputDim, multiplicity: p.multiplicity, errorWeight: p.errorWeight, partEps: e },
      value: partCost(p, e),
    });
  });
  trace.push({ id: EPSILON_SPLIT_ID, inputs: { parts: main.cover.parts.length }, value: main.split.smoothConstant });
  trace.push({
    id: COVER_ID[arch.kind],
    inputs: { eps: epsRef, rangeBound: F, contextLength: arch.contextLength, sampleSize: m, perCoordinateValueRoute: main.route === 'linf' ? 1 : 0 },
    value: main.logCover(epsRef),
  });
  trace.push({ id: t.massartPairs ? DUDLEY_PAIRS_ID : DUDLEY_ID, inputs: { rangeBound: F, sampleSize: m, levels: main.levels }, value: main.coverRademacher });
  if (main.rademacherRoute !== 'cover')
    trace.push({ id: main.rademacherRoute === 'qkOnly' ? QK_ONLY_CHAINING_ID : MULTIHEAD_SUM_ID, inputs: { coverRademacher: main.coverRademacher, sampleSize: m }, value: main.rademacher });
  trace.push({
    id: t.expectedRademacher ? EXPECTED_MARGIN_BOUND_ID : MARGIN_BOUND_ID,
    inputs: { rademacher: main.rademacher, margin, delta, sampleSize: m, unionLogInverseWeight: union },
    value: main.gap,
  });
  const cfParams = { parts: main.cover.parts, rangeBound: F, sampleSize: m, margin, delta, ...(union > 0 ? { unionLogInverseWeight: union } : {}) };
  trace.push({ id: CLOSED_FORM_ID, inputs: { smoothConstant: main.split.smoothConstant }, value: closedFormValue(cfParams) });

  const naive = evaluate(arch, m, margin, delta, naiveSoftmaxConstant(arch.contextLength), union, t);
  const volLog = (eps: number) => volumetricLogCover(main.cover.parts, eps, F);
  const volR = dudleyRademacher(volLog, F, m);
  const volGap = marginGap({ rademacher: volR.value, margin, delta, sampleSize: m, unionLogInverseWeight: union });
  const total = emp + main.gap;
  return {
    statement,
    generalizationGap: main.gap,
    rademacher: main.rademacher,
    logCovering,
    total,
    vacuous: !(total < 1),
    trace,
    ...(out.latex ? { latex: closedFormGap(cfParams).latex } : {}),
    baselines: {
      parameterCounting: {
        value: volGap,
        description: `${VOLUMETRIC_BASELINE_ID}: volumetric cover of the ${parameterCount(main.cover.parts)} weights (ln N ≤ Σ P_i ln(1 + 2a_i/r_i)), same Dudley and margin steps; grows with the parameter count`,
        rademacher: volR.value,
        parameterCount: parameterCount(main.cover.parts),
        logCoveringAtHalfRange: volLog(F / 2),
      },
      naiveSoftmaxT: {
        value: naive.gap,
        description: `${NAIVE_SOFTMAX_BASELINE_ID}: same cover with the softmax step taken through ℓ2 (c = (T+1)/2, Nair's ½-Lipschitz + norm conversions); polynomial in T`,
        rademacher: naive.rademacher,
        softmaxConstant: naiveSoftmaxConstant(arch.contextLength),
        logCoveringAtHalfRange: naive.logCover(F / 2),
      },
      ...l1MaureyReport(arch, (logCover, rangeBound) => {
        const r = dudleyRademacher(logCover, rangeBound, m);
        return { rademacher: r.value, gap: marginGap({ rademacher: r.value, margin, delta, sampleSize: m, unionLogInverseWeight: union }) };
      }),
    },
  };
}

function partCost(p: Parameters<typeof partLogCover>[0], e: number): number {
  return e > 0 ? partLogCover(p, e) : Infinity;
}

/**
 * Compute the bound for a request (contract): parses `input` with boundRequestSchema (unknown fields,
 * NaN, ±Infinity, non-integers, identity σ with L_σ ≠ 1 rejected), then runs the chain.
 * @param options { latex: true } also builds the LaTeX closed form (loads mathjs; off by default).
 * @throws DomainError `computeBound: field must be <condition> (got <value>)` or `unknown field ...`.
 */
export function computeBound(input: unknown, options: unknown = {}): BoundReport {
  const req = parseOrThrow(boundRequestSchema, input, 'computeBound', 'request');
  const out = parseOrThrow(boundOutputOptionsSchema, options, 'computeBound', 'options');
  return boundForRequest(req, out);
}

/** The bound for an already parsed request (the sweep kind 'bound' and computeBound); trusts `req`. */
export function boundForRequest(req: BoundRequest, out: BoundOutputOptions = {}): BoundReport {
  return boundForArchitecture(
    architectureFromRequest(req),
    { sampleSize: req.sampleSize, margin: req.margin, delta: req.delta, ...(req.empiricalMarginLoss !== undefined ? { empiricalMarginLoss: req.empiricalMarginLoss } : {}) },
    out,
    resolveTightenings(req.disabledTightenings),
  );
}

/**
 * Bound for the class whose budgets are a model's measured norms (contract). `opts` is parsed with
 * modelBoundOptionsSchema (sampleSize, margin, delta, empiricalMarginLoss; strict).
 * @param options { latex: true } also builds the LaTeX closed form.
 * @throws DomainError `boundFromModel: field must be ...` for bad options.
 */
export function boundFromModel(model: Model, opts: unknown, options: unknown = {}): BoundReport {
  const o = parseOrThrow(modelBoundOptionsSchema, opts, 'boundFromModel', 'options');
  const out = parseOrThrow(boundOutputOptionsSchema, options, 'boundFromModel', 'output options');
  return gridUnionBound(architectureFromModel(model), o, out);
}

/**
 * The grid-union bound for the class of measured norms `arch` (thm-budget-grid-union): every budget rounded
 * up to the grid, γ rounded down, the cell's ln(1/w) added to ln(2/δ). Trusts its parsed options.
 */
export function gridUnionBound(arch: Architecture, opts: ModelBoundOptions, out: BoundOutputOptions = {}): BoundReport {
  const cell = gridCell(arch, opts.margin);
  const report = chainReport(cell.architecture, { ...opts, margin: cell.margin }, out, cell.logInverseWeight, gridStatement(cell, opts.delta), ALL_TIGHTENINGS);
  return {
    ...report,
    budgetGrid: { ratio: BUDGET_GRID_RATIO, marginGiven: opts.margin, marginUsed: cell.margin, logInverseWeight: cell.logInverseWeight, slots: cell.slots },
  };
}

/**
 * The fixed-class bound for the class whose budgets are exactly a model's measured norms at margin γ
 * (the behaviour boundFromModel had before the grid union). Valid only when that class and γ were fixed
 * before the data, which is not the case for a trained model's own norms: use boundFromModel for those.
 * Options as boundFromModel.
 * @throws DomainError `fixedClassBoundFromModel: field must be ...` for bad options.
 */
export function fixedClassBoundFromModel(model: Model, opts: unknown, options: unknown = {}): BoundReport {
  const o = parseOrThrow(modelBoundOptionsSchema, opts, 'fixedClassBoundFromModel', 'options');
  const out = parseOrThrow(boundOutputOptionsSchema, options, 'fixedClassBoundFromModel', 'output options');
  return boundForArchitecture(architectureFromModel(model), o, out);
}

/**
 * Least m with generalizationGap(m) ≤ targetGap, by doubling then integer bisection (the gap is
 * non-increasing in m: alg-sample-size-inversion). Infinity when even m = 2^50 does not reach it.
 * `input` is parsed with sampleSizeRequestSchema (a bound request without sampleSize: it is the unknown).
 * @throws DomainError on a bad request or targetGap ≤ 0.
 */
export function requiredSampleSize(input: unknown, targetGap: number): number {
  const fn = 'requiredSampleSize';
  const gapTarget = parseOrThrow(targetGapSchema, targetGap, fn, 'targetGap');
  const req = parseOrThrow(sampleSizeRequestSchema, input, fn, 'request');
  return leastSampleSize(architectureFromRequest(req), req.margin, req.delta, gapTarget, 0, resolveTightenings(req.disabledTightenings));
}

/**
 * Least m with gap ≤ targetGap for the class of a model's measured norms at margin γ, confidence δ
 * (alg-sample-size-inversion); Infinity when no m ≤ 2^50 reaches it. Options parsed as in boundFromModel
 * without sampleSize.
 * @throws DomainError on bad options or targetGap ≤ 0.
 */
export function requiredSampleSizeForModel(model: Model, opts: unknown, targetGap: number): number {
  const fn = 'requiredSampleSizeForModel';
  const gapTarget = parseOrThrow(targetGapSchema, targetGap, fn, 'targetGap');
  const o = parseOrThrow(modelSampleSizeOptionsSchema, opts, fn, 'options');
  // The grid cell does not depend on m: the least m of the grid-union bound, as boundFromModel reports it.
  const cell = gridCell(architectureFromModel(model), o.margin);
  return leastSampleSize(cell.architecture, cell.margin, o.delta, gapTarget, cell.logInverseWeight);
}

function leastSampleSize(arch: Architecture, margin: number, delta: number, targetGap: number, union = 0, t: Tightenings = ALL_TIGHTENINGS): number {
  return invertSampleSize((m) => boundForArchitectureGap(arch, m, margin, delta, union, t), targetGap);
}

/**
 * The gap alone (no baselines): the function inverted by requiredSampleSize; union = ln(1/w) of a grid cell
 * (default 0); tightenings default: all on (src/bounds/tightenings.ts).
 */
export function boundForArchitectureGap(arch: Architecture, m: number, margin: number, delta: number, union = 0, tightenings: Tightenings = ALL_TIGHTENINGS): number {
  return evaluate(arch, m, margin, delta, SOFTMAX_LINF_L1_CONSTANT, union, tightenings).gap;
}
