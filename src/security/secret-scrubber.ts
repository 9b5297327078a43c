/**
 * Last line of defence for credentials: every text that leaves the process (stderr, MCP log notifications, tool
 * results) passes through `scrubSecrets`. Libraries we call can put surprising things in their error messages; this
 * makes sure a client secret, access token or Authorization header is never among them.
 */

const knownSecrets = new Set<string>();

/** Secrets shorter than this are too likely to match ordinary text; none of ours is that short. */
const MIN_SECRET_LENGTH = 6;

export const SECRET_MARKER = '[secret]';

export function registerSecret(value: string | undefined): void {
  const secret = value?.trim();
  if (secret && secret.length >= MIN_SECRET_LENGTH) knownSecrets.add(secret);
}

export function forgetSecret(value: string | undefined): void {
  if (value) knownSecrets.delete(value.trim());
}

const BEARER_PATTERN = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
/** A JWT: three base64url segments, the first starting with {" (eyJ). */
const JWT_PATTERN = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const secret of knownSecrets) {
    if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(SECRET_MARKER);
  }
  return scrubbed.replace(BEARER_PATTERN, `$1 ${SECRET_MARKER}`).replace(JWT_PATTERN, SECRET_MARKER);
}

/**
 * The same for a JSON value (a profile Graph returned): every string in it, at any depth. Graph echoing a token back
 * inside a description must not carry it into a result.
 */
export function scrubSecretsDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return value.map(scrubSecretsDeep) as T;
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = scrubSecretsDeep(item);
    return copy as T;
  }
  return value;
}
