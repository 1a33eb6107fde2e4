/**
 * The conformance runner (docs/conformance.md, protocol `attn-theory-conformance/1`): checks a forward
 * pass in any language, spoken to over JSON lines, against the float64 reference semantics.
 */
export { CONFORMANCE_PROTOCOL, helloReplySchema, resultReplySchema, errorReplySchema, classifyHelloReply, classifyEvalReply } from './protocol.js';
export type { HelloRequest, EvalRequest, HelloReply, ResultReply, ErrorReply, Violation, ViolationKind, Classified } from './protocol.js';
export { compareOutputs, errorRatio, DEFAULT_TOLERANCE, type Tolerance, type Comparison } from './compare.js';
export { generateCase, caseRng, CASE_MAX_CONTEXT, CASE_MAX_WIDTH, CASE_MAX_INPUTS, type ConformanceCase } from './generate.js';
export { modelToRequestJson, encodeMatrixAs, type MatrixEncoding, type PackedMatrixJson } from './encode.js';
export { ConformanceClient, STDERR_TAIL_CHARS, type ClientOptions, type ClientStart } from './driver.js';
export { shrinkFailure, DEFAULT_SHRINK_BUDGET, type Failure, type FailingCase, type Probe, type ProbeResult, type ProbeViolation, type ShrinkResult } from './shrink.js';
export { runConformance, referenceOutputs, type ConformanceOptions, type ConformanceOutcome, type ConformancePass, type ConformanceFail, type ConformanceViolation } from './run.js';
export { verdictLine, reportJson, writeReport, readableJson, modelSize, DEFAULT_REPORT_FILE, type ModelSize } from './verdict.js';
