/**
 * The checks of json-rpc-checks.ts against the SDK's own schemas: whatever isPlainToolCall accepts,
 * JSONRPCMessageSchema, JSONRPCRequestSchema and CallToolRequestSchema accept too, and the SDK would route it as a
 * plain tools/call (no task); likewise initialize, tools/list and notifications/initialized for the handshake front.
 * Generated messages stay close to valid ones, so the boundary is what gets explored; and no check may be vacuous.
 */
import {
  CallToolRequestSchema,
  InitializedNotificationSchema,
  InitializeRequestSchema,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  JSONRPCMessageSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPlainInitialize,
  isPlainInitializedNotification,
  isPlainToolCall,
  isPlainToolsList,
} from '../../src/mcp/json-rpc-checks.js';

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
/** A valid message, then 0–3 of `paths` replaced by something else or dropped. */
const mutated = <T>(valid: fc.Arbitrary<T>, paths: readonly (readonly string[])[]) =>
  fc
    .tuple(
      valid,
      fc.array(
        fc.record({
          path: fc.constantFrom(...paths),
          value: fc.oneof(
            odd,
            json,
            fc.constant(undefined),
            fc.record({ ttl: fc.integer() }),
            fc.record({ taskId: fc.string() }),
          ),
        }),
        { maxLength: 3 },
      ),
    )
    .map(([message, mutations]) => {
      const copy = structuredClone(message) as Record<string, unknown>;
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

const message = mutated(validCall, PATHS);

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

const classifiedAsRequest = (value: unknown) =>
  JSONRPCMessageSchema.safeParse(value).success &&
  isJSONRPCRequest(value) &&
  !isJSONRPCResultResponse(value) &&
  !isJSONRPCErrorResponse(value) &&
  !isJSONRPCNotification(value);

const meta = fc.record({ progressToken: fc.oneof(fc.string(), fc.integer()), other: json }, { requiredKeys: [] });
const object = fc.dictionary(fc.string(), fc.oneof(fc.constant({}), fc.constant([]), json), { maxKeys: 3 });
const validInitialize = fc.record({
  jsonrpc: fc.constant('2.0'),
  id: fc.oneof(fc.string(), fc.integer()),
  method: fc.constant('initialize'),
  params: fc.record(
    {
      protocolVersion: fc.constantFrom('2025-06-18', '2025-11-25', 'x'),
      capabilities: fc.record(
        {
          roots: fc.record({ listChanged: fc.boolean() }, { requiredKeys: [] }),
          sampling: fc.record({ context: fc.constant({}), tools: fc.constant({}) }, { requiredKeys: [] }),
          elicitation: fc.record(
            { form: fc.record({ applyDefaults: fc.boolean() }, { requiredKeys: [] }), url: fc.constant({}) },
            { requiredKeys: [] },
          ),
          experimental: fc.dictionary(fc.string(), fc.constant({})),
          extensions: fc.dictionary(fc.string(), object),
          other: json,
        },
        { requiredKeys: [] },
      ),
      clientInfo: fc.record(
        {
          name: fc.string(),
          version: fc.string(),
          title: fc.string(),
          websiteUrl: fc.string(),
          icons: fc.array(
            fc.record(
              {
                src: fc.string(),
                mimeType: fc.string(),
                sizes: fc.array(fc.string()),
                theme: fc.constantFrom('light', 'dark'),
              },
              { requiredKeys: ['src'] },
            ),
            { maxLength: 2 },
          ),
        },
        { requiredKeys: ['name', 'version'] },
      ),
      _meta: meta,
    },
    { requiredKeys: ['protocolVersion', 'capabilities', 'clientInfo'] },
  ),
});
const INITIALIZE_PATHS = [
  ['jsonrpc'],
  ['id'],
  ['method'],
  ['params'],
  ['extra'],
  ['params', 'protocolVersion'],
  ['params', 'capabilities'],
  ['params', 'clientInfo'],
  ['params', 'task'],
  ['params', '_meta'],
  ['params', 'capabilities', 'roots'],
  ['params', 'capabilities', 'roots', 'listChanged'],
  ['params', 'capabilities', 'sampling'],
  ['params', 'capabilities', 'sampling', 'context'],
  ['params', 'capabilities', 'elicitation'],
  ['params', 'capabilities', 'elicitation', 'form'],
  ['params', 'capabilities', 'elicitation', 'form', 'applyDefaults'],
  ['params', 'capabilities', 'elicitation', 'url'],
  ['params', 'capabilities', 'elicitation', 'other'],
  ['params', 'capabilities', 'experimental'],
  ['params', 'capabilities', 'extensions'],
  ['params', 'capabilities', 'tasks'],
  ['params', 'clientInfo', 'name'],
  ['params', 'clientInfo', 'version'],
  ['params', 'clientInfo', 'title'],
  ['params', 'clientInfo', 'icons'],
  ['params', 'clientInfo', 'websiteUrl'],
  ['params', 'clientInfo', 'description'],
] as const;

const validList = fc.record(
  {
    jsonrpc: fc.constant('2.0'),
    id: fc.oneof(fc.string(), fc.integer()),
    method: fc.constant('tools/list'),
    params: fc.record({ cursor: fc.string(), _meta: meta }, { requiredKeys: [] }),
  },
  { requiredKeys: ['jsonrpc', 'id', 'method'] },
);
const LIST_PATHS = [
  ['jsonrpc'],
  ['id'],
  ['method'],
  ['params'],
  ['extra'],
  ['params', 'cursor'],
  ['params', 'task'],
  ['params', '_meta'],
  ['params', '_meta', 'progressToken'],
] as const;

const validInitialized = fc.record(
  {
    jsonrpc: fc.constant('2.0'),
    method: fc.constant('notifications/initialized'),
    params: fc.record({ _meta: meta }, { requiredKeys: [] }),
  },
  { requiredKeys: ['jsonrpc', 'method'] },
);
const INITIALIZED_PATHS = [['jsonrpc'], ['id'], ['method'], ['params'], ['params', '_meta'], ['extra']] as const;

describe('the handshake checks', () => {
  const cases: [string, (value: unknown) => boolean, fc.Arbitrary<unknown>, (value: unknown) => boolean][] = [
    [
      'isPlainInitialize',
      isPlainInitialize,
      mutated(validInitialize, INITIALIZE_PATHS),
      (value) => classifiedAsRequest(value) && InitializeRequestSchema.safeParse(value).success,
    ],
    [
      'isPlainToolsList',
      isPlainToolsList,
      mutated(validList, LIST_PATHS),
      (value) => classifiedAsRequest(value) && ListToolsRequestSchema.safeParse(value).success,
    ],
    [
      'isPlainInitializedNotification',
      isPlainInitializedNotification,
      mutated(validInitialized, INITIALIZED_PATHS),
      (value) =>
        JSONRPCMessageSchema.safeParse(value).success &&
        isJSONRPCNotification(value) &&
        !isJSONRPCRequest(value) &&
        InitializedNotificationSchema.safeParse(value).success,
    ],
  ];
  it.each(cases)('%s accepts only what the SDK accepts', (_name, check, messages, sdkAccepts) => {
    let accepted = 0;
    fc.assert(
      fc.property(messages, (generated) => {
        const value = asParsed(generated);
        if (!check(value)) return;
        accepted += 1;
        expect(sdkAccepts(value)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('accepts what clients send', () => {
    const init = {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: { roots: { listChanged: true }, sampling: {}, elicitation: {} },
        clientInfo: { name: 'claude-ai', version: '0.1.0' },
      },
    };
    expect(isPlainInitialize(init)).toBe(true);
    expect(isPlainInitialize({ ...init, params: { ...init.params, capabilities: {} } })).toBe(true);
    expect(isPlainToolsList({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).toBe(true);
    expect(isPlainToolsList({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} })).toBe(true);
    expect(isPlainInitializedNotification({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBe(true);
  });
});
