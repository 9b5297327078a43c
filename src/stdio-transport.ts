/**
 * The MCP stdio transport: newline-delimited JSON-RPC on stdin and stdout, as the SDK's StdioServerTransport speaks
 * it. Lines come from stdin-input.ts (bounded in size; first read by the handshake front, src/stdio-front.ts, when
 * there is one). A tools/call request that the server's lane takes (src/mcp/tool-server.ts) goes to it directly;
 * every other message is checked with the SDK's own JSONRPCMessageSchema and delivered to the SDK as before.
 */
import type { Writable } from 'node:stream';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ToolCallLane, ToolCallLaneHost } from './mcp/tool-server.js';
import {
  type AnsweredRequest,
  type LineReader,
  MAX_MESSAGE_BYTES,
  type OversizedMessage,
  type StdioInput,
  stdinInput,
} from './stdio-input.js';

export { MAX_MESSAGE_BYTES, MessageSizeLimit, type OversizedMessage } from './stdio-input.js';

/** The transport; `onOversized` is told of every message refused for its size (the JSON-RPC error is sent here). */
export class StdioTransport implements ToolCallLaneHost {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private lane: ToolCallLane | undefined;
  private started = false;
  private closed = false;
  /** Requests the handshake front answered: the server's own answer to them is not sent again. */
  private readonly answered = new Set<string | number>();
  private readonly reader: LineReader = {
    line: (text, answered) => this.onLine(text, answered),
    oversized: (message) => this.onOversized(message),
  };

  constructor(
    private readonly input: StdioInput,
    private readonly output: Writable,
    private readonly onOversized: (message: OversizedMessage) => void,
  ) {}

  useToolCallLane(lane: ToolCallLane): void {
    this.lane = lane;
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('StdioTransport already started.');
    this.started = true;
    this.input.attach(this.reader);
    // stdin may have ended while the server was loading: the session is over once what came before is handled.
    if (this.input.ended) queueMicrotask(() => void this.close());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush(); // what was sent before closing still goes out
    this.input.detach(this.reader);
    this.lane?.closed();
    this.onclose?.();
  }

  /**
   * One line per message. While calls are in flight, the lines of one turn of the event loop go out in one write (64
   * calls in flight finish a few at a time): one system call and one pass through the stream instead of one per
   * message, at the cost of waiting for the end of the turn (setImmediate). A lone answer goes out at once. Resolves
   * once the line is written, or buffered below the stream's high-water mark.
   */
  send(message: JSONRPCMessage): Promise<void> {
    if (this.answered.size > 0 && isInitializeResult(message) && this.answered.delete(message.id)) {
      return Promise.resolve(); // the front already answered this initialize
    }
    const line = `${JSON.stringify(message)}\n`;
    if (!this.batch && !this.lane?.busy) {
      return new Promise((resolve) => {
        if (this.output.write(line)) resolve();
        else this.output.once('drain', resolve);
      });
    }
    this.lines.push(line);
    if (!this.batch) {
      this.batch = new Promise((resolve) => {
        this.batchWritten = resolve;
      });
      setImmediate(this.flush);
    }
    return this.batch;
  }

  private lines: string[] = [];
  private batch: Promise<void> | undefined;
  private batchWritten: (() => void) | undefined;

  private readonly flush = (): void => {
    const { lines, batchWritten } = this;
    if (lines.length === 0) return;
    this.lines = [];
    this.batch = undefined;
    this.batchWritten = undefined;
    const done = () => batchWritten?.();
    if (this.output.write(lines.length === 1 ? (lines[0] as string) : lines.join(''))) done();
    else this.output.once('drain', done);
  };

  /** The SDK's deserializeMessage (JSON.parse, then JSONRPCMessageSchema), except for what the lane takes. */
  private onLine(text: string, answered: AnsweredRequest | undefined): void {
    if (this.closed) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
      if (!answered && this.lane?.take(value)) return;
      value = JSONRPCMessageSchema.parse(value);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const message = value as JSONRPCMessage;
    if (answered) this.answered.add(answered.id);
    this.lane?.observe(message);
    this.onmessage?.(message);
  }
}

/**
 * The stdio transport over stdin (read once for the process: see stdio-input.ts). `onOversized` is told of every
 * refused message (to log it); a request whose id was found also gets a JSON-RPC "Invalid Request" error, so its
 * caller does not wait in vain.
 */
export function createStdioTransport(
  onOversized: (message: OversizedMessage, maxBytes: number) => void,
  maxBytes: number = MAX_MESSAGE_BYTES,
): StdioTransport {
  const transport: StdioTransport = new StdioTransport(stdinInput(maxBytes), process.stdout, (message) => {
    onOversized(message, maxBytes);
    if (message.id === undefined) return;
    const refusal = {
      jsonrpc: '2.0',
      id: message.id,
      error: {
        code: -32600, // Invalid Request
        message: `Request too large: ${message.bytes} bytes in one message, more than the ${formatBytes(maxBytes)} this server reads. Nothing was done.`,
      },
    } as JSONRPCMessage;
    transport.send(refusal).catch(() => undefined);
  });
  return transport;
}

/** The log line for a refused message. */
export function describeOversized(message: OversizedMessage, maxBytes: number): string {
  const answered =
    message.id === undefined ? '' : ` (request id ${JSON.stringify(message.id)}, answered with an error)`;
  return `refused a message of ${message.bytes} bytes from the client, more than the ${formatBytes(maxBytes)} this server reads${answered}; the session goes on.`;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * The SDK's answer to an initialize request: the only request the front replays to the server (src/stdio-front.ts).
 * Matched by its shape, so that an answer from the tool-call lane that happens to carry the same id is never dropped.
 */
function isInitializeResult(message: JSONRPCMessage): message is JSONRPCMessage & { id: string | number } {
  if (!('result' in message) || !('id' in message)) return false;
  const result = message.result as Record<string, unknown> | undefined;
  return typeof result?.protocolVersion === 'string' && typeof result.serverInfo === 'object';
}
