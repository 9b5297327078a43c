/**
 * The server as an OAuth 2.1 protected resource (MCP authorization, 2025-06-18 and later): the RFC 9728 metadata that
 * tells a client which authorization server issues tokens for it and which scope to ask for, and the RFC 6750
 * challenges of a refused call, which point at that metadata.
 * https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 */

/** RFC 9728 §3: the metadata's well-known path; for a resource with a path, the path is appended to it (§3.1). */
export const METADATA_PATH = '/.well-known/oauth-protected-resource';
export const MCP_PATH = '/mcp';

export interface ProtectedResource {
  /** The MCP endpoint clients call: {INTUNE_MCP_HTTP_PUBLIC_URL}/mcp. */
  readonly resource: string;
  /** Where the metadata of `resource` is, by RFC 9728's path rule: {public URL}/.well-known/oauth-protected-resource/mcp. */
  readonly metadataUrl: string;
  /** {authority}/{tenant}/v2.0: Entra ID's issuer for the tenant. */
  readonly authorizationServer: string;
  /** The one scope a caller needs, in the form clients request it: {Application ID URI}/{scope}. */
  readonly scope: string;
}

export function protectedResource(
  publicUrl: string,
  authorityHost: string,
  tenantId: string,
  audience: string,
  scope: string,
): ProtectedResource {
  return {
    resource: `${publicUrl}${MCP_PATH}`,
    metadataUrl: `${publicUrl}${METADATA_PATH}${MCP_PATH}`,
    authorizationServer: `${authorityHost}/${tenantId}/v2.0`,
    scope: `${audience.replace(/\/+$/, '')}/${scope}`,
  };
}

/** The RFC 9728 document, the same at the root well-known path and at the one with /mcp appended. */
export function resourceMetadata(resource: ProtectedResource): Record<string, unknown> {
  return {
    resource: resource.resource,
    authorization_servers: [resource.authorizationServer],
    scopes_supported: [resource.scope],
    bearer_methods_supported: ['header'],
    resource_name: 'Intune enrollment profiles (MCP)',
  };
}

/** Why a call was refused, as RFC 6750 §3.1 names it; no error at all when the call carried no token. */
export type BearerError = 'invalid_token' | 'insufficient_scope';

/**
 * The WWW-Authenticate value of a 401 or 403: where the metadata is, the scope to ask for (MCP asks servers to say it,
 * so a client can request it, or step up to it) and, when a token was sent, what was wrong with it.
 */
export function bearerChallenge(
  resource: ProtectedResource,
  error: BearerError | undefined,
  description: string | undefined,
): string {
  const params = [
    error && `error="${error}"`,
    // RFC 6750 §3.1: a request without credentials gets no error information in the challenge (the body has it).
    error && description && `error_description="${quotable(description)}"`,
    `resource_metadata="${resource.metadataUrl}"`,
    `scope="${resource.scope}"`,
  ].filter(Boolean);
  return `Bearer ${params.join(', ')}`;
}

/**
 * RFC 6750: error_description is limited to printable ASCII without `"` and `\`. The punctuation our messages use is
 * spelled out in ASCII (an ellipsis as "...", quotes as '), so the text still reads; anything else becomes a space.
 */
function quotable(text: string): string {
  return text
    .replace(/…/g, '...')
    .replace(/[“”"‘’]/g, "'")
    .replace(/→/g, '->')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, ' ');
}
