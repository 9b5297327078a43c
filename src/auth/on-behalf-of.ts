/**
 * Graph tokens for the callers of a shared (HTTP) server: each caller's own access token is exchanged with the
 * On-Behalf-Of flow (OnBehalfOfCredential) for a Graph token of that person, so Intune's roles and scope tags apply to
 * them and Intune's audit log names them. The caller's token itself never goes to Graph: it is for this server only.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow
 *
 * One Graph token per user (the token's tenant and object id), kept until shortly before it expires (TokenCache: a
 * user's concurrent first calls share one exchange), for a bounded number of users.
 */
import type { TokenCredential } from '@azure/identity';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { AccessTokenProvider } from './access-token-provider.js';
import { describeAuthFailure } from './auth-errors.js';
import { type AuthorityTrace, authorityTrace } from './authority-trace.js';
import { loadIdentity, requestTokenWithin } from './azure-identity-provider.js';
import { isKnownAuthorityHost } from './clouds.js';
import { TokenCache } from './token-cache.js';

/**
 * Users whose Graph tokens are kept; beyond it the one seen least recently is forgotten (and exchanges again on its
 * next call). Each entry holds two tokens of a few KiB.
 */
export const MAX_USERS = 1000;

const DESCRIPTION = 'on-behalf-of (OnBehalfOfCredential)';

export interface OnBehalfOfOptions {
  readonly tenantId: string;
  readonly clientId: string;
  /** How the app registration proves itself; the secret or PEM file is read from `env` (AZURE_*) when used. */
  readonly credential: 'client-secret' | 'client-certificate';
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sendCertificateChain: boolean;
  readonly authorityHost: string;
  /** The cloud's Graph `.default` scope. */
  readonly scope: string;
  readonly timeoutMs: number;
  readonly maxUsers?: number;
  /** The credential of one exchange (tests); by default OnBehalfOfCredential from @azure/identity. */
  readonly createCredential?: (userAssertion: string) => Promise<TokenCredential>;
}

/** Who is calling, as the HTTP transport's token check found it (AuthInfo.extra). */
export interface CallerIdentity {
  /** The user's object id (`oid`). */
  readonly oid: string;
  /** The user's tenant (`tid`). */
  readonly tid: string;
}

export function callerIdentity(caller: AuthInfo | undefined): CallerIdentity | undefined {
  const oid = caller?.extra?.oid;
  const tid = caller?.extra?.tid;
  return typeof oid === 'string' && typeof tid === 'string' ? { oid, tid } : undefined;
}

interface UserTokens {
  /** The user's most recent token: each exchange uses the newest one seen (it is valid the longest). */
  assertion: string;
  readonly cache: TokenCache;
  readonly provider: AccessTokenProvider;
}

export class OnBehalfOfTokens {
  /** Insertion order is recency: a user's entry moves to the end on each call. */
  private readonly users = new Map<string, UserTokens>();
  private readonly maxUsers: number;
  /** Exchanges asked of Entra ID so far (for the start-up and shutdown lines, and tests). */
  exchanges = 0;

  constructor(private readonly options: OnBehalfOfOptions) {
    this.maxUsers = options.maxUsers ?? MAX_USERS;
  }

  /** Users whose tokens are kept now. */
  get size(): number {
    return this.users.size;
  }

  /** The Graph token provider of the caller whose verified token this is. */
  forCaller(caller: AuthInfo | undefined): AccessTokenProvider {
    const identity = callerIdentity(caller);
    if (!caller || !identity) throw new Error('On-Behalf-Of needs a verified caller (a token with oid and tid).');
    const key = `${identity.tid}/${identity.oid}`;
    let user = this.users.get(key);
    if (user) {
      this.users.delete(key); // re-inserted below: most recent last
      user.assertion = caller.token;
    } else {
      user = this.newUser(caller.token);
    }
    this.users.set(key, user);
    if (this.users.size > this.maxUsers) {
      const oldest = this.users.keys().next().value;
      if (oldest !== undefined) this.users.delete(oldest);
    }
    return user.provider;
  }

  private newUser(assertion: string): UserTokens {
    const cache = new TokenCache(async () => {
      // A new credential per exchange: its assertion is fixed when it is made, and a fresh one has no MSAL cache
      // that could hand back the token Graph just refused.
      this.exchanges += 1;
      const trace = authorityTrace();
      try {
        const credential = await this.createCredential(user.assertion, trace);
        const token = await requestTokenWithin(
          credential,
          this.options.scope,
          this.options.timeoutMs,
          this.options.authorityHost,
        );
        if (!token) throw new Error(`${DESCRIPTION} returned no token.`);
        // Not registered with the secret scrubber: Entra access tokens are JWTs, which it removes by their shape,
        // and one registered value per user would grow the single pattern it runs over every output.
        return token;
      } catch (error) {
        const context = { authorityHost: this.options.authorityHost, lastFailure: trace.lastFailure() };
        throw new Error(describeAuthFailure(DESCRIPTION, error, context));
      }
    });
    const user: UserTokens = {
      assertion,
      cache,
      provider: { description: DESCRIPTION, canRefresh: true, getToken: (request) => cache.getToken(request) },
    };
    return user;
  }

  private async createCredential(userAssertionToken: string, trace: AuthorityTrace): Promise<TokenCredential> {
    if (this.options.createCredential) return this.options.createCredential(userAssertionToken);
    const identity = await loadIdentity();
    const { tenantId, clientId, env, authorityHost } = this.options;
    // MSAL asks login.microsoftonline.com to vouch for an authority it does not know (see azure-identity-provider).
    // The credential honours disableInstanceDiscovery (it passes its options to MSAL), though its constructor's
    // overloads do not list it; hence the options are built first and passed as a whole.
    const common = {
      tenantId,
      clientId,
      userAssertionToken,
      authorityHost,
      disableInstanceDiscovery: !isKnownAuthorityHost(authorityHost),
      additionalPolicies: trace.additionalPolicies,
    };
    if (this.options.credential === 'client-secret') {
      const withSecret = { ...common, clientSecret: env.AZURE_CLIENT_SECRET ?? '' };
      return new identity.OnBehalfOfCredential(withSecret);
    }
    const withCertificate = {
      ...common,
      certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH ?? '',
      sendCertificateChain: this.options.sendCertificateChain,
    };
    return new identity.OnBehalfOfCredential(withCertificate);
  }
}
