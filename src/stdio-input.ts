/**
 * stdin as the MCP stdio transport reads it: newline-delimited lines, none longer than the message limit, each handed
 * to whoever reads them now. Whatever arrives while nobody reads (the handshake front has handed over and the server
 * is still loading) waits in order. Light on purpose: it is on the start-up path (src/start.ts), before the SDK loads.
 *
 * The limit: the SDK's StdioServerTransport buffers stdin up to 10 MiB (ReadBuffer's maxBufferSize). One line longer
 * than that makes it report an error and close itself: it stops reading stdin and the session is over without a word,
 * while the process lives on for as long as anything else holds the event loop (in --simulate mode, the simulator's
 * HTTP server: for ever). Here a line over the limit is cut off before it reaches anyone: the part already passed on
 * is ended with a newline (it fails to parse, and the session carries on), the rest is dropped up to the next newline,
 * and the sender is told: on stderr, and with a JSON-RPC error when the request's id can be read from either end of
 * the line.
 */
import { type Readable, Transform, type TransformCallback } from 'node:stream';

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
export class LineLimit {
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
  ) {}

  /** Hands `push` the chunk's bytes that get through, with their newlines. */
  feed(chunk: Buffer, push: (piece: Buffer) => void): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      const piece = chunk.subarray(start, end);
      if (!this.discarding) {
        if (this.lineBytes + piece.length <= this.maxBytes) {
          if (newline === -1 && start === 0) {
            push(chunk); // the common case: the whole chunk, as it came
            this.passed(chunk);
            break;
          }
          push(chunk.subarray(start, newline === -1 ? end : end + 1));
          if (newline === -1) this.passed(piece);
          else this.lineEnded();
          start = end + 1;
          continue;
        }
        // This line is too long: end what the SDK already holds of it (a parse error it shrugs off) and drop the rest.
        if (this.lineBytes > 0) push(Buffer.from('\n'));
        this.discarding = true;
        this.tail = this.lastPassed.subarray(-EDGE_BYTES);
      }
      this.rememberHead(piece);
      this.rememberTail(piece);
      this.lineBytes += piece.length;
      if (newline !== -1) this.finishOversized();
      start = end + 1;
    }
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

/** LineLimit as a stream: stdin piped through it comes out within the limit. */
export class MessageSizeLimit extends Transform {
  private readonly limit: LineLimit;
  private readonly pushPiece = (piece: Buffer) => {
    this.push(piece);
  };

  constructor(maxBytes: number, onOversized: (message: OversizedMessage) => void) {
    super();
    this.limit = new LineLimit(maxBytes, onOversized);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.limit.feed(chunk, this.pushPiece);
    callback();
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

/** What reads the lines: every line (without its newline), and every message refused for its size. */
export interface LineReader {
  line(text: string, answered?: AnsweredRequest): void;
  oversized(message: OversizedMessage): void;
}

/** A request the handshake front already answered: the server sees it (to know the session), its answer is dropped. */
export interface AnsweredRequest {
  readonly id: string | number;
}

/** One thing read from stdin: a line, or the news of one refused for its size. */
export type InputItem =
  | { readonly line: string; readonly answered?: AnsweredRequest }
  | { readonly oversized: OversizedMessage };

/** stdin, through LineLimit, as lines for one reader at a time. */
export class StdioInput {
  readonly maxBytes: number;
  /** stdin ended or closed: no more lines will come. */
  ended = false;
  private reader: LineReader | undefined;
  private readonly backlog: InputItem[] = [];
  private partial: Buffer[] = [];

  constructor(input: Readable, maxBytes: number = MAX_MESSAGE_BYTES) {
    this.maxBytes = maxBytes;
    // LineLimit without the stream around it: stdin's chunks are cut here, with no Transform on the way.
    const limit = new LineLimit(maxBytes, (message) => this.deliver({ oversized: message }));
    input.on('data', (chunk: Buffer) => limit.feed(chunk, this.onData));
    const end = () => {
      this.ended = true;
    };
    input.once('end', end);
    input.once('close', end);
  }

  /** From now on `reader` gets the lines: first those waiting, in order. */
  attach(reader: LineReader): void {
    this.reader = reader;
    while (this.reader === reader && this.backlog.length > 0) this.deliver(this.backlog.shift() as InputItem, reader);
  }

  /** Nobody reads for now: lines wait. */
  detach(reader: LineReader): void {
    if (this.reader === reader) this.reader = undefined;
  }

  /** Puts something read back, for the next reader (after what is already waiting). */
  requeue(item: InputItem): void {
    this.backlog.push(item);
  }

  private deliver(item: InputItem, reader = this.reader): void {
    if (!reader) {
      this.backlog.push(item);
    } else if ('line' in item) {
      reader.line(item.line, item.answered);
    } else {
      reader.oversized(item.oversized);
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      let line: string;
      if (this.partial.length === 0) {
        line = chunk.toString('utf8', start, newline);
      } else {
        this.partial.push(chunk.subarray(start, newline));
        line = Buffer.concat(this.partial).toString('utf8');
        this.partial = [];
      }
      this.deliver({ line: line.endsWith('\r') ? line.slice(0, -1) : line });
      start = newline + 1;
    }
    if (start < chunk.length) this.partial.push(start === 0 ? chunk : chunk.subarray(start));
  };
}

/**
 * Where the one reader of stdin is kept: dist/index.js (the front) and the server chunk are separate bundles, each
 * with its own copy of this module (scripts/build.mjs), and both must read stdin through the same instance.
 */
const STDIN_INPUT = Symbol.for('intune-enrollment-mcp/stdin-input');

/** process.stdin, read once for the whole process (by the handshake front, then by the transport). */
export function stdinInput(maxBytes: number = MAX_MESSAGE_BYTES): StdioInput {
  const shared = globalThis as typeof globalThis & { [STDIN_INPUT]?: StdioInput };
  shared[STDIN_INPUT] ??= new StdioInput(process.stdin, maxBytes);
  const stdin = shared[STDIN_INPUT];
  if (stdin.maxBytes !== maxBytes) throw new Error(`stdin is already read with a limit of ${stdin.maxBytes} bytes.`);
  return stdin;
}
