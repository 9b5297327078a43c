/**
 * The Bearer challenge a refused caller gets (RFC 6750 §3): error information only when credentials were sent, and
 * an error_description a header can carry, still legible.
 */
import { describe, expect, it } from 'vitest';
import { bearerChallenge, protectedResource } from '../../src/http/protected-resource.js';

const resource = protectedResource(
  'https://intune-mcp.contoso.com',
  'https://login.microsoftonline.com',
  '7c9d1e2f-3a4b-4c5d-8e6f-0a1b2c3d4e5f',
  'api://intune-mcp',
  'access_as_user',
);

describe('bearerChallenge', () => {
  it('without credentials: where the metadata is and the scope, no error information', () => {
    expect(bearerChallenge(resource, undefined, 'This server needs an Entra ID access token.')).toBe(
      'Bearer resource_metadata="https://intune-mcp.contoso.com/.well-known/oauth-protected-resource/mcp", scope="api://intune-mcp/access_as_user"',
    );
  });

  it('spells punctuation a header cannot carry in ASCII, and blanks out quotes-breaking and control characters', () => {
    const challenge = bearerChallenge(resource, 'invalid_token', 'Send “Bearer …” → see the docs — ok\n"x"\\y é');
    expect(challenge).toContain(
      `error="invalid_token", error_description="Send 'Bearer ...' -> see the docs - ok 'x' y  "`,
    );
  });
});
