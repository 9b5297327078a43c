/**
 * A kind's secret leaves ("tokenValue", "qrCodeImage.value", "wifiPassword"): hidden in results behind a fixed marker
 * unless the operator sets INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS=true, and refused when an agent writes that marker
 * back. The property stays, so the shape of the profile does not change; a null stays null (nothing to hide).
 */
import { registerEnrollmentSecret, SECRET_MARKER } from '../../security/secret-scrubber.js';

export const REDACTED = '[redacted]';
/** Every placeholder this server writes in place of a secret: none of them is ever a real value to send. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([REDACTED, SECRET_MARKER]);

/** Longer values (a QR code picture) are not looked for elsewhere: they are never quoted in prose. */
const MAX_REMEMBERED_LENGTH = 4096;

type Json = Record<string, unknown>;

/**
 * The profile with its secret leaves replaced by REDACTED. Each value hidden is also remembered by the scrubber, so the
 * same token is hidden wherever else it turns up (an error text, another field, a header echoed back).
 */
export function redactSecrets<T extends Json>(profile: T, secretPaths: readonly string[]): T {
  const copy: Json = { ...profile };
  for (const path of secretPaths) {
    const [head, leaf] = splitPath(path);
    const value = copy[head];
    if (leaf === undefined || !isObject(value)) {
      // Whatever shape Graph sends a secret in (a string, a number, an object where a string was expected), it is hidden.
      if (isPresent(value)) copy[head] = REDACTED;
      remember(value);
    } else if (isPresent(value[leaf])) {
      copy[head] = { ...value, [leaf]: REDACTED };
      remember(value[leaf]);
    }
  }
  return copy as T;
}

/**
 * Remembers the secret values a write is about to send (an agent setting tokenValue or wifiPassword), so that Graph
 * echoing them back in an error, or anywhere else, shows them hidden as it would a value it had returned.
 */
export function rememberSecretsIn(values: Json, secretPaths: readonly string[]): void {
  for (const path of secretPaths) remember(valueAt(values, path));
}

const splitPaths = new Map<string, readonly [string, string | undefined]>();

/** "qrCodeImage.value" → ["qrCodeImage", "value"], split once per path (secret paths are a handful of constants). */
function splitPath(path: string): readonly [string, string | undefined] {
  let split = splitPaths.get(path);
  if (!split) {
    const [head = '', leaf] = path.split('.');
    split = [head, leaf];
    splitPaths.set(path, split);
  }
  return split;
}

function remember(value: unknown): void {
  if (typeof value === 'string' && value.length <= MAX_REMEMBERED_LENGTH) registerEnrollmentSecret(value);
}

/** The value at a leaf path, or undefined. */
export function valueAt(profile: Json, path: string): unknown {
  const [head = '', leaf] = path.split('.');
  const value = profile[head];
  if (leaf === undefined) return value;
  return isObject(value) ? value[leaf] : undefined;
}

export function isObject(value: unknown): value is Json {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined;
}
