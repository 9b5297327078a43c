/**
 * How the sign-in library's last request to Entra ID ended. @azure/identity turns a connection refused, an unknown host
 * or an untrusted certificate into MSAL's bare "endpoints_resolution_error: See https://aka.ms/…" (or network_error),
 * and its retries of a 5xx can outlast INTUNE_MCP_TIMEOUT_MS, so neither error says what happened. A pipeline policy
 * on the credential (`additionalPolicies`, run on every attempt) sees each request and how it ended.
 */
import type { TokenCredentialOptions } from '@azure/identity';

type AdditionalPolicy = NonNullable<TokenCredentialOptions['additionalPolicies']>[number];

/** How a request to the authority failed. */
export interface AuthorityFailure {
  /** host[:port] of the request: the host MSAL really contacted. */
  readonly host: string;
  /** e.g. "connection refused (ECONNREFUSED)", "HTTP 500 (temporarily_unavailable)". */
  readonly outcome: string;
  /** `network`: no answer; `certificate`: the TLS certificate was refused; `http`: an error status. */
  readonly kind: 'network' | 'certificate' | 'http';
  readonly status?: number;
}

export interface AuthorityTrace {
  /** For the credential's options. */
  readonly additionalPolicies: AdditionalPolicy[];
  /** How the last request failed; undefined if it did not (or none was made). */
  lastFailure(): AuthorityFailure | undefined;
  /** Forgets the last request, before a new sign-in. */
  clear(): void;
}

export function authorityTrace(): AuthorityTrace {
  let last: AuthorityFailure | undefined;
  const policy: AdditionalPolicy['policy'] = {
    name: 'intune-mcp-authority-trace',
    async sendRequest(request, next) {
      const host = new URL(request.url).host;
      try {
        const response = await next(request);
        last = response.status >= 400 ? httpFailure(host, response) : undefined;
        return response;
      } catch (error) {
        // A cancelled request (INTUNE_MCP_TIMEOUT_MS ran out) says nothing new: what came before it is kept.
        if ((error as { name?: unknown } | undefined)?.name !== 'AbortError') last = networkFailure(host, error);
        throw error;
      }
    },
  };
  return {
    additionalPolicies: [{ policy, position: 'perRetry' }],
    lastFailure: () => last,
    clear: () => {
      last = undefined;
    },
  };
}

/** The status and Entra's `error` code, e.g. "HTTP 500 (temporarily_unavailable)"; nothing else of the body is kept. */
function httpFailure(host: string, response: { status: number; bodyAsText?: string | null }): AuthorityFailure {
  let code = '';
  try {
    const error = (JSON.parse(response.bodyAsText ?? '') as { error?: unknown }).error;
    if (typeof error === 'string' && /^[a-z_]{1,64}$/.test(error)) code = ` (${error})`;
  } catch {
    // not JSON (a proxy's page): the status alone
  }
  return { host, outcome: `HTTP ${response.status}${code}`, kind: 'http', status: response.status };
}

/** Worded without blaming the host: behind a proxy, the proxy may be the one that failed. */
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNRESET: 'connection dropped',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Node's error code with a reason; never the message, which may name a proxy with its password. */
function networkFailure(host: string, error: unknown): AuthorityFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return { host, outcome: 'failed', kind: 'network' };
  // Node's codes for a certificate it does not accept: self-signed, unknown issuer, expired, wrong name.
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return { host, outcome: `TLS certificate not trusted (${code})`, kind: 'certificate' };
  }
  return { host, outcome: `${REASONS[code] ?? 'failed'} (${code})`, kind: 'network' };
}
