/**
 * The tools/call lane (src/mcp/tool-server.ts) against the SDK's own behaviour. What it leaves out must change
 * nothing: every result shape tool-results.ts builds is one CallToolResultSchema accepts and returns unchanged. What
 * it keeps must behave as the SDK's Protocol does: results and JSON-RPC errors written back, notifications/cancelled
 * aborting the call (which then answers nothing), progress related to the request, and anything it does not take
 * (here: a task-augmented call) left to the SDK.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CallToolResultSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { GraphHttpError } from '../../src/graph/graph-errors.js';
import { answerToResult, errorResult, failureResult, RESULT_LIMIT_BYTES } from '../../src/mcp/tool-results.js';
import {
  type ToolCallHandler,
  type ToolCallLane,
  type ToolCallLaneHost,
  ToolServer,
} from '../../src/mcp/tool-server.js';

const profileSchema = z.looseObject({ id: z.string(), displayName: z.string().nullable().optional() });
const writer = { outputSchema: profileSchema, mutates: true, readWith: 'get-enrollment-profile' };
const reader = { outputSchema: profileSchema, mutates: false };

describe('every result shape is one the SDK would pass unchanged', () => {
  const presentations = [{ simulated: false }, { simulated: true }];
  const results = presentations.flatMap((presentation) => [
    answerToResult(writer, { structured: { id: 'a', displayName: 'x' } }, presentation),
    answerToResult(
      writer,
      {
        structured: { id: 'a', displayName: null, extra: { nested: [1, 'two'] } },
        notes: ['Updated: displayName.'],
        images: [{ data: 'iVBORw0KGgo=', mimeType: 'image/png' }],
        write: 'applied',
      },
      presentation,
    ),
    // Over the size bound: without the text copy, then refused.
    answerToResult(reader, { structured: { id: 'a', displayName: 'é'.repeat(RESULT_LIMIT_BYTES / 3) } }, presentation),
    answerToResult(reader, { structured: { id: 'a', displayName: 'x'.repeat(RESULT_LIMIT_BYTES) } }, presentation),
    answerToResult(writer, { structured: { id: 42 }, write: 'applied' }, presentation),
    answerToResult(writer, { error: 'Refused: nothing was sent.', write: 'none' }, presentation),
    errorResult('Invalid arguments', presentation),
    failureResult(
      new GraphHttpError(404, '{}', 'request-1', 'client-1', {}, undefined, false, 'GET'),
      writer,
      presentation,
    ),
    failureResult(new Error('boom'), reader, presentation),
  ]);

  it.each(results.map((result, index) => [index, result] as const))('shape %i', (_index, result) => {
    expect(CallToolResultSchema.parse(result)).toEqual(result);
  });
});

/** A transport that hosts the lane: what the server sends is collected; `deliver` is what stdin would bring. */
function laneHost() {
  const sent: JSONRPCMessage[] = [];
  let lane: ToolCallLane | undefined;
  const host: ToolCallLaneHost = {
    async start() {},
    async close() {
      lane?.closed();
      host.onclose?.();
    },
    async send(message) {
      sent.push(message);
    },
    useToolCallLane(given) {
      lane = given;
    },
  };
  const deliver = (message: JSONRPCMessage) => {
    if (lane?.take(message)) return;
    lane?.observe(message);
    host.onmessage?.(message);
  };
  const answerTo = async (id: number) => {
    await expect.poll(() => sent.find((message) => 'id' in message && message.id === id)).toBeDefined();
    return sent.find((message) => 'id' in message && message.id === id);
  };
  return { host, sent, deliver, answerTo };
}

async function serverWith(handler: ToolCallHandler) {
  const server = new ToolServer({ name: 'lane-test', version: '1' }, { capabilities: { tools: {} } });
  server.handleToolCalls(handler);
  const transport = laneHost();
  await server.connect(transport.host);
  return transport;
}

const call = (id: number, name: string, extra: Record<string, unknown> = {}) =>
  ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {}, ...extra } }) as JSONRPCMessage;

describe('the lane', () => {
  it('answers a call with its result, as { result, jsonrpc, id }', async () => {
    const { deliver, answerTo } = await serverWith(async (request) => ({
      content: [{ type: 'text', text: `called ${request.params.name}` }],
    }));
    deliver(call(7, 'echo'));
    expect(JSON.stringify(await answerTo(7))).toBe(
      '{"result":{"content":[{"type":"text","text":"called echo"}]},"jsonrpc":"2.0","id":7}',
    );
  });

  it('turns a thrown McpError into its JSON-RPC error, anything else into an internal error', async () => {
    const { deliver, answerTo } = await serverWith(async (request) => {
      if (request.params.name === 'unknown') throw new McpError(ErrorCode.InvalidParams, 'Unknown tool: unknown.');
      throw new Error('broken');
    });
    deliver(call(1, 'unknown'));
    deliver(call(2, 'other'));
    expect(await answerTo(1)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32602, message: 'MCP error -32602: Unknown tool: unknown.' },
    });
    expect(await answerTo(2)).toEqual({ jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'broken' } });
  });

  it('notifications/cancelled aborts the call, which then answers nothing; others go on', async () => {
    let aborted: unknown;
    const { deliver, answerTo, sent } = await serverWith(async (request, extra) => {
      if (request.params.name === 'slow') {
        await new Promise((resolve) => extra.signal.addEventListener('abort', resolve));
        aborted = extra.signal.reason;
      }
      return { content: [] };
    });
    deliver(call(1, 'slow'));
    deliver({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, reason: 'user stop' } });
    await expect.poll(() => aborted).toBe('user stop');
    deliver(call(2, 'fast'));
    await answerTo(2);
    expect(sent.some((message) => 'id' in message && message.id === 1)).toBe(false);
  });

  it('sends progress related to the call before its result', async () => {
    const { deliver, answerTo, sent } = await serverWith(async (_request, extra) => {
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: 'p', progress: 1, total: 2, message: 'retrying' },
      });
      return { content: [] };
    });
    deliver(call(3, 'x', { _meta: { progressToken: 'p' } }));
    await answerTo(3);
    expect(sent[0]).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 'p', progress: 1, total: 2, message: 'retrying' },
    });
  });

  it('the end of the connection aborts every call in flight', async () => {
    let aborted = false;
    const { host, deliver } = await serverWith(async (_request, extra) => {
      await new Promise((resolve) => extra.signal.addEventListener('abort', resolve));
      aborted = true;
      return { content: [] };
    });
    deliver(call(1, 'slow'));
    await host.close();
    await expect.poll(() => aborted).toBe(true);
  });

  it('leaves a task-augmented call to the SDK, which refuses it as it always has', async () => {
    let ran = false;
    const { deliver, answerTo } = await serverWith(async () => {
      ran = true;
      return { content: [] };
    });
    deliver(call(9, 'x', { task: { ttl: 1000 } }));
    const answer = await answerTo(9);
    expect(answer && 'error' in answer).toBe(true);
    expect(ran).toBe(false);
  });
});
