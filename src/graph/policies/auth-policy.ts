/**
 * Puts a bearer token on each attempt. When Graph answers 401, asks once for a fresh token and tries once more:
 * a token revoked or rotated early recovers, while a token that is simply not good enough (wrong cloud, no consent)
 * fails after one extra round trip instead of looping.
 */
import type { AccessTokenProvider } from '../../auth/access-token-provider.js';
import { scrubSecrets } from '../../security/secret-scrubber.js';
import { GraphAuthError, GraphCancelledError } from '../graph-errors.js';
import { anotherAttempt, type GraphPolicy, type GraphRequest } from '../pipeline.js';

export function authPolicy(tokens: AccessTokenProvider): GraphPolicy {
  /**
   * The token, or the failure as a GraphCallError (one promise, no async wrapper: it runs on every attempt). A forced
   * refresh only follows Graph's 401, which the failure must own up to.
   */
  const getToken = (request: GraphRequest, forceRefresh: boolean, rejectedToken?: string): Promise<string> => {
    let token: Promise<string>;
    try {
      token = tokens.getToken({ signal: request.signal, forceRefresh, rejectedToken });
    } catch (error) {
      token = Promise.reject(error); // a provider that throws instead of rejecting fails the same way
    }
    return token.catch((error: unknown) => {
      if (request.signal?.aborted) throw new GraphCancelledError(request.clientRequestId, request.method);
      const detail = error instanceof Error ? error.message : String(error);
      throw new GraphAuthError(scrubSecrets(detail), request.clientRequestId, forceRefresh);
    });
  };

  return {
    name: 'auth',
    async sendRequest(request, next) {
      const token = await getToken(request, false);
      const response = await next({ ...request, authorization: `Bearer ${token}` });
      if (response.status !== 401 || !tokens.canRefresh) return response;
      const fresh = await getToken(request, true, token);
      return next({ ...anotherAttempt(request), authorization: `Bearer ${fresh}` });
    },
  };
}
