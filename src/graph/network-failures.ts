/**
 * Which connection failures happen before a request is sent. Only those prove that Graph never saw the request, so
 * only those allow resending one that is not idempotent (a createToken): a reset or a timeout mid-request may come
 * after Graph processed it.
 */

/** Error codes of Node and undici for a connection that was never established (no request bytes left this host). */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  // TLS handshake failures: the request is written only after the handshake succeeds.
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

export function failedBeforeSending(error: unknown): boolean {
  return errorCodes(error).some((code) => NOT_SENT_CODES.has(code));
}

/** The `code` of an error and of its causes, `depth` levels at most, outermost first. */
export function errorCodes(error: unknown, depth = 3): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  // The code sits on the error or on its cause (undici wraps socket errors), sometimes two levels down.
  for (let level = 0; level < depth && current && typeof current === 'object'; level++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}
