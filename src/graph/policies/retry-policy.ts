/**
 * Retries what is worth retrying: throttling (429), an unavailable or overloaded service (503, 504) and connections
 * that drop before an answer arrives. Re-sending an idempotent request is safe: a GET reads, a PATCH sets absolute
 * values, a revoke ends in the same state. A request that is not idempotent (createToken mints a new token and
 * invalidates the last one) is resent only when Graph certainly did not process it: a 429, or a connection that failed
 * before the request was sent. After a 5xx, a timeout or a connection lost mid-request it is not resent: the caller
 * must find out what happened.
 * Graph's guidance: honour Retry-After; without it, back off exponentially.
 * https://learn.microsoft.com/graph/throttling
 */
import { GraphAuthError, GraphCancelledError, GraphNetworkError, GraphThrottledError } from '../graph-errors.js';
import { anotherAttempt, type GraphPolicy, type GraphRequest, type GraphResponse } from '../pipeline.js';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export interface RetryOptions {
  readonly maxRetries: number;
  /** A Retry-After longer than this fails at once instead of blocking the agent. */
  readonly maxRetryAfterMs?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly random?: () => number;
}

export function retryPolicy(options: RetryOptions): GraphPolicy {
  const {
    maxRetries,
    maxRetryAfterMs = 60_000,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    random = Math.random,
  } = options;
  const maxAttempts = maxRetries + 1;
  const backoff = (attempt: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.8 + 0.4 * random()); // ±20% jitter

  return {
    name: 'retry',
    async sendRequest(first, next) {
      let request = first;
      let uncertain = false; // an earlier attempt may have reached Graph and been applied
      for (let attempt = 1; ; attempt++, request = anotherAttempt(request)) {
        let delayMs: number;
        let reason: string;
        try {
          const response = await next(request);
          const retryable = request.idempotent ? RETRYABLE_STATUSES.has(response.status) : response.status === 429;
          if (!retryable || attempt >= maxAttempts) {
            return uncertain ? { ...response, earlierAttemptUncertain: true } : response;
          }
          const retryAfterMs = parseRetryAfter(response.headers);
          if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
            throw new GraphThrottledError(
              response.status,
              retryAfterMs,
              maxRetryAfterMs,
              response.clientRequestId,
              response.headers['request-id'],
              request.method,
              uncertain, // about the attempts before this one: the error judges its own status
            );
          }
          // Any 5xx to a write may come after the work was done (a gateway, a service failing on its way out).
          if (response.status >= 500) uncertain = true;
          delayMs = retryAfterMs ?? backoff(attempt);
          reason =
            response.status === 429
              ? 'Graph throttled the request (HTTP 429)'
              : `Graph was unavailable (HTTP ${response.status})`;
        } catch (error) {
          // No token for a retry of a write that may already have landed: the write's fate is unknown, not "none".
          if (uncertain && request.method !== 'GET' && error instanceof GraphAuthError)
            throw error.afterUncertainAttempt();
          if (!(error instanceof GraphNetworkError)) throw error;
          if (attempt >= maxAttempts || !(request.idempotent || error.notSent)) {
            throw new GraphNetworkError(
              error.detail,
              error.clientRequestId,
              attempt,
              error.method,
              error.notSent,
              uncertain,
            );
          }
          uncertain ||= !error.notSent;
          delayMs = backoff(attempt);
          reason = 'the connection dropped before Graph answered';
        }
        await request.onRetry?.({ nextAttempt: attempt + 1, maxAttempts, delayMs, reason });
        await sleep(delayMs, request);
        await request.beforeRetry?.(uncertain);
      }
    },
  };
}

/**
 * The longest wait a Retry-After can stand for. Anything longer is nonsense (a broken proxy, a corrupted header), and
 * it must stay a finite number that `new Date(Date.now() + ms)` can represent: "99999999999999" seconds is not.
 */
export const MAX_RETRY_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), plus Azure's retry-after-ms; undefined if absent. */
export function parseRetryAfter(headers: GraphResponse['headers'], now: number = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'] ?? headers['x-ms-retry-after-ms'];
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return clampRetryAfter(Number(ms));
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return clampRetryAfter(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clampRetryAfter(Math.max(0, date - now));
}

function clampRetryAfter(ms: number): number {
  return Math.min(ms, MAX_RETRY_AFTER_MS); // Infinity (a 400-digit header) included
}

function sleep(ms: number, request: GraphRequest): Promise<void> {
  const { signal } = request;
  if (signal?.aborted) return Promise.reject(new GraphCancelledError(request.clientRequestId, request.method));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new GraphCancelledError(request.clientRequestId, request.method));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
