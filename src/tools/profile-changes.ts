/**
 * What an update would change, for dry runs and for the lost-update guard: the profile after a patch, the list of
 * changes as "property: from → to", and a DateTimeOffset comparison that keeps Graph's 100 ns precision.
 */
import { REDACTED } from '../security/enrollment-token-redaction.js';
import { SECRET_PROPERTIES } from './profile-schema.js';

type Json = Record<string, unknown>;

/** PATCH semantics: each given property replaces the current value whole (qrCodeImage included); null clears. */
export function applyPatch<T extends Json>(profile: T, patch: Json): T {
  return { ...profile, ...patch };
}

export function describeChanges(before: Json, patch: Json, reveal: boolean): string[] {
  return Object.keys(patch).map((key) => {
    const show = (value: unknown) => formatValue(key, value, reveal);
    const from = show(before[key]);
    const to = show(patch[key]);
    // Hidden secrets are never compared, so "unchanged" cannot become an oracle for guessing the current token.
    if (!reveal && isSecret(key) && (isSet(before[key]) || isSet(patch[key]))) {
      return `${key}: ${from} → ${to} (secret: not shown)`;
    }
    return from === to ? `${key}: ${from} (unchanged)` : `${key}: ${from} → ${to}`;
  });
}

function isSecret(key: string): boolean {
  return (SECRET_PROPERTIES as readonly string[]).includes(key);
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function formatValue(key: string, value: unknown, reveal: boolean): string {
  if (value === undefined) return '(not set)';
  if (value === null) return 'null';
  if (isSecret(key) && !reveal) return key === 'qrCodeImage' ? `{ type, value: "${REDACTED}" }` : `"${REDACTED}"`;
  return JSON.stringify(value);
}

/** Graph writes DateTimeOffset with up to 7 fractional digits; Date keeps 3. Compare in 100 ns ticks. */
export function sameInstant(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = ticks(a);
  const tb = ticks(b);
  return ta !== undefined && ta === tb;
}

function ticks(value: string): bigint | undefined {
  const match = /^(.*T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, head, fraction = '', zone] = match;
  const millis = Date.parse(`${head}${zone}`);
  if (Number.isNaN(millis)) return undefined;
  const subSecondTicks = BigInt(fraction.padEnd(7, '0').slice(0, 7));
  return BigInt(millis) * 10_000n + subSecondTicks;
}
