/**
 * Zod schemas that mirror Graph's `androidForWorkEnrollmentProfile` resource (beta), its property names and types:
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androidforworkenrollmentprofile
 *
 * Input schemas are strict (they refuse what Graph would not accept, before a request is sent); the output schema is
 * tolerant (it must accept properties Graph adds later, because the MCP client rejects a result that does not match).
 */
import * as z from 'zod';

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** OData Edm.DateTimeOffset: seconds and fractions optional, the offset (or Z) required. */
const DATE_TIME_OFFSET_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,12})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const INT32_MAX = 2_147_483_647;

/** Generous bounds: no real profile comes near them, and they stop a runaway agent from sending megabytes. */
export const MAX_LENGTH = {
  text: 4_096,
  qrCodeContent: 65_536,
  /** base64 of a QR code image (a few KiB in practice); 1 MiB keeps any result far below the MCP message limit. */
  qrCodeImageValue: 1024 * 1024,
} as const;

/** Server-managed properties: Graph sets them, a PATCH may not. */
export const READ_ONLY_PROPERTIES: ReadonlySet<string> = new Set(['createdDateTime', 'lastModifiedDateTime']);

/** Properties an update may set; the order is the order of the Graph docs. */
export const WRITABLE_PROPERTIES = [
  'accountId',
  'displayName',
  'description',
  'tokenValue',
  'tokenExpirationDateTime',
  'enrolledDeviceCount',
  'qrCodeContent',
  'qrCodeImage',
] as const;
export type WritableProperty = (typeof WRITABLE_PROPERTIES)[number];

/** Enrollment-token material: anyone holding it can enroll a device into the tenant. */
export const SECRET_PROPERTIES = ['tokenValue', 'qrCodeContent', 'qrCodeImage'] as const;

/** True when the text is an Edm.DateTimeOffset naming a real instant (no 30 February, no hour 24). */
export function isDateTimeOffset(value: string): boolean {
  const match = DATE_TIME_OFFSET_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second = 0, offsetHour = 0, offsetMinute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  return (
    month !== undefined &&
    month >= 1 &&
    month <= 12 &&
    day !== undefined &&
    day >= 1 &&
    day <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    second <= 59 &&
    offsetHour <= 14 &&
    offsetMinute <= 59
  );
}

export const profileIdSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'id is required: the GUID of the enrollment profile. Find it with list-enrollment-profiles.'
        : 'id must be a string: the GUID of the enrollment profile.',
  })
  .regex(GUID_PATTERN, {
    error: 'id must be the GUID of an enrollment profile, like 8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f.',
  })
  .describe(
    'The enrollment profile\'s id: a GUID such as "8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f". Find it with list-enrollment-profiles.',
  );

/** Edm.DateTimeOffset; the pattern is also published in the JSON Schema, so an agent sees the format up front. */
export function dateTimeOffset(error: string) {
  return z.string({ error }).refine(isDateTimeOffset, { error }).meta({ pattern: DATE_TIME_OFFSET_PATTERN.source });
}

const dateTimeOffsetSchema = dateTimeOffset(
  'must be an ISO 8601 date-time with an offset or Z, like 2027-01-31T17:00:00Z or 2027-01-31T09:00:00-08:00.',
);

function text(max: number, what: string) {
  return z
    .string({ error: `must be a string (${what}) or null to clear it.` })
    .max(max, { error: `must be at most ${max} characters.` });
}

export const mimeContentSchema = z
  .strictObject(
    {
      type: z
        .string({ error: 'must be a string: the MIME type, such as image/png.' })
        .min(1, { error: 'must name the MIME type, such as image/png.' })
        .max(255, { error: 'must be at most 255 characters.' })
        .describe('MIME type of the image, such as "image/png".'),
      value: z
        .string({ error: 'must be a base64 string.' })
        .max(MAX_LENGTH.qrCodeImageValue, { error: `must be at most ${MAX_LENGTH.qrCodeImageValue} characters.` })
        .regex(BASE64_PATTERN, { error: 'must be standard base64 (A-Z, a-z, 0-9, +, /, with = padding).' })
        .describe('The image bytes, base64-encoded (standard alphabet, padded).'),
    },
    { error: 'qrCodeImage must be an object { "type": MIME type, "value": base64 } or null.' },
  )
  .describe('mimeContent: { "type": MIME type, "value": base64 bytes }.');

/**
 * The writable properties of the resource with Graph's names and types. Graph metadata marks accountId,
 * displayName, description, tokenValue, qrCodeContent and qrCodeImage nullable: null clears them.
 * tokenExpirationDateTime and enrolledDeviceCount are not nullable.
 */
export const writableProfileShape = {
  accountId: z
    .string({ error: 'must be a string: the tenant GUID, or null to clear it.' })
    .regex(GUID_PATTERN, { error: 'must be a GUID (the tenant id), like 8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f.' })
    .nullable()
    .optional()
    .describe('Tenant GUID the enrollment profile belongs to. null clears it.'),
  displayName: text(MAX_LENGTH.text, 'the profile name')
    .nullable()
    .optional()
    .describe('Display name for the enrollment profile, as admins see it in Intune. null clears it.'),
  description: text(MAX_LENGTH.text, 'free text')
    .nullable()
    .optional()
    .describe('Description for the enrollment profile. null clears it.'),
  tokenValue: text(MAX_LENGTH.text, 'the enrollment token')
    .nullable()
    .optional()
    .describe(
      'Value of the most recently created enrollment token. Secret: anyone holding it can enroll a device. null clears it.',
    ),
  tokenExpirationDateTime: dateTimeOffsetSchema
    .optional()
    .describe(
      'When the most recently created token expires: ISO 8601 DateTimeOffset with an offset or Z, e.g. "2027-01-31T17:00:00Z". Not nullable.',
    ),
  enrolledDeviceCount: z
    .int({ error: 'must be a whole number (Int32) from 0 to 2147483647.' })
    .min(0, { error: 'must be a whole number (Int32) from 0 to 2147483647.' })
    .max(INT32_MAX, { error: 'must be a whole number (Int32) from 0 to 2147483647.' })
    .optional()
    .describe('Total number of Android devices enrolled with this profile: Int32, 0 to 2147483647. Not nullable.'),
  qrCodeContent: text(MAX_LENGTH.qrCodeContent, 'the QR code payload')
    .nullable()
    .optional()
    .describe('String used to generate the QR code for the token. Secret, like the token. null clears it.'),
  qrCodeImage: mimeContentSchema
    .nullable()
    .optional()
    .describe(
      'QR code image for the token as mimeContent { "type": "image/png", "value": "<base64>" }. Secret, like the token. null clears it.',
    ),
} satisfies Record<WritableProperty, z.ZodType>;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/**
 * The profile as Graph returns it. Tolerant by design: unknown properties pass, every property may be absent or null
 * (Graph omits or nulls some on partially provisioned profiles), and no format is enforced (secrets may be redacted).
 */
export const enrollmentProfileSchema = z.looseObject({
  id: z.string().describe('Unique GUID of the enrollment profile.'),
  accountId: nullable(z.string()).describe('Tenant GUID the enrollment profile belongs to.'),
  displayName: nullable(z.string()).describe('Display name for the enrollment profile.'),
  description: nullable(z.string()).describe('Description for the enrollment profile.'),
  createdDateTime: nullable(z.string()).describe('When the profile was created (read-only).'),
  lastModifiedDateTime: nullable(z.string()).describe(
    'When the profile was last modified (read-only). Pass it as expectedLastModifiedDateTime to guard an update.',
  ),
  tokenValue: nullable(z.string()).describe('Most recent enrollment token (redacted unless the operator reveals it).'),
  tokenExpirationDateTime: nullable(z.string()).describe('When the most recent token expires.'),
  enrolledDeviceCount: nullable(z.number()).describe('Devices enrolled with this profile.'),
  qrCodeContent: nullable(z.string()).describe('QR code payload for the token (redacted unless revealed).'),
  qrCodeImage: nullable(z.looseObject({ type: nullable(z.string()), value: nullable(z.string()) })).describe(
    'QR code image as mimeContent (value redacted unless revealed).',
  ),
});
