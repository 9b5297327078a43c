/**
 * The MCP stdio transport with a bound on message size that does not end the session.
 *
 * The SDK's StdioServerTransport buffers stdin up to 10 MiB (ReadBuffer's maxBufferSize). One line longer than that
 * makes it report an error and close itself: it stops reading stdin and the session is over without a word, while the
 * process lives on for as long as anything else holds the event loop (in --simulate mode, the simulator's HTTP
 * server: for ever). Here a line over the limit is cut off before it reaches the SDK: the part already passed on is
 * ended with a newline (the SDK fails to parse it and carries on), the rest is dropped up to the next newline, and the
 * sender is told: on stderr, and with a JSON-RPC error when the request's id can be read from either end of the line.
 */
import { type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ToolCallLane, ToolCallLaneHost } from './mcp/tool-server.js';

/** The SDK's own default (STDIO_DEFAULT_MAX_BUFFER_SIZE), kept as the limit of one message. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export interface OversizedMessage {
  /** The length of the line, newline excluded. */
  readonly bytes: number;
  /** The JSON-RPC id, when the line starts or ends with it at the top level of the object. */
  readonly id: string | number | undefined;
}

const NEWLINE = 0x0a;
const EMPTY = Buffer.alloc(0);
/** How much of each end of an oversized line is kept to look for its id. */
const EDGE_BYTES = 512;
const ID_VALUE = String.raw`(-?\d{1,15}|"(?:[^"\\]|\\.){0,256}")`;
/** `{"jsonrpc":"2.0","id":…` or `{"id":…`: the id is the top-level object's first or second member. */
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID_VALUE}`);
/**
 * `…,"id":7}` at the very end (the SDK's client writes the id last). The closing brace right after the value is the last
 * character of the line, so it closes the top-level object, and the value cannot sit inside a string.
 */
const ID_AT_END = new RegExp(String.raw`[{,]\s*"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

/**
 * Passes stdin through with its line boundaries intact, except that no line longer than `maxBytes` gets through whole.
 * Chunks are passed on as they are (no copy) unless a line overflows in them.
 */
export class MessageSizeLimit extends Transform {
  /** Bytes of the current line passed on so far (or, while discarding, seen so far). */
  private lineBytes = 0;
  private discarding = false;
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer = EMPTY;
  /** The last piece of the current line passed on: where the tail of an overflowing line starts. */
  private lastPassed: Buffer = EMPTY;

  constructor(
    private readonly maxBytes: number,
    private readonly onOversized: (message: OversizedMessage) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      const piece = chunk.subarray(start, end);
      if (!this.discarding) {
        if (this.lineBytes + piece.length <= this.maxBytes) {
          if (newline === -1 && start === 0) {
            this.push(chunk); // the common case: the whole chunk, as it came
            this.passed(chunk);
            break;
          }
          this.push(chunk.subarray(start, newline === -1 ? end : end + 1));
          if (newline === -1) this.passed(piece);
          else this.lineEnded();
          start = end + 1;
          continue;
        }
        // This line is too long: end what the SDK already holds of it (a parse error it shrugs off) and drop the rest.
        if (this.lineBytes > 0) this.push(Buffer.from('\n'));
        this.discarding = true;
        this.tail = this.lastPassed.subarray(-EDGE_BYTES);
      }
      this.rememberHead(piece);
      this.rememberTail(piece);
      this.lineBytes += piece.length;
      if (newline !== -1) this.finishOversized();
      start = end + 1;
    }
    callback();
  }

  /** Part of a line that is not over the limit (yet) went on to the SDK. */
  private passed(piece: Buffer): void {
    this.lineBytes += piece.length;
    this.rememberHead(piece);
    this.lastPassed = piece;
  }

  private lineEnded(): void {
    this.lineBytes = 0;
    this.lastPassed = EMPTY;
    if (this.headBytes > 0) {
      this.head = [];
      this.headBytes = 0;
    }
  }

  /** The first bytes of the line: where a request's id may stand. Kept by reference, never copied. */
  private rememberHead(piece: Buffer): void {
    if (this.headBytes >= EDGE_BYTES || piece.length === 0) return;
    const part = piece.subarray(0, EDGE_BYTES - this.headBytes);
    this.head.push(part);
    this.headBytes += part.length;
  }

  private rememberTail(piece: Buffer): void {
    this.tail =
      piece.length >= EDGE_BYTES
        ? piece.subarray(piece.length - EDGE_BYTES)
        : Buffer.concat([this.tail, piece]).subarray(-EDGE_BYTES);
  }

  private finishOversized(): void {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = this.tail.toString('utf8');
    const id = readId(ID_AT_START.exec(head)?.[1] ?? ID_AT_END.exec(tail)?.[1]);
    const bytes = this.lineBytes;
    this.discarding = false;
    this.lineEnded();
    this.tail = EMPTY;
    this.onOversized({ bytes, id });
  }
}

function readId(token: string | undefined): string | number | undefined {
  if (token === undefined) return undefined;
  try {
    const id: unknown = JSON.parse(token);
    return typeof id === 'string' || typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The MCP stdio transport: newline-delimited JSON-RPC on stdin and stdout, as the SDK's StdioServerTransport speaks
 * it, with two differences. Lines arrive through MessageSizeLimit. And a tools/call request that the server's lane
 * takes (src/mcp/tool-server.ts) goes to it directly; every other message is checked with the SDK's own
 * JSONRPCMessageSchema and delivered to the SDK as before.
 */
export class StdioTransport implements ToolCallLaneHost {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private lane: ToolCallLane | undefined;
  private partial: Buffer[] = [];
  private started = false;
  private closed = false;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
  ) {}

  useToolCallLane(lane: ToolCallLane): void {
    this.lane = lane;
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('StdioTransport already started.');
    this.started = true;
    this.input.on('data', this.onData);
    this.input.on('error', this.onInputError);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush(); // what was sent before closing still goes out
    this.input.off('data', this.onData);
    this.input.off('error', this.onInputError);
    if (this.input.listenerCount('data') === 0) this.input.pause();
    this.partial = [];
    this.lane?.closed();
    this.onclose?.();
  }

  /**
   * One line per message. The lines of one turn of the event loop go out in one write (64 calls in flight finish a
   * few at a time): one system call and one pass through the stream instead of one per message, at the cost of
   * waiting for the end of the turn (setImmediate). Resolves once the batch is written, or buffered below the stream's
   * high-water mark.
   */
  send(message: JSONRPCMessage): Promise<void> {
    this.lines.push(`${JSON.stringify(message)}\n`);
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

  private readonly onInputError = (error: Error): void => this.onerror?.(error);

  private readonly onData = (chunk: Buffer): void => {
    let start = 0;
    for (
      let newline = chunk.indexOf(NEWLINE);
      newline !== -1 && !this.closed;
      newline = chunk.indexOf(NEWLINE, start)
    ) {
      if (this.partial.length === 0) {
        this.onLine(chunk.toString('utf8', start, newline));
      } else {
        this.partial.push(chunk.subarray(start, newline));
        const line = Buffer.concat(this.partial);
        this.partial = [];
        this.onLine(line.toString('utf8'));
      }
      start = newline + 1;
    }
    if (start < chunk.length && !this.closed) this.partial.push(start === 0 ? chunk : chunk.subarray(start));
  };

  /** The SDK's deserializeMessage (JSON.parse, then JSONRPCMessageSchema), except for what the lane takes. */
  private onLine(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    let value: unknown;
    try {
      value = JSON.parse(text);
      if (this.lane?.take(value)) return;
      value = JSONRPCMessageSchema.parse(value);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const message = value as JSONRPCMessage;
    this.lane?.observe(message);
    this.onmessage?.(message);
  }
}

/**
 * The stdio transport over stdin behind MessageSizeLimit. `onOversized` is told of every refused message (to log it);
 * a request whose id was found also gets a JSON-RPC "Invalid Request" error, so its caller does not wait in vain.
 */
export function createStdioTransport(
  onOversized: (message: OversizedMessage, maxBytes: number) => void,
  maxBytes: number = MAX_MESSAGE_BYTES,
): StdioTransport {
  let transport: StdioTransport | undefined;
  const limit = new MessageSizeLimit(maxBytes, (message) => {
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
    transport?.send(refusal).catch(() => undefined);
  });
  process.stdin.pipe(limit);
  // What the transport holds of a line is bounded by MessageSizeLimit: at most one line of maxBytes, in pieces.
  transport = new StdioTransport(limit, process.stdout);
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
