/**
 * What the bound explorer computes from the texts typed into its inputs: the request parsed by the
 * CLI's own flag parser (parseSchemaFlags with boundRequestSchema, so a bad field reads exactly as
 * `attn-theory bound` prints it), the bound report (boundForRequest: the chain of thm-margin-bound),
 * and, when a target gap is given, the least m reaching it (requiredSampleSize,
 * alg-sample-size-inversion). Pure and browser-safe; the page (page/main.ts) only renders it.
 */
import { boundForRequest, requiredSampleSize, type BoundReport, type BoundRequest } from '../bounds/api.js';
import { boundRequestSchema } from '../bounds/request-schema.js';
import { AttnTheoryError } from '../core/errors.js';
import { optionKey, parseSchemaFlags } from '../cli/schema-flags.js';
import { EXPLORER_REQUEST_FLAGS, EXPLORER_TARGET_GAP_FLAG, explorerTargetGapSchema } from './fields.js';

/** Texts of the inputs keyed by option key (`T`, `BV21`, `targetGap`, ...); '' or absent = not given. */
export type ExplorerTexts = Readonly<Record<string, string>>;

/** A request the explorer computed. */
export interface ExplorerBound {
  /** Always true. */
  readonly ok: true;
  /** The parsed request (boundRequestSchema output). */
  readonly request: BoundRequest;
  /** boundForRequest(request): gap, Rademacher term, baselines, trace (no LaTeX). */
  readonly report: BoundReport;
  /** With a target gap G: the least m whose gap is ≤ G (null: none up to 2^50), as `bound --target-gap`. */
  readonly leastSampleSize?: { readonly targetGap: number; readonly sampleSize: number | null };
}

/** Inputs the explorer rejected. */
export interface ExplorerError {
  /** Always false. */
  readonly ok: false;
  /** The one-line message, as `attn-theory bound` prints it after its `attn-theory bound: ` prefix. */
  readonly message: string;
  /** The flags the message names (e.g. ['--delta'], or every missing one), for the page to mark. */
  readonly flags: readonly string[];
}

/** What exploreTexts returns. */
export type ExplorerResult = ExplorerBound | ExplorerError;

/** Every field of the report the page prints as a number (checked finite or +∞ before it is shown). */
function shownNumbers(r: BoundReport): [string, number][] {
  return [['generalizationGap', r.generalizationGap], ['rademacher', r.rademacher], ['total', r.total], ...Object.entries(r.baselines).map(([k, b]): [string, number] => [`baselines.${k}`, b.value])];
}

/** The flags named at the start of a CLI message (`--T, --d must be given` → ['--T', '--d']). */
export function flagsOfMessage(message: string): string[] {
  const head = /^(--[\w-]+(?:, --[\w-]+)*) must /.exec(message);
  return head ? head[1].split(', ') : [];
}

/** The texts that are given, keyed as commander keys the flags (blank texts dropped, as an absent flag). */
function givenOptions(texts: ExplorerTexts): Record<string, string> {
  const opts: Record<string, string> = {};
  for (const f of [...EXPLORER_REQUEST_FLAGS, EXPLORER_TARGET_GAP_FLAG]) {
    const k = optionKey(f.flag);
    const t = texts[k];
    if (t !== undefined && t.trim() !== '') opts[k] = t;
  }
  return opts;
}

/**
 * Parse the texts and compute the bound (and the least m for a target gap), never throwing on bad input.
 * @param texts - the inputs' texts by option key.
 * @returns the report, or the CLI's one-line message naming the field (or, for a valid request whose
 *   numbers overflow inside the chain, the library's message, as the CLI prints it). A report whose shown numbers
 *   include NaN is returned as an error naming the number (never printed as NaN); +∞ is kept (vacuous).
 */
export function exploreTexts(texts: ExplorerTexts): ExplorerResult {
  const opts = givenOptions(texts);
  let request: BoundRequest;
  let targetGap: number | undefined;
  try {
    // The CLI's order (parseBoundFlags): the target gap first, then the request.
    targetGap = parseSchemaFlags(explorerTargetGapSchema, [EXPLORER_TARGET_GAP_FLAG], opts).targetGap;
    request = parseSchemaFlags(boundRequestSchema, EXPLORER_REQUEST_FLAGS, opts);
  } catch (err) {
    if (!(err instanceof AttnTheoryError)) throw err;
    return { ok: false, message: err.message, flags: flagsOfMessage(err.message) };
  }
  let report: BoundReport;
  try {
    report = boundForRequest(request);
  } catch (err) {
    // A valid request whose numbers overflow inside the chain: the library's own message, as the CLI prints it.
    if (!(err instanceof AttnTheoryError)) throw err;
    return { ok: false, message: err.message, flags: [] };
  }
  const nan = shownNumbers(report).find(([, v]) => Number.isNaN(v));
  if (nan) return { ok: false, message: `computeBound: ${nan[0]} is NaN for this request (a defect: please report the URL)`, flags: [] };
  if (targetGap === undefined) return { ok: true, request, report };
  const { sampleSize: _m, empiricalMarginLoss: _e, ...rest } = request;
  const least = requiredSampleSize(rest, targetGap);
  return { ok: true, request, report, leastSampleSize: { targetGap, sampleSize: Number.isFinite(least) ? least : null } };
}
