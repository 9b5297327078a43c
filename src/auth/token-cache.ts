/**
 * Shares one token among all calls and refreshes it before it expires. @azure/identity does not de-duplicate
 * concurrent getToken calls on a cold credential (20 parallel first calls make 20 token requests), so concurrent
 * callers here await the same in-flight request.
 */
import type { TokenRequest } from './access-token-provider.js';

export interface IssuedToken {
  readonly token: string;
  readonly expiresOnTimestamp: number;
  /** When the issuer suggests refreshing (refresh_in); earlier than expiry. */
  readonly refreshAfterTimestamp?: number;
}

/** `fresh`: the last token was refused, so bypass any cache below (MSAL's) and ask the issuer anew. */
export type FetchToken = (fresh: boolean) => Promise<IssuedToken>;

/** Refresh this long before expiry, or halfway through the lifetime of a short-lived token. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class TokenCache {
  private current: { token: string; refreshAt: number; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: FetchToken,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(request: TokenRequest = {}): Promise<string> {
    const rejected = request.forceRefresh && this.current?.token === request.rejectedToken;
    if (rejected) this.current = undefined;
    const current = this.current;
    const now = this.now();
    if (current && now < current.refreshAt) return current.token;
    try {
      return await abandonOnAbort(this.refresh(Boolean(rejected)), request.signal);
    } catch (error) {
      // A refresh that fails while the old token is still valid should not fail the call.
      if (current && now < current.expiresAt) return current.token;
      throw error;
    }
  }

  /** Shared by all waiting callers, so no one caller's cancellation may abort it. */
  private refresh(fresh: boolean): Promise<string> {
    this.inFlight ??= this.fetchToken(fresh)
      .then((issued) => {
        const issuedAt = this.now();
        const margin = Math.min(REFRESH_MARGIN_MS, (issued.expiresOnTimestamp - issuedAt) / 2);
        const refreshAt = Math.min(issued.expiresOnTimestamp - margin, issued.refreshAfterTimestamp ?? Infinity);
        this.current = { token: issued.token, refreshAt, expiresAt: issued.expiresOnTimestamp };
        return issued.token;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

/** The caller stops waiting when its signal aborts; the shared token request carries on for the others. */
function abandonOnAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
