/**
 * isPlainToolCall against the SDK's own schemas: whatever it accepts, JSONRPCMessageSchema, JSONRPCRequestSchema and
 * CallToolRequestSchema accept too, and the SDK would route it as a plain tools/call (no task). Generated messages stay
 * close to valid ones, so the boundary is what gets explored; and the check must not be vacuous.
 */
import {
  CallToolRequestSchema,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  JSONRPCMessageSchema,
} from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainToolCall } from '../../src/mcp/json-rpc-checks.js';

const odd = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.constant(2 ** 60),
  fc.constant(-0),
);
const json = fc.jsonValue();

/** A valid call, then 0–3 members replaced by something else or dropped, at any level. */
const validCall = fc.record({
  jsonrpc: fc.constant('2.0'),
  id: fc.oneof(fc.string(), fc.integer()),
  method: fc.constant('tools/call'),
  params: fc.record(
    {
      name: fc.string(),
      arguments: fc.dictionary(fc.string(), json),
      _meta: fc.record({ progressToken: fc.oneof(fc.string(), fc.integer()), other: json }, { requiredKeys: [] }),
    },
    { requiredKeys: ['name'] },
  ),
});
const PATHS = [
  ['jsonrpc'],
  ['id'],
  ['method'],
  ['params'],
  ['extra'],
  ['result'],
  ['params', 'name'],
  ['params', 'arguments'],
  ['params', '_meta'],
  ['params', 'task'],
  ['params', 'extra'],
  ['params', '_meta', 'progressToken'],
  ['params', '_meta', 'io.modelcontextprotocol/related-task'],
] as const;
const mutation = fc.record({
  path: fc.constantFrom(...PATHS),
  value: fc.oneof(
    odd,
    json,
    fc.constant(undefined),
    fc.record({ ttl: fc.integer() }),
    fc.record({ taskId: fc.string() }),
  ),
});
const message = fc.tuple(validCall, fc.array(mutation, { maxLength: 3 })).map(([call, mutations]) => {
  const copy = structuredClone(call) as Record<string, unknown>;
  for (const { path, value } of mutations) {
    let target: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (!next || typeof next !== 'object' || Array.isArray(next)) break;
      target = next as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    if (value === undefined) delete target[last];
    else target[last] = structuredClone(value);
  }
  return copy;
});

/** Round-tripped through JSON: the transport only ever sees what JSON.parse makes (an own __proto__ key included). */
const asParsed = (value: unknown) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown;

const sdkTakesAsPlainToolCall = (value: unknown) =>
  JSONRPCMessageSchema.safeParse(value).success &&
  isJSONRPCRequest(value) &&
  !isJSONRPCResultResponse(value) &&
  !isJSONRPCErrorResponse(value) &&
  !isJSONRPCNotification(value) &&
  CallToolRequestSchema.safeParse(value).success &&
  CallToolRequestSchema.parse(value).params.task === undefined;

describe('isPlainToolCall', () => {
  it('accepts only what the SDK accepts as a plain tools/call request', () => {
    let accepted = 0;
    fc.assert(
      fc.property(message, (generated) => {
        const value = asParsed(generated);
        if (!isPlainToolCall(value)) return;
        accepted += 1;
        expect(sdkTakesAsPlainToolCall(value)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(20); // the property is not vacuous
  });

  it('accepts the requests clients send', () => {
    const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get', arguments: { id: 'x' } } };
    for (const value of [
      call,
      { ...call, id: 'abc' },
      { ...call, params: { name: 'list' } },
      { ...call, params: { ...call.params, _meta: { progressToken: 3 } } },
      { ...call, params: { ...call.params, _meta: { progressToken: 'p', other: 1 } } },
      asParsed(
        JSON.parse(
          '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"constructor":1}}}',
        ),
      ),
    ]) {
      expect(isPlainToolCall(value)).toBe(true);
      expect(sdkTakesAsPlainToolCall(value)).toBe(true);
    }
  });

  it('leaves to the SDK: tasks, related tasks, unsafe ids, extra members, an own __proto__ argument', () => {
    const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get', arguments: {} } };
    for (const value of [
      { ...call, params: { ...call.params, task: { ttl: 5 } } },
      { ...call, params: { ...call.params, _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't' } } } },
      { ...call, id: 2 ** 60 },
      { ...call, id: 1.5 },
      { ...call, extra: 1 },
      { ...call, jsonrpc: '1.0' },
      { ...call, params: { name: 'get', arguments: [] } },
      JSON.parse('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"__proto__":{}}}}'),
    ]) {
      expect(isPlainToolCall(value)).toBe(false);
    }
  });
});
