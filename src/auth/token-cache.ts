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
/** A token this close to expiry (or in the last quarter of a short life) is no longer handed out. */
const USABLE_MARGIN_MS = 30_000;

export class TokenCache {
  private current: { token: string; refreshAt: number; usableUntil: number } | undefined;
  /** `fresh`: this request bypasses the caches below, so it may serve a forced refresh. */
  private inFlight: { promise: Promise<string>; fresh: boolean } | undefined;

  constructor(
    private readonly fetchToken: FetchToken,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(request: TokenRequest = {}): Promise<string> {
    if (request.forceRefresh) return abandonOnAbort(this.replace(request.rejectedToken), request.signal);
    const current = this.current;
    const now = this.now();
    if (current && now < current.refreshAt) return current.token;
    if (current && now < current.usableUntil) {
      // In the refresh window: keep serving the current token and refresh in the background, so a slow or failing
      // Entra ID delays no call while the token is still good (the Azure SDK's bearer-token policy does the same).
      this.refresh(false).catch(() => undefined);
      return current.token;
    }
    return abandonOnAbort(this.refresh(false), request.signal);
  }

  /** After a 401: a token other than the refused one, freshly issued unless a refresh already replaced it. */
  private async replace(rejected: string | undefined): Promise<string> {
    // A refresh under way may already bring a different token; wait for it rather than ask twice.
    await this.inFlight?.promise.catch(() => undefined);
    if (this.current && this.current.token !== rejected) return this.current.token;
    this.current = undefined;
    return this.refresh(true);
  }

  /** Shared by all waiting callers, so no one caller's cancellation may abort it. */
  private refresh(fresh: boolean): Promise<string> {
    if (this.inFlight && (this.inFlight.fresh || !fresh)) return this.inFlight.promise;
    const promise = this.fetchToken(fresh)
      .then((issued) => {
        const issuedAt = this.now();
        const lifetime = issued.expiresOnTimestamp - issuedAt;
        const margin = Math.min(REFRESH_MARGIN_MS, lifetime / 2);
        this.current = {
          token: issued.token,
          refreshAt: Math.min(issued.expiresOnTimestamp - margin, issued.refreshAfterTimestamp ?? Infinity),
          // Stop handing it out a little before it expires: it must still be valid when Graph checks it.
          usableUntil: issued.expiresOnTimestamp - Math.min(USABLE_MARGIN_MS, lifetime / 4),
        };
        return issued.token;
      })
      .finally(() => {
        if (this.inFlight?.promise === promise) this.inFlight = undefined;
      });
    this.inFlight = { promise, fresh };
    return promise;
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
