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
  const getToken = async (request: GraphRequest, forceRefresh: boolean, rejectedToken?: string) => {
    try {
      return await tokens.getToken({ signal: request.signal, forceRefresh, rejectedToken });
    } catch (error) {
      if (request.signal?.aborted) throw new GraphCancelledError(request.clientRequestId);
      const detail = error instanceof Error ? error.message : String(error);
      throw new GraphAuthError(scrubSecrets(detail), request.clientRequestId);
    }
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
