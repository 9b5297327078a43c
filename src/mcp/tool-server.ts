/**
 * The SDK's low-level Server with a direct lane for tools/call. Over any transport the tools/call handler is the SDK's
 * (`setRequestHandler`, with every schema check it makes). A transport that offers a lane (the stdio transport, see
 * `ToolCallLaneHost`) hands it each tools/call request that `isPlainToolCall` recognises, and the lane runs the same
 * handler the way the SDK's Protocol would: an AbortController per request that notifications/cancelled and the end of
 * the connection abort, progress notifications related to the request, the result or a JSON-RPC error written back,
 * nothing written for a cancelled request. What the lane leaves out is the SDK's re-validation of what is already
 * known valid: the request's shape (`isPlainToolCall` checked it, conservatively) and the result's (built by
 * tool-results.ts, whose every shape test/mcp/tool-server.test.ts checks against CallToolResultSchema).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type CallToolRequest,
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  type JSONRPCMessage,
  McpError,
  type RequestId,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { isPlainToolCall, type ToolCallMessage } from './json-rpc-checks.js';

export type ToolCallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;
export type ToolCallHandler = (request: CallToolRequest, extra: ToolCallExtra) => Promise<CallToolResult>;

/** What a transport implements to carry tools/call requests past the SDK's Protocol. */
export interface ToolCallLaneHost extends Transport {
  useToolCallLane(lane: ToolCallLane): void;
}

function hostsLane(transport: Transport): transport is ToolCallLaneHost {
  return typeof (transport as Partial<ToolCallLaneHost>).useToolCallLane === 'function';
}

export class ToolServer extends Server {
  private toolCalls: ToolCallHandler | undefined;

  /** The tools/call handler, for the SDK's path and for a transport's lane alike. */
  handleToolCalls(handler: ToolCallHandler): void {
    this.toolCalls = handler;
    this.setRequestHandler(CallToolRequestSchema, handler);
  }

  override async connect(transport: Transport): Promise<void> {
    if (this.toolCalls && hostsLane(transport)) {
      transport.useToolCallLane(new ToolCallLane(this, this.toolCalls, (message) => transport.send(message)));
    }
    await super.connect(transport);
  }
}

/** tools/call requests in flight on one connection, run outside the SDK's Protocol. */
export class ToolCallLane {
  private readonly inFlight = new Map<RequestId, AbortController>();

  constructor(
    private readonly server: Server,
    private readonly handler: ToolCallHandler,
    private readonly send: (message: JSONRPCMessage) => Promise<void>,
  ) {}

  /** Whether other calls are in flight besides the one answering now (their answers may come in the same turn). */
  get busy(): boolean {
    return this.inFlight.size > 1;
  }

  /** Runs the message when it is a tools/call the lane can take; false leaves it to the SDK. */
  take(message: unknown): boolean {
    if (!isPlainToolCall(message)) return false;
    void this.run(message);
    return true;
  }

  private async run(message: ToolCallMessage): Promise<void> {
    const { id } = message;
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    const { signal } = controller;
    const extra: ToolCallExtra = {
      signal,
      requestId: id,
      _meta: message.params._meta,
      sendNotification: async (notification) => {
        if (!signal.aborted) await this.server.notification(notification, { relatedRequestId: id });
      },
      sendRequest: async (request, resultSchema, options) => {
        if (signal.aborted) throw new McpError(ErrorCode.ConnectionClosed, 'Request was cancelled');
        return this.server.request(request, resultSchema, { ...options, relatedRequestId: id });
      },
    };
    let response: JSONRPCMessage | undefined;
    try {
      const result = await this.handler(message, extra);
      if (!signal.aborted) response = { result, jsonrpc: '2.0', id };
    } catch (error) {
      if (!signal.aborted) response = errorResponse(id, error);
    }
    try {
      if (response) await this.send(response); // a cancelled call answers nothing, as with the SDK
    } catch (error) {
      this.server.onerror?.(new Error(`Failed to send response: ${String(error)}`));
    } finally {
      if (this.inFlight.get(id) === controller) this.inFlight.delete(id);
    }
  }

  /** Sees every other message the transport delivers: notifications/cancelled aborts a call of the lane's. */
  observe(message: JSONRPCMessage): void {
    if (!('method' in message) || message.method !== 'notifications/cancelled' || 'id' in message) return;
    const params = message.params as { requestId?: RequestId; reason?: string } | undefined;
    if (params?.requestId !== undefined) this.inFlight.get(params.requestId)?.abort(params.reason);
  }

  /** The connection is gone: every call in flight stops, and answers nothing. */
  closed(): void {
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
  }
}

/** The SDK Protocol's error response for a handler that threw. */
function errorResponse(id: RequestId, error: unknown): JSONRPCMessage {
  const { code, message, data } = (error ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: Number.isSafeInteger(code) ? (code as number) : ErrorCode.InternalError,
      message: typeof message === 'string' ? message : 'Internal error',
      ...(data !== undefined && { data }),
    },
  };
}
