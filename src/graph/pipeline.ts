/**
 * The shape of one Graph call as it travels through the policies (after the Azure SDK's core-rest-pipeline): each
 * policy gets the request and the next step, and may change, repeat or short-circuit the call. Retry, auth and
 * transport stay separate and testable one at a time.
 */

export interface RetryNotice {
  /** 1-based number of the attempt about to be made. */
  readonly nextAttempt: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  /** Why: "Graph throttled the request (HTTP 429)", "the connection dropped", … */
  readonly reason: string;
}

export interface GraphRequest {
  readonly method: 'GET' | 'PATCH' | 'POST';
  readonly url: string;
  /** JSON text, for PATCH and POST. */
  readonly body?: string;
  /**
   * Whether sending the request twice leaves the same state as sending it once (GET, PATCH of absolute values, a
   * revoke). A request that is not (an action that mints something) is resent only when Graph certainly did not
   * process it: see policies/retry-policy.ts.
   */
  readonly idempotent: boolean;
  /** A fresh id for every HTTP request, retries included (see `anotherAttempt`); errors name the last one. */
  readonly clientRequestId: string;
  /** Aborted when the MCP client cancels the call. */
  readonly signal?: AbortSignal;
  /** Told before each wait between attempts, so the caller can report progress. */
  readonly onRetry?: (notice: RetryNotice) => Promise<void> | void;
  /**
   * Awaited before each retry, after the wait: a guarded write re-checks its precondition here (someone may have
   * changed the entity while Graph throttled us). Throwing stops the retries with that error. `uncertain` says whether
   * an earlier attempt may have been applied.
   */
  readonly beforeRetry?: (uncertain: boolean) => Promise<void>;
  /** Set by the auth policy. */
  readonly authorization?: string;
}

export interface GraphResponse {
  readonly status: number;
  /** The client-request-id of the attempt that got this answer. */
  readonly clientRequestId: string;
  /** Set by the retry policy: an earlier attempt met a 504 or a dropped connection (a write may have landed). */
  readonly earlierAttemptUncertain?: boolean;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly bodyText: string;
}

export type SendRequest = (request: GraphRequest) => Promise<GraphResponse>;

export interface GraphPolicy {
  readonly name: string;
  sendRequest(request: GraphRequest, next: SendRequest): Promise<GraphResponse>;
}

/** Wraps the transport in the policies, first policy outermost. */
export function composePipeline(policies: readonly GraphPolicy[], transport: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>((next, policy) => (request) => policy.sendRequest(request, next), transport);
}

/** The same request sent again (a retry, or after a token refresh): a new HTTP request, so a new client-request-id. */
export function anotherAttempt(request: GraphRequest): GraphRequest {
  return { ...request, clientRequestId: crypto.randomUUID() };
}
