/**
 * The conformance protocol, version `attn-theory-conformance/1` (docs/conformance.md): the messages
 * the runner sends, one zod strict schema per message the user's program may send back, and the
 * classification of a reply line into a message or a protocol violation.
 */
import { z } from 'zod';
import type { ModelFileJson } from '../model/format.js';

/** The protocol string of this version (docs/conformance.md). */
export const CONFORMANCE_PROTOCOL = 'attn-theory-conformance/1';

/** The runner's first line. */
export interface HelloRequest {
  /** Always 'hello'. */
  readonly type: 'hello';
  /** Always CONFORMANCE_PROTOCOL. */
  readonly protocol: typeof CONFORMANCE_PROTOCOL;
}

/** An evaluation request: one model file and a batch of inputs. */
export interface EvalRequest {
  /** Always 'eval'. */
  readonly type: 'eval';
  /** Request id, an integer >= 1, unique within a run. */
  readonly id: number;
  /** A model file, exactly the JSON of docs/model-format.md. */
  readonly model: ModelFileJson;
  /** Bit strings of length T; character t−1 is b_t. */
  readonly inputs: readonly string[];
}

/** zod strict schema of the program's hello reply. */
export const helloReplySchema = z.strictObject({
  /** Always 'hello'. */
  type: z.literal('hello'),
  /** The protocol the program speaks (must equal CONFORMANCE_PROTOCOL to go on). */
  protocol: z.string(),
  /** Free text naming the implementation, quoted in the verdict. */
  implementation: z.string().max(200).optional(),
});

/** zod strict schema of a result reply: one number per input (finiteness is checked separately). */
export const resultReplySchema = z.strictObject({
  /** Always 'result'. */
  type: z.literal('result'),
  /** The id of the request answered. */
  id: z.number().int().min(1),
  /** f(b) for each input, in order. */
  outputs: z.array(z.number()),
});

/** zod strict schema of an error reply: the program cannot evaluate the request. */
export const errorReplySchema = z.strictObject({
  /** Always 'error'. */
  type: z.literal('error'),
  /** The id of the request answered. */
  id: z.number().int().min(1),
  /** Why, in the program's words. */
  message: z.string(),
});

/** The program's hello reply. */
export type HelloReply = z.infer<typeof helloReplySchema>;
/** A result reply. */
export type ResultReply = z.infer<typeof resultReplySchema>;
/** An error reply. */
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** The kinds of protocol violation (docs/conformance.md, "Protocol violations"). */
export type ViolationKind = 'malformed-json' | 'non-finite' | 'bad-message' | 'protocol-mismatch' | 'wrong-id' | 'wrong-length' | 'unsolicited-output' | 'timeout' | 'exited';

/** A protocol violation: its kind and a one-line detail. */
export interface Violation {
  /** Which rule was broken. */
  readonly kind: ViolationKind;
  /** One line saying what was seen. */
  readonly detail: string;
}

/** A line the program wrote, classified: a valid message of the expected kind, or a violation. */
export type Classified<M> =
  | {
      /** The line is a valid message. */
      readonly ok: true;
      /** The message. */
      readonly message: M;
    }
  | {
      /** The line breaks the protocol. */
      readonly ok: false;
      /** How. */
      readonly violation: Violation;
    };

function clip(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
}

// JSON has no NaN or infinity; a program that prints them (Python's json.dumps does by default) wrote
// a non-finite number, which deserves its own name rather than "malformed JSON".
const NON_FINITE_TOKEN = /(^|[[,:\s])-?(NaN|Infinity)\s*([\],}]|$)/;

function parseObject(line: string): Classified<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    if (NON_FINITE_TOKEN.test(line)) return { ok: false, violation: { kind: 'non-finite', detail: `a non-finite number (NaN or Infinity) in ${clip(line)}` } };
    return { ok: false, violation: { kind: 'malformed-json', detail: `not JSON: ${clip(line)}` } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, violation: { kind: 'malformed-json', detail: `not a JSON object: ${clip(line)}` } };
  return { ok: true, message: value as Record<string, unknown> };
}

function badMessage(what: string, error: z.ZodError, line: string): Violation {
  const issue = error.issues[0];
  const path =
    issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(root)';
  return { kind: 'bad-message', detail: `${what}: ${path}: ${issue.message} in ${clip(line)}` };
}

/**
 * Classify the program's reply to the hello.
 * @param line - one line of the program's stdout, without its newline.
 */
export function classifyHelloReply(line: string): Classified<HelloReply> {
  const obj = parseObject(line);
  if (!obj.ok) return obj;
  const parsed = helloReplySchema.safeParse(obj.message);
  if (!parsed.success) return { ok: false, violation: badMessage('hello reply', parsed.error, line) };
  if (parsed.data.protocol !== CONFORMANCE_PROTOCOL) {
    return { ok: false, violation: { kind: 'protocol-mismatch', detail: `the program speaks ${JSON.stringify(parsed.data.protocol)}, the runner ${CONFORMANCE_PROTOCOL}` } };
  }
  return { ok: true, message: parsed.data };
}

/**
 * Classify the program's reply to an eval request: a result with one finite number per input, an
 * error reply, or a violation (wrong id, wrong length, non-finite, bad message, malformed JSON).
 * @param line - one line of the program's stdout, without its newline.
 * @param request - the request being answered (its id and number of inputs).
 */
export function classifyEvalReply(line: string, request: Pick<EvalRequest, 'id' | 'inputs'>): Classified<ResultReply | ErrorReply> {
  const obj = parseObject(line);
  if (!obj.ok) return obj;
  // zod's number rejects infinities as a type error; name them for what they are first.
  const outputs = obj.message.outputs;
  if (Array.isArray(outputs)) {
    const bad = outputs.findIndex((x) => typeof x === 'number' && !Number.isFinite(x));
    if (bad >= 0) return { ok: false, violation: { kind: 'non-finite', detail: `reply to request ${request.id}: outputs[${bad}] is ${outputs[bad]} in ${clip(line)}` } };
  }
  const schema = obj.message.type === 'error' ? errorReplySchema : resultReplySchema;
  const parsed = schema.safeParse(obj.message);
  if (!parsed.success) return { ok: false, violation: badMessage(`reply to request ${request.id}`, parsed.error, line) };
  const msg = parsed.data;
  if (msg.id !== request.id) return { ok: false, violation: { kind: 'wrong-id', detail: `reply carries id ${msg.id}, the request being answered has id ${request.id}` } };
  if (msg.type === 'result') {
    if (msg.outputs.length !== request.inputs.length) {
      return { ok: false, violation: { kind: 'wrong-length', detail: `reply to request ${request.id} has ${msg.outputs.length} outputs for ${request.inputs.length} inputs` } };
    }
  }
  return { ok: true, message: msg };
}
