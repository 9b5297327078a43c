/**
 * One `send` path for every Graph request: retry (outermost) → auth → HTTP transport, then the answer is either
 * parsed JSON or a typed GraphCallError. Nothing here knows about MCP or about any particular resource.
 */
import type { AccessTokenProvider } from '../auth/access-token-provider.js';
import { GraphHttpError, GraphInvalidResponseError, type StatusHints } from './graph-errors.js';
import { createHttpTransport } from './http-transport.js';
import { composePipeline, type GraphRequest, type RetryNotice, type SendRequest } from './pipeline.js';
import { authPolicy } from './policies/auth-policy.js';
import { parseRetryAfter, retryPolicy } from './policies/retry-policy.js';

export interface GraphClientOptions {
  /** Graph base URL with the version segment, no trailing slash. */
  readonly baseUrl: string;
  readonly tokens: AccessTokenProvider;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** What to tell an operator for an HTTP status, from whoever knows the service (permissions, limits). */
  readonly statusHints?: StatusHints;
  /** Hears the client-request-id of each attempt as it is sent (a shared server logs them per tool call). */
  readonly onRequest?: (clientRequestId: string) => void;
}

export interface GraphCallOptions {
  readonly signal?: AbortSignal;
  readonly onRetry?: (notice: RetryNotice) => Promise<void> | void;
  /** Said on a 404, e.g. "no enrollment profile has id …". */
  readonly notFoundHint?: string;
  /** Awaited before each retry; may throw to stop retrying (see GraphRequest.beforeRetry). */
  readonly beforeRetry?: (uncertain: boolean) => Promise<void>;
}

export interface GraphRequestOptions extends GraphCallOptions {
  /** Defaults to true except for POST, which is an action until the caller says otherwise. */
  readonly idempotent?: boolean;
}

export interface GraphResult {
  /** Parsed JSON body; undefined for 204 No Content or an empty body. */
  readonly body: Record<string, unknown> | undefined;
  readonly status: number;
  readonly clientRequestId: string;
  readonly requestId: string | undefined;
}

export class GraphClient {
  private readonly send: SendRequest;
  private readonly baseOrigin: string;

  constructor(private readonly options: GraphClientOptions) {
    this.baseOrigin = new URL(options.baseUrl).origin;
    const transport = createHttpTransport(options.timeoutMs);
    const { onRequest } = options;
    this.send = composePipeline(
      [retryPolicy({ maxRetries: options.maxRetries }), authPolicy(options.tokens)],
      // Heard as each attempt goes out, retries included: a call that failed before (no token) sent nothing.
      onRequest
        ? (request) => {
            onRequest(request.clientRequestId);
            return transport(request);
          }
        : transport,
    );
  }

  /** `path` is relative to the base URL and already percent-encoded; an absolute URL (a nextLink) must be on Graph's origin. */
  async request(
    method: GraphRequest['method'],
    path: string,
    body: unknown,
    call: GraphRequestOptions = {},
  ): Promise<GraphResult> {
    const request: GraphRequest = {
      method,
      url: this.resolve(path),
      body: body === undefined ? undefined : JSON.stringify(body),
      idempotent: call.idempotent ?? method !== 'POST',
      // The global (Web Crypto) loads on first use; importing node:crypto would load it on the start-up path.
      clientRequestId: crypto.randomUUID(),
      signal: call.signal,
      onRetry: call.onRetry,
      beforeRetry: call.beforeRetry,
    };
    const response = await this.send(request);
    if (response.status < 200 || response.status > 299) {
      throw new GraphHttpError(
        response.status,
        response.bodyText,
        response.headers['request-id'],
        response.clientRequestId,
        call.notFoundHint ? { ...this.options.statusHints, 404: call.notFoundHint } : this.options.statusHints,
        parseRetryAfter(response.headers),
        method !== 'GET' && response.earlierAttemptUncertain === true,
        method,
      );
    }
    const ids = {
      status: response.status,
      clientRequestId: response.clientRequestId,
      requestId: response.headers['request-id'],
    };
    if (response.status === 204 || isBlank(response.bodyText)) return { body: undefined, ...ids };
    return { body: parseObject(response.bodyText, ids), ...ids };
  }

  /**
   * Whether a request may go to this address: a path under the base URL, or an absolute URL (a nextLink) on Graph's
   * own origin. Nothing else is ever sent, because every request carries our token.
   */
  canSendTo(pathOrUrl: string): boolean {
    if (pathOrUrl.startsWith('/')) return true;
    try {
      return new URL(pathOrUrl).origin === this.baseOrigin;
    } catch {
      return false;
    }
  }

  private resolve(pathOrUrl: string): string {
    if (!this.canSendTo(pathOrUrl)) throw new Error(`Refused to send a Graph request (and our token) to ${pathOrUrl}.`);
    return pathOrUrl.startsWith('/') ? `${this.options.baseUrl}${pathOrUrl}` : pathOrUrl;
  }
}

/** Nothing Graph sends nests deeper than a few levels; a deeper body would only exhaust the stack of what reads it. */
const MAX_NESTING = 64;

/** An empty body, or only whitespace (looked at from the start: a JSON body's first character settles it). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char !== 0x20 && char !== 0x0a && char !== 0x0d && char !== 0x09 && text[i]?.trim() !== '') return false;
  }
  return true;
}

/**
 * Whether JSON text may nest deeper than `limit`: it cannot when it holds no more than `limit` opening brackets, which
 * a few native searches settle for any real Graph answer; only a text with more is scanned for its depth.
 */
function mayNestDeeperThan(text: string, limit: number): boolean {
  let openings = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++openings > limit) return nestingDepth(text) > limit;
    }
  }
  return false;
}

/** The deepest nesting of objects and arrays in JSON text, counted in one pass without parsing. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/**
 * A successful body that is not a JSON object. It is described by its size, never quoted: a 2xx body from Graph may be
 * a profile, and a profile carries the enrollment token.
 */
function parseObject(
  text: string,
  { status, clientRequestId, requestId }: Omit<GraphResult, 'body'>,
): Record<string, unknown> {
  if (mayNestDeeperThan(text, MAX_NESTING)) {
    throw new GraphInvalidResponseError(
      status,
      `JSON nested deeper than ${MAX_NESTING} levels`,
      clientRequestId,
      requestId,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GraphInvalidResponseError(status, `not JSON (${text.length} characters)`, clientRequestId, requestId);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GraphInvalidResponseError(status, 'JSON, but not an object', clientRequestId, requestId);
  }
  return parsed as Record<string, unknown>;
}
