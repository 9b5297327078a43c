/**
 * Where Graph bearer tokens come from. The Graph client asks for a token per attempt and, after a 401, once for a
 * fresh one; it never knows which credential is behind it.
 */
export interface TokenRequest {
  readonly signal?: AbortSignal;
  /** Set after Graph refused `rejectedToken` with 401: return a different, freshly issued token if possible. */
  readonly forceRefresh?: boolean;
  readonly rejectedToken?: string;
}

export interface AccessTokenProvider {
  /** Names the credential in error messages, e.g. "client-secret (ClientSecretCredential)". */
  readonly description: string;
  /** False for a static token: after a 401 there is nothing fresher to try. */
  readonly canRefresh: boolean;
  getToken(request: TokenRequest): Promise<string>;
}

/** INTUNE_MCP_ACCESS_TOKEN (and simulate mode): a bearer token used as is. @azure/identity is never loaded. */
export function staticTokenProvider(
  token: string,
  description = 'static token (INTUNE_MCP_ACCESS_TOKEN)',
): AccessTokenProvider {
  return { description, canRefresh: false, getToken: async () => token };
}
