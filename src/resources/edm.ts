/**
 * Zod schemas for the OData (EDM) types Graph's metadata uses: Edm.Guid-shaped strings, Edm.Int32, Edm.DateTimeOffset
 * and the mimeContent complex type. Input schemas refuse what Graph would not accept, before a request is sent, with
 * messages an agent can act on; output schemas (`loose…`) accept whatever Graph sends in that slot.
 */
import * as z from 'zod';

// The patterns are published in every tool's JSON Schema, so they are written short (tools/list is context an agent
// pays for): the same languages as the long forms, without capture groups or repeated parts.
export const GUID_PATTERN = /^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/;
/** OData Edm.DateTimeOffset: seconds and fractions optional, the offset (or Z) required. */
const DATE_TIME_OFFSET_PATTERN = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,12})?)?(?:Z|[+-]\d\d:\d\d)$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const INT32_MAX = 2_147_483_647;

/** Generous bounds: no real profile comes near them, and they stop a runaway agent from sending megabytes. */
export const MAX_LENGTH = {
  text: 4_096,
  qrCodeContent: 65_536,
  /** base64 of a QR code image (a few KiB in practice); 1 MiB keeps any result far below the MCP message limit. */
  qrCodeImageValue: 1024 * 1024,
} as const;

/** True when the text is an Edm.DateTimeOffset naming a real instant (no 30 February, no hour 24). */
export function isDateTimeOffset(value: string): boolean {
  if (!DATE_TIME_OFFSET_PATTERN.test(value)) return false;
  // The pattern fixes where each part is: yyyy-MM-ddTHH:mm, then :ss[.fff…] or not, then Z or ±HH:mm at the end.
  const number = (from: number, to?: number) => Number(value.slice(from, to));
  const [year, month, day, hour, minute] = [number(0, 4), number(5, 7), number(8, 10), number(11, 13), number(14, 16)];
  const second = value[16] === ':' ? number(17, 19) : 0;
  const zulu = value.endsWith('Z');
  const [offsetHour, offsetMinute] = zulu ? [0, 0] : [number(-5, -3), number(-2)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 14 &&
    offsetMinute <= 59
  );
}

/** Edm.DateTimeOffset; the pattern is also published in the JSON Schema, so an agent sees the format up front. */
export function dateTimeOffset(error: string) {
  return z.string({ error }).refine(isDateTimeOffset, { error }).meta({ pattern: DATE_TIME_OFFSET_PATTERN.source });
}

export const DATE_TIME_OFFSET_ERROR =
  'must be an ISO 8601 date-time with an offset or Z, like 2027-01-31T17:00:00Z or 2027-01-31T09:00:00-08:00.';

export function int32(min: number, max: number = INT32_MAX) {
  const error = `must be a whole number (Int32) from ${min} to ${max}.`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

export function text(max: number, what: string) {
  return z
    .string({ error: `must be a string (${what}) or null to clear it.` })
    .max(max, { error: `must be at most ${max} characters.` });
}

export function boolean() {
  return z.boolean({ error: 'must be true or false.' });
}

/** A closed enum of the metadata: a value outside it is refused before anything is sent. */
export function edmEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of: ${values.join(', ')}.` });
}

export const tenantGuid = z
  .string({ error: 'must be a string: the tenant GUID, or null to clear it.' })
  .regex(GUID_PATTERN, { error: 'must be a GUID (the tenant id), like 8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f.' });

export const mimeContentSchema = z.strictObject(
  {
    type: z
      .string({ error: 'must be a string: the MIME type, such as image/png.' })
      .min(1, { error: 'must name the MIME type, such as image/png.' })
      .max(255, { error: 'must be at most 255 characters.' })
      .describe('MIME type, such as "image/png".'),
    value: z
      .string({ error: 'must be a base64 string.' })
      .max(MAX_LENGTH.qrCodeImageValue, { error: `must be at most ${MAX_LENGTH.qrCodeImageValue} characters.` })
      .regex(BASE64_PATTERN, { error: 'must be standard base64 (A-Z, a-z, 0-9, +, /, with = padding).' })
      .describe('The bytes, base64-encoded (standard alphabet, padded).'),
  },
  { error: 'must be an object { "type": MIME type, "value": base64 } or null.' },
);

/** Output slots: Graph omits or nulls some properties on partially provisioned profiles, so each may be absent. */
export const loose = {
  string: () => z.string().nullable().optional(),
  int32: () => z.int32().nullable().optional(),
  boolean: () => z.boolean().nullable().optional(),
  strings: () => z.array(z.string()).nullable().optional(),
  mimeContent: () =>
    z
      .looseObject({ type: z.string().nullable().optional(), value: z.string().nullable().optional() })
      .nullable()
      .optional(),
};
