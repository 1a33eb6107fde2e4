/** Classification of the program's reply lines (src/conformance/protocol.ts, docs/conformance.md). */
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_PROTOCOL, classifyEvalReply, classifyHelloReply, type ViolationKind } from '../../src/conformance/protocol.js';

const request = { id: 4, inputs: ['01', '11'] };
const kindOf = (r: ReturnType<typeof classifyEvalReply>) => (r.ok ? r.message.type : r.violation.kind);

describe('hello reply', () => {
  it('accepts the protocol string, with or without an implementation name', () => {
    expect(classifyHelloReply(JSON.stringify({ type: 'hello', protocol: CONFORMANCE_PROTOCOL })).ok).toBe(true);
    const r = classifyHelloReply(JSON.stringify({ type: 'hello', protocol: CONFORMANCE_PROTOCOL, implementation: 'x 1.0' }));
    expect(r.ok && r.message.implementation).toBe('x 1.0');
  });

  it.each<[string, ViolationKind]>([
    ['{"type":"hello","protocol":"attn-theory-conformance/2"}', 'protocol-mismatch'],
    ['{"type":"hello"}', 'bad-message'],
    [`{"type":"hello","protocol":"${CONFORMANCE_PROTOCOL}","version":1}`, 'bad-message'],
    ['Loading model...', 'malformed-json'],
    ['[1, 2]', 'malformed-json'],
    ['', 'malformed-json'],
  ])('%s is a %s violation', (line, kind) => {
    const r = classifyHelloReply(line);
    expect(r.ok ? 'ok' : r.violation.kind).toBe(kind);
  });
});

describe('eval reply', () => {
  it.each<[string, string]>([
    ['{"type":"result","id":4,"outputs":[0.5,-1e-300]}', 'result'],
    ['{"type":"error","id":4,"message":"tanh is not implemented"}', 'error'],
    ['{"type":"result","id":4,"outputs":[NaN,0]}', 'non-finite'],
    ['{"type":"result","id":4,"outputs":[0, Infinity]}', 'non-finite'],
    ['{"type":"result","id":4,"outputs":[-Infinity,0]}', 'non-finite'],
    ['{"type":"result","id":4,"outputs":[1e999,0]}', 'non-finite'],
    ['{"type":"result","id":4,"outputs":[0]}', 'wrong-length'],
    ['{"type":"result","id":4,"outputs":[0,1,2]}', 'wrong-length'],
    ['{"type":"result","id":3,"outputs":[0,1]}', 'wrong-id'],
    ['{"type":"error","id":5,"message":"x"}', 'wrong-id'],
    ['{"type":"result","id":4,"outputs":["0",1]}', 'bad-message'],
    ['{"type":"result","id":4.5,"outputs":[0,1]}', 'bad-message'],
    ['{"type":"result","id":4,"outputs":[0,1],"debug":true}', 'bad-message'],
    ['{"type":"result","outputs":[0,1]}', 'bad-message'],
    ['{"type":"results","id":4,"outputs":[0,1]}', 'bad-message'],
    ['{"type":"error","id":4}', 'bad-message'],
    ['{"type":"result","id":4,"outputs":[0,1]', 'malformed-json'],
    ['0.5 -1', 'malformed-json'],
    ['"NaN"', 'malformed-json'],
  ])('%s -> %s', (line, kind) => {
    expect(kindOf(classifyEvalReply(line, request))).toBe(kind);
  });

  it('a violation names the request and quotes the line', () => {
    const r = classifyEvalReply('{"type":"result","id":4,"outputs":[0,1],"debug":true}', request);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.violation.detail).toMatch(/reply to request 4: .*debug.* in "/);
  });
});
