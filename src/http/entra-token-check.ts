/**
 * Who is calling: an Entra ID v2 access token, checked with jose (signature against the tenant's published keys,
 * issuer, audience, lifetime, algorithm) rather than by hand, then for the delegated scope this server requires.
 *
 * The issuer and the key set's address come from the tenant's OpenID configuration
 * ({authority}/{tenant}/v2.0/.well-known/openid-configuration), read once and kept. The key set is jose's remote set:
 * kept for 12 hours, and fetched again when a token names a key it does not hold (Entra rolls its signing keys), at
 * most once every 30 s, so a flood of tokens with made-up key ids cannot make the server hammer Entra ID.
 * Both requests go through the process's one HTTP path, so they follow the proxy variables as Graph does.
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 */
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  type JWTPayload,
  jwtVerify,
  type RemoteJWKSet,
} from 'jose';
import { isLoopbackHost } from '../loopback.js';
import type { BearerError } from './protected-resource.js';

/** A GET through the server's HTTP path (proxy, timeout, size cap); index.ts hands it over. */
export type FetchText = (url: string, signal: AbortSignal | undefined) => Promise<{ status: number; bodyText: string }>;

/** A key id jose has not seen makes it fetch the key set again, but not sooner than this after the last fetch. */
export const KEY_SET_COOLDOWN_MS = 30_000;
/**
 * The key set is fetched again this long after the last fetch even when every token names a known key, so a key Entra
 * ID withdrew stops being trusted. New keys need no wait (an unknown kid fetches at once); 12 hours is the automatic
 * refresh interval of Microsoft's own validation library (Microsoft.IdentityModel's ConfigurationManager).
 */
const KEY_SET_MAX_AGE_MS = 12 * 60 * 60_000;
/**
 * A failed OpenID configuration or key set request is not repeated for every caller: the failure stands this long
 * (jose's cooldown counts from the last successful fetch only, so without this every token would fetch again).
 */
const RETRY_AFTER_FAILURE_MS = 5_000;
/** Clock skew allowed on exp and nbf: Entra ID and this machine need not agree to the second. */
const CLOCK_TOLERANCE_S = 60;

export interface TokenCheckOptions {
  /** {authority}/{tenant}/v2.0 */
  readonly authority: string;
  readonly clientId: string;
  /** INTUNE_MCP_HTTP_AUDIENCE; the client id is accepted too (v2 tokens carry it). */
  readonly audience: string;
  /** The scope name required in `scp`, e.g. access_as_user. */
  readonly scope: string;
  /** Goes into AuthInfo.resource. */
  readonly resource: string;
  readonly fetchText: FetchText;
}

export type TokenCheck =
  | { readonly ok: true; readonly caller: AuthInfo }
  | {
      readonly ok: false;
      /** 401: no or a bad token; 403: a good token without the scope; 503: the keys cannot be had right now. */
      readonly status: 401 | 403 | 503;
      readonly error: BearerError | undefined;
      readonly description: string;
    };

interface Discovery {
  readonly issuer: string;
  readonly remote: RemoteJWKSet;
  readonly keys: KeyResolver;
}

type KeyResolver = (...args: Parameters<RemoteJWKSet>) => ReturnType<RemoteJWKSet>;

/** The key set could not be fetched moments ago: not fetched again yet (not a JOSEError: a 503, not a 401). */
class KeySetRecentlyFailed extends Error {}

export class EntraTokenCheck {
  private discovery: Promise<Discovery> | undefined;

  constructor(private readonly options: TokenCheckOptions) {}

  /** Reads the OpenID configuration and the keys now, so the first caller does not wait for them. */
  async warmUp(): Promise<void> {
    const { remote } = await this.discover();
    await remote.reload();
  }

  async check(authorization: string | undefined): Promise<TokenCheck> {
    if (authorization === undefined || authorization === '') {
      return refuse(401, undefined, 'This server needs an Entra ID access token (Authorization: Bearer …).');
    }
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
    if (!match?.[1]) return refuse(401, 'invalid_token', 'The Authorization header is not "Bearer <token>".');
    let discovery: Discovery;
    try {
      discovery = await this.discover();
    } catch (error) {
      return refuse(503, undefined, `Cannot check tokens now: ${describe(error)}`);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], discovery.keys, {
        issuer: discovery.issuer,
        audience: [this.options.clientId, this.options.audience],
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (isKeySetUnavailable(error)) {
        return refuse(503, undefined, `Cannot check tokens now: ${describe(error)}`);
      }
      return refuse(401, 'invalid_token', whyInvalid(error, discovery.issuer));
    }
    const oid = payload.oid;
    const tid = payload.tid;
    if (typeof oid !== 'string' || typeof tid !== 'string') {
      return refuse(401, 'invalid_token', 'The token names no user (no oid and tid claims).');
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    if (!scopes.includes(this.options.scope)) {
      return refuse(
        403,
        'insufficient_scope',
        scopes.length === 0
          ? `The token carries no delegated scope (an app-only token?): this server acts for a signed-in user with the scope ${this.options.scope}.`
          : `The token lacks the scope ${this.options.scope}.`,
      );
    }
    const clientId =
      typeof payload.azp === 'string' ? payload.azp : typeof payload.appid === 'string' ? payload.appid : '';
    return {
      ok: true,
      caller: {
        token: match[1],
        clientId,
        scopes,
        expiresAt: payload.exp,
        resource: new URL(this.options.resource),
        extra: {
          oid,
          tid,
          ...(typeof payload.preferred_username === 'string' ? { username: payload.preferred_username } : {}),
        },
      },
    };
  }

  private discover(): Promise<Discovery> {
    this.discovery ??= this.readConfiguration().catch((error: unknown) => {
      // Forgotten after a short while, so the next caller tries again (Entra ID or the network may be back).
      setTimeout(() => {
        this.discovery = undefined;
      }, RETRY_AFTER_FAILURE_MS).unref();
      throw error;
    });
    return this.discovery;
  }

  private async readConfiguration(): Promise<Discovery> {
    const url = `${this.options.authority}/.well-known/openid-configuration`;
    const response = await this.options.fetchText(url, AbortSignal.timeout(10_000));
    if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}.`);
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      document = JSON.parse(response.bodyText) as typeof document;
    } catch {
      throw new Error(`${url} did not answer JSON.`);
    }
    const { issuer, jwks_uri: keysUri } = document;
    if (typeof issuer !== 'string' || typeof keysUri !== 'string') {
      throw new Error(`${url} names no issuer or jwks_uri.`);
    }
    const keysUrl = new URL(keysUri);
    if (keysUrl.protocol !== 'https:' && !isLoopbackHost(keysUrl.hostname)) {
      throw new Error(`the key set address ${keysUri} is not https.`);
    }
    const { fetchText } = this.options;
    const remote = createRemoteJWKSet(keysUrl, {
      cooldownDuration: KEY_SET_COOLDOWN_MS,
      cacheMaxAge: KEY_SET_MAX_AGE_MS,
      [customFetch]: async (target: string, init: RequestInit) => {
        const answer = await fetchText(target, init.signal ?? undefined);
        return new Response(answer.bodyText, { status: answer.status });
      },
    });
    return { issuer, remote, keys: resolverAfterFailures(remote) };
  }
}

/**
 * jose's remote key set, except after a failed fetch: then tokens are checked against the keys in hand only, for
 * RETRY_AFTER_FAILURE_MS, and a key they do not hold (a made-up kid, or Entra's new key) is "cannot check now" (503),
 * not a reason to fetch again. Without this, while the key set endpoint fails every request would fetch it once more.
 * The request whose fetch failed is checked against the keys in hand too: a cache past its age may still hold its key.
 * Exported for its tests.
 */
export function resolverAfterFailures(remote: Pick<RemoteJWKSet, 'jwks'> & KeyResolver): KeyResolver {
  let failedAt = Number.NEGATIVE_INFINITY;
  /** The keys in hand when the last fetch failed. */
  let held: KeyResolver | undefined;
  const fromHeld: KeyResolver = async (header, token) => {
    const why = `the key set could not be fetched ${Math.round((Date.now() - failedAt) / 1000)} s ago; it is fetched again ${RETRY_AFTER_FAILURE_MS / 1000} s after a failure.`;
    if (!held) throw new KeySetRecentlyFailed(why);
    try {
      return await held(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) throw new KeySetRecentlyFailed(why);
      throw error;
    }
  };
  return async (header, token) => {
    if (Date.now() - failedAt < RETRY_AFTER_FAILURE_MS) return fromHeld(header, token);
    try {
      return await remote(header, token);
    } catch (error) {
      if (!isKeySetUnavailable(error)) throw error;
      failedAt = Date.now();
      const keys = remote.jwks();
      held = keys ? createLocalJWKSet(keys) : undefined;
      return fromHeld(header, token).catch(() => Promise.reject(error));
    }
  };
}

function refuse(status: 401 | 403 | 503, error: BearerError | undefined, description: string): TokenCheck {
  return { ok: false, status, error, description };
}

/** The key set could not be fetched: not the caller's fault, so not a 401. */
function isKeySetUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  // A failed key set request surfaces as jose's base error ("Expected 200 OK …") or as the transport's own error.
  return !(error instanceof errors.JOSEError) || error.constructor === errors.JOSEError;
}

/** What was wrong with a token, for its error_description: enough to fix a client, nothing about our keys. */
function whyInvalid(error: unknown, issuer: string): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The token is for another audience (aud): request it for this server.';
    if (error.claim === 'iss') {
      return `The token's issuer is not ${issuer} (is the app registration's requestedAccessTokenVersion 2?).`;
    }
    if (error.claim === 'nbf') return 'The token is not valid yet (nbf).';
    return `The token's ${error.claim} claim is not acceptable.`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed with a key Entra ID does not publish.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'The token is not signed with RS256.';
  }
  return 'The token is not a well-formed signed JWT.';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
