/**
 * Everything that can go wrong on a Graph call, as typed errors that carry what an operator needs to act: the HTTP
 * status, Graph's own code and message verbatim, both request ids, and a fix where one is known. Tools turn these
 * into `isError` results; nothing here knows about MCP.
 */

/** Graph's error envelope: {"error":{"code","message","innerError":{"request-id","date"}}}. */
interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> };
}

export const GRAPH_PERMISSION = 'DeviceManagementConfiguration.ReadWrite.All';

export abstract class GraphCallError extends Error {
  /** Our client-request-id, sent on the request: Microsoft support can trace it. */
  abstract readonly clientRequestId: string;
  /** The operator-facing explanation, one paragraph. */
  abstract describe(): string;
}

export class GraphHttpError extends GraphCallError {
  override readonly name = 'GraphHttpError';
  readonly graphCode: string | undefined;
  readonly graphMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly date: string | undefined;
  /** For bodies that are not Graph's JSON envelope (an HTML page from a proxy): the start of the text. */
  readonly bodySnippet: string | undefined;

  constructor(
    readonly status: number,
    bodyText: string,
    responseRequestId: string | undefined,
    readonly clientRequestId: string,
    readonly resourceHint?: string,
    /** Graph's Retry-After, when it sent one (on a 429 or 503 that outlasted the retries). */
    readonly retryAfterMs?: number,
    /** An earlier attempt of this write met a 504 or a dropped connection, so it may have been applied. */
    readonly earlierAttemptUncertain = false,
  ) {
    super(`Graph answered HTTP ${status}`);
    const parsed = parseEnvelope(bodyText);
    const envelope = parsed?.error && typeof parsed.error === 'object' ? parsed : undefined;
    this.graphCode = stringOrUndefined(envelope?.error?.code);
    this.graphMessage = stringOrUndefined(envelope?.error?.message);
    const inner = envelope?.error?.innerError;
    this.requestId = responseRequestId ?? stringOrUndefined(inner?.['request-id']);
    this.date = stringOrUndefined(inner?.date);
    this.bodySnippet = envelope ? undefined : snippet(bodyText);
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
      parts.push(
        'An earlier attempt (HTTP 504 or a dropped connection) may have been applied: read the profile before retrying.',
      );
    }
    parts.push(requestIds(this.requestId, this.clientRequestId, this.date));
    const hint = this.hint();
    if (hint) parts.push(`Hint: ${hint}`);
    return parts.join('\n');
  }

  private hint(): string | undefined {
    switch (this.status) {
      case 401:
        return `the access token was refused. Check that it is for this cloud's Graph and not expired; the app needs the ${GRAPH_PERMISSION} permission with admin consent granted.`;
      case 403:
        return `the caller lacks permission. Grant the app (or user) the Microsoft Graph permission ${GRAPH_PERMISSION} and have an admin grant consent (Entra admin center → App registrations → API permissions → Grant admin consent). The tenant also needs an active Intune license.`;
      case 404:
        return this.resourceHint ?? 'Graph found no such resource.';
      case 409:
        return 'the profile changed at the same time; read it again and retry.';
      case 429:
        return 'Graph throttled the request (Intune allows about 100 writes per 20 seconds per app and tenant); wait and retry.';
      default:
        return this.status >= 500 ? 'Graph had a server-side problem; retry later.' : undefined;
    }
  }
}

export class GraphTimeoutError extends GraphCallError {
  override readonly name = 'GraphTimeoutError';
  constructor(
    readonly timeoutMs: number,
    readonly clientRequestId: string,
    readonly method: string,
  ) {
    super(`Graph did not answer within ${timeoutMs} ms`);
  }
  describe(): string {
    const effect =
      this.method === 'GET'
        ? 'It was a read, which changes nothing.'
        : 'The change may or may not have been applied: read the profile before retrying.';
    return [
      `Timed out: Graph did not answer within ${this.timeoutMs} ms (INTUNE_MCP_TIMEOUT_MS). ${effect}`,
      requestIds(undefined, this.clientRequestId),
    ].join('\n');
  }
}

export class GraphNetworkError extends GraphCallError {
  override readonly name = 'GraphNetworkError';
  constructor(
    readonly detail: string,
    readonly clientRequestId: string,
    readonly attempts: number,
    readonly method: string,
  ) {
    super(`Could not reach Graph: ${detail}`);
  }
  describe(): string {
    const effect =
      this.method === 'GET'
        ? 'It was a read, which changes nothing.'
        : 'The change may or may not have been applied: read the profile before retrying.';
    return [
      `Could not reach Graph after ${this.attempts} attempt(s): ${this.detail}. ${effect}`,
      requestIds(undefined, this.clientRequestId),
    ].join('\n');
  }
}

export class GraphCancelledError extends GraphCallError {
  override readonly name = 'GraphCancelledError';
  constructor(readonly clientRequestId: string) {
    super('The request was cancelled');
  }
  describe(): string {
    return `Cancelled by the client. A write may or may not have been applied.\n${requestIds(undefined, this.clientRequestId)}`;
  }
}

export class GraphResponseTooLargeError extends GraphCallError {
  override readonly name = 'GraphResponseTooLargeError';
  constructor(
    readonly limitBytes: number,
    readonly clientRequestId: string,
    /** The status that came with the oversized body: a 2xx to a PATCH still means the change was accepted. */
    readonly status: number,
  ) {
    super(`Graph's response exceeded ${limitBytes} bytes`);
  }
  describe(): string {
    return `Refused Graph's response: it is larger than ${this.limitBytes} bytes, far beyond any enrollment profile.\n${requestIds(undefined, this.clientRequestId)}`;
  }
}

export class GraphInvalidResponseError extends GraphCallError {
  override readonly name = 'GraphInvalidResponseError';
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
  constructor(
    readonly status: number,
    readonly retryAfterMs: number,
    readonly capMs: number,
    readonly clientRequestId: string,
    readonly requestId: string | undefined,
    readonly method: string,
    /** Which attempt got this answer: after a dropped connection or a 504, an earlier one may have been applied. */
    readonly attempt: number,
  ) {
    super(`Graph asked to wait ${Math.ceil(retryAfterMs / 1000)} s`);
  }
  describe(): string {
    const seconds = Math.ceil(this.retryAfterMs / 1000);
    const at = new Date(Date.now() + this.retryAfterMs).toISOString();
    const state = this.status === 429 ? 'throttling' : 'unavailable';
    return [
      `Graph is ${state} (HTTP ${this.status}) and asked to retry after ${seconds} s (at ${at}), longer than the ${this.capMs / 1000} s this server will wait. ${this.effect()} Retry after ${at}.`,
      requestIds(this.requestId, this.clientRequestId),
    ].join('\n');
  }
  private effect(): string {
    if (this.method === 'GET') return 'It was a read, which changes nothing.';
    // 429 and 503 mean Graph did not take the request; only the first attempt is sure to be the only one.
    if (this.attempt === 1 && (this.status === 429 || this.status === 503)) return 'Nothing was changed.';
    return 'An earlier attempt may have been applied: read the profile before retrying.';
  }
}

/** Graph accepted an update (204 or a body without the profile) but reading the profile back failed. */
export class GraphReadBackError extends GraphCallError {
  override readonly name = 'GraphReadBackError';
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
      `The update WAS applied: Graph accepted it (HTTP ${this.patchStatus}). Reading the updated profile back then failed, so this result cannot show it; read it with get-enrollment-profile. Do not resend the update blindly.`,
      `The read-back failed: ${this.readBackFailure.describe()}`,
    ].join('\n');
  }
}

/** Getting a token failed: nothing was sent to Graph. */
export class GraphAuthError extends GraphCallError {
  override readonly name = 'GraphAuthError';
  constructor(
    readonly detail: string,
    readonly clientRequestId: string,
  ) {
    super(detail);
  }
  describe(): string {
    return `Could not get an access token, so nothing was sent to Graph. ${this.detail}`;
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

function snippet(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim();
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
