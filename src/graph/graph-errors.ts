/**
 * Everything that can go wrong on a Graph call, as typed errors that carry what an operator needs to act: the HTTP
 * status, Graph's own code and message verbatim, both request ids, and a fix where one is known. Each also says
 * whether the request may have taken effect (`writeEffect`), so the layer above can word the outcome of a write once.
 * Tools turn these into `isError` results; nothing here knows about MCP or about a particular resource.
 */
import { scrubSecrets } from '../security/secret-scrubber.js';

/** Graph's error envelope: {"error":{"code","message","innerError":{"request-id","date"}}}. */
interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> };
}

/**
 * What a failed request did to the tenant: nothing (`none`: a read, or Graph refused or never got it), maybe something
 * (`unknown`: a timeout, a 5xx, a connection lost mid-request), or it was accepted and only what followed failed
 * (`applied`).
 */
export type WriteEffect = 'none' | 'unknown' | 'applied';

/** Hints by HTTP status, given by the caller that knows the service (e.g. Intune's permissions and limits). */
export type StatusHints = Readonly<Partial<Record<number, string>>>;

/** Graph's own text is quoted up to this many characters: a 10 MiB message must not become a 10 MiB result. */
export const MAX_QUOTED_CHARACTERS = 4_000;

export abstract class GraphCallError extends Error {
  /** Our client-request-id, sent on the request: Microsoft support can trace it. */
  abstract readonly clientRequestId: string;
  /** The operator-facing explanation, one paragraph. */
  abstract describe(): string;
  abstract readonly writeEffect: WriteEffect;
}

/** A read never changes anything; a write that got no clear answer may have. */
function effectOf(method: string, uncertain: boolean): WriteEffect {
  return method === 'GET' || !uncertain ? 'none' : 'unknown';
}

export class GraphHttpError extends GraphCallError {
  override readonly name = 'GraphHttpError';
  readonly graphCode: string | undefined;
  readonly graphMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly date: string | undefined;
  /** For bodies that are not Graph's JSON envelope (an HTML page from a proxy): the start of the text. */
  readonly bodySnippet: string | undefined;

  readonly writeEffect: WriteEffect;

  constructor(
    readonly status: number,
    private readonly bodyText: string,
    private readonly responseRequestId: string | undefined,
    readonly clientRequestId: string,
    readonly hints: StatusHints = {},
    /** Graph's Retry-After, when it sent one (on a 429 or 503 that outlasted the retries). */
    readonly retryAfterMs?: number,
    /** An earlier attempt of this write met a 5xx or a dropped connection, so it may have been applied. */
    readonly earlierAttemptUncertain = false,
    private readonly method = 'GET',
  ) {
    super(`Graph answered HTTP ${status}`);
    const parsed = parseEnvelope(bodyText);
    const envelope = parsed?.error && typeof parsed.error === 'object' ? parsed : undefined;
    this.graphCode = stringOrUndefined(envelope?.error?.code);
    this.graphMessage = readableServiceMessage(stringOrUndefined(envelope?.error?.message));
    // A 429 means Graph did not take the request. Any 5xx to a write may come after the work was done (a gateway or a
    // service that failed on its way out): a 503 from Intune's front end is no proof that nothing happened behind it.
    const maybeProcessed = status >= 500;
    this.writeEffect = effectOf(method, earlierAttemptUncertain || maybeProcessed);
    const inner = envelope?.error?.innerError;
    this.requestId = responseRequestId ?? stringOrUndefined(inner?.['request-id']);
    this.date = stringOrUndefined(inner?.date);
    this.bodySnippet = envelope ? undefined : snippet(bodyText);
  }

  /** The same failure with other hints (a caller that learned more, e.g. which collection holds the id). */
  withHints(hints: StatusHints): GraphHttpError {
    return new GraphHttpError(
      this.status,
      this.bodyText,
      this.responseRequestId,
      this.clientRequestId,
      { ...this.hints, ...hints },
      this.retryAfterMs,
      this.earlierAttemptUncertain,
      this.method,
    );
  }

  describe(): string {
    const parts = [`Graph answered HTTP ${this.status}${reasonPhrase(this.status)}.`];
    if (this.graphCode || this.graphMessage) {
      parts.push(`Graph error ${this.graphCode ?? '(no code)'}: ${this.graphMessage ?? '(no message)'}`);
    } else if (this.bodySnippet) {
      parts.push(`The response was not a Graph error body; it began: ${JSON.stringify(this.bodySnippet)}`);
    }
    if (this.retryAfterMs !== undefined) {
      parts.push(`Graph asked to wait ${Math.ceil(this.retryAfterMs / 1000)} s before retrying.`);
    }
    if (this.earlierAttemptUncertain) {
      parts.push('An earlier attempt (an HTTP 5xx or a dropped connection) may have been applied.');
    }
    parts.push(requestIds(this.requestId, this.clientRequestId, this.date));
    const hint = this.hint();
    if (hint) parts.push(`Hint: ${hint}`);
    return parts.join('\n');
  }

  private hint(): string | undefined {
    const given = this.hints[this.status];
    if (given) return given;
    switch (this.status) {
      case 401:
        return "the access token was refused. Check that it is for this cloud's Graph and not expired.";
      case 404:
        return 'Graph found no such resource.';
      case 429:
        return 'Graph throttled the request; wait and retry.';
      default:
        return this.status >= 500 ? 'Graph had a server-side problem; retry later.' : undefined;
    }
  }
}

export class GraphTimeoutError extends GraphCallError {
  override readonly name = 'GraphTimeoutError';
  readonly writeEffect: WriteEffect;
  constructor(
    readonly timeoutMs: number,
    readonly clientRequestId: string,
    readonly method: string,
  ) {
    super(`Graph did not answer within ${timeoutMs} ms`);
    this.writeEffect = effectOf(method, true);
  }
  describe(): string {
    const effect =
      this.method === 'GET'
        ? 'It was a read, which changes nothing.'
        : 'The change may or may not have been applied: read it back before retrying.';
    return [
      `Timed out: Graph did not answer within ${this.timeoutMs} ms (INTUNE_MCP_TIMEOUT_MS). ${effect}`,
      requestIds(undefined, this.clientRequestId),
    ].join('\n');
  }
}

export class GraphNetworkError extends GraphCallError {
  override readonly name = 'GraphNetworkError';
  readonly writeEffect: WriteEffect;
  constructor(
    readonly detail: string,
    readonly clientRequestId: string,
    readonly attempts: number,
    readonly method: string,
    /**
     * The connection failed before the request was sent (refused, DNS, connect timeout, TLS handshake): Graph never
     * saw it, so even a request that is not idempotent may be sent again.
     */
    readonly notSent = false,
    /** An earlier attempt of the same request got further than this one and may have been processed. */
    readonly earlierAttemptUncertain = false,
  ) {
    super(`Could not reach Graph: ${detail}`);
    this.writeEffect = effectOf(method, !notSent || earlierAttemptUncertain);
  }
  describe(): string {
    const effect =
      this.method === 'GET'
        ? 'It was a read, which changes nothing.'
        : this.writeEffect === 'none'
          ? 'The request never reached Graph: nothing was changed.'
          : 'The change may or may not have been applied: read it back before retrying.';
    return [
      `Could not reach Graph after ${this.attempts} attempt(s): ${this.detail}. ${effect}`,
      requestIds(undefined, this.clientRequestId),
    ].join('\n');
  }
}

/**
 * The call was stopped before Graph answered: the client cancelled it, or its connection or the server closed (a
 * shutdown's grace ran out). Which of these is not known here, so the text does not blame one.
 */
export class GraphCancelledError extends GraphCallError {
  override readonly name = 'GraphCancelledError';
  readonly writeEffect: WriteEffect;
  constructor(
    readonly clientRequestId: string,
    readonly method: string,
  ) {
    super('The request was cancelled');
    this.writeEffect = effectOf(method, true);
  }
  describe(): string {
    const effect =
      this.method === 'GET' ? 'It was a read, which changes nothing.' : 'A write may or may not have been applied.';
    return `Stopped before Graph answered: the call was cancelled, or its connection or the server closed. ${effect}\n${requestIds(undefined, this.clientRequestId)}`;
  }
}

export class GraphResponseTooLargeError extends GraphCallError {
  override readonly name = 'GraphResponseTooLargeError';
  readonly writeEffect: WriteEffect = 'none';
  constructor(
    readonly limitBytes: number,
    readonly clientRequestId: string,
    /** The status that came with the oversized body: a 2xx to a PATCH still means the change was accepted. */
    readonly status: number,
  ) {
    super(`Graph's response exceeded ${limitBytes} bytes`);
  }
  describe(): string {
    return `Refused Graph's response: it is larger than ${this.limitBytes} bytes, far beyond anything this server reads.\n${requestIds(undefined, this.clientRequestId)}`;
  }
}

export class GraphInvalidResponseError extends GraphCallError {
  override readonly name = 'GraphInvalidResponseError';
  readonly writeEffect: WriteEffect = 'none';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly clientRequestId: string,
    readonly requestId?: string,
  ) {
    super(`Graph answered HTTP ${status} with an unusable body: ${detail}`);
  }
  describe(): string {
    return `Graph answered HTTP ${this.status} but the body is unusable: ${this.detail}\n${requestIds(this.requestId, this.clientRequestId)}`;
  }
}

export class GraphThrottledError extends GraphCallError {
  override readonly name = 'GraphThrottledError';
  get writeEffect(): WriteEffect {
    return effectOf(this.method, this.effect() !== 'Nothing was changed.');
  }
  constructor(
    readonly status: number,
    readonly retryAfterMs: number,
    readonly capMs: number,
    readonly clientRequestId: string,
    readonly requestId: string | undefined,
    readonly method: string,
    /** An earlier attempt got no clear answer (a 5xx, a dropped connection): it may have been applied. */
    readonly earlierAttemptUncertain: boolean,
  ) {
    super(`Graph asked to wait ${Math.ceil(retryAfterMs / 1000)} s`);
  }
  describe(): string {
    const seconds = Math.ceil(this.retryAfterMs / 1000);
    // Bounded: a Retry-After of centuries must still make a date (Date throws beyond ±8.64e15 ms).
    const at = new Date(Date.now() + Math.min(this.retryAfterMs, 365 * 24 * 60 * 60 * 1000)).toISOString();
    const state = this.status === 429 ? 'throttling' : 'unavailable';
    return [
      `Graph is ${state} (HTTP ${this.status}) and asked to retry after ${seconds} s (at ${at}), longer than the ${this.capMs / 1000} s this server will wait. ${this.effect()} Retry after ${at}.`,
      requestIds(this.requestId, this.clientRequestId),
    ].join('\n');
  }
  private effect(): string {
    if (this.method === 'GET') return 'It was a read, which changes nothing.';
    // A 429 means Graph did not take the request; a 5xx to a write may come after the work was done.
    if (this.earlierAttemptUncertain) return 'An earlier attempt may have been applied: read it back before retrying.';
    return this.status === 429
      ? 'Nothing was changed.'
      : 'Graph may have applied it before answering: read it back before retrying.';
  }
}

/** Graph accepted a write (204, or a body without the entity) but reading the entity back failed. */
export class GraphReadBackError extends GraphCallError {
  override readonly name = 'GraphReadBackError';
  readonly writeEffect: WriteEffect = 'applied';
  readonly clientRequestId: string;
  constructor(
    readonly patchStatus: number,
    readonly readBackFailure: GraphCallError,
  ) {
    super(`The update was applied, but reading it back failed: ${readBackFailure.message}`);
    this.clientRequestId = readBackFailure.clientRequestId;
  }
  describe(): string {
    return [
      `Graph accepted the change (HTTP ${this.patchStatus}), but reading the result back then failed, so this result cannot show it.`,
      `The read-back failed: ${this.readBackFailure.describe()}`,
    ].join('\n');
  }
}

/**
 * Getting a token failed: before the request, so nothing was sent to Graph; or after Graph refused the token with 401,
 * when a fresh one could not be had. A 401 is answered before the request is processed, so either way nothing changed.
 */
export class GraphAuthError extends GraphCallError {
  override readonly name = 'GraphAuthError';
  readonly writeEffect: WriteEffect;
  constructor(
    readonly detail: string,
    readonly clientRequestId: string,
    /** Graph had refused the token (HTTP 401) and this was the attempt at a fresh one. */
    readonly afterGraphRefusal = false,
    /** An earlier attempt of the same write got no clear answer (an HTTP 5xx, a dropped connection): it may have landed. */
    readonly earlierAttemptUncertain = false,
  ) {
    super(detail);
    this.writeEffect = earlierAttemptUncertain ? 'unknown' : 'none';
  }
  /** The same failure, on a retry of a write whose earlier attempt may have been applied. */
  afterUncertainAttempt(): GraphAuthError {
    return new GraphAuthError(this.detail, this.clientRequestId, this.afterGraphRefusal, true);
  }
  describe(): string {
    const earlier = this.earlierAttemptUncertain
      ? ' An earlier attempt (an HTTP 5xx or a dropped connection) may have been applied.'
      : '';
    return this.afterGraphRefusal
      ? `Graph refused the access token (HTTP 401) and a new one could not be obtained; the refused request was not applied (a 401 means Graph did not process it).${earlier} ${this.detail}`
      : `Could not get an access token, so ${earlier ? 'this attempt was not sent.' : 'nothing was sent to Graph.'}${earlier} ${this.detail}`;
  }
}

function requestIds(requestId: string | undefined, clientRequestId: string, date?: string): string {
  const ids = [`request-id: ${requestId ?? '(none)'}`, `client-request-id: ${clientRequestId}`];
  if (date) ids.push(`date: ${date}`);
  return ids.join(', ');
}

function parseEnvelope(bodyText: string): GraphErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return parsed && typeof parsed === 'object' ? (parsed as GraphErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Intune puts a JSON document inside `error.message` ({"_version":3,"Message":"… - Activity ID: … - Url: …", …}); a
 * person needs its Message and Activity ID, not escaped JSON. Anything quoted is capped, saying how much was cut.
 */
function readableServiceMessage(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  let text = message;
  if (message.trimStart().startsWith('{')) {
    const inner = parseEnvelope(message) as { Message?: unknown } | undefined;
    if (inner && typeof inner.Message === 'string') {
      const activity = /Activity ID: ([0-9a-fA-F-]{36})/.exec(inner.Message)?.[1];
      const readable = inner.Message.replace(/ - Operation ID \(for customer support\):.*$/s, '').trim();
      text = activity ? `${readable} (Intune Activity ID: ${activity})` : readable;
    }
  }
  return capQuoted(text);
}

export function capQuoted(text: string): string {
  if (text.length <= MAX_QUOTED_CHARACTERS) return text;
  return `${text.slice(0, MAX_QUOTED_CHARACTERS)}… [${text.length - MAX_QUOTED_CHARACTERS} more characters cut]`;
}

function snippet(text: string): string | undefined {
  // Scrubbed before it is cut: a secret cut in half would no longer match.
  const flat = scrubSecrets(text.slice(0, 64 * 1024))
    .replace(/\s+/g, ' ')
    .trim();
  if (!flat) return undefined;
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function reasonPhrase(status: number): string {
  const reason = REASONS[status];
  return reason ? ` ${reason}` : '';
}
