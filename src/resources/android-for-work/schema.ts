/**
 * Zod schemas that mirror Graph's `androidForWorkEnrollmentProfile` (beta): its property names, types and nullability
 * (../shared/reference/graph-android-enrollment.md; the CSDL marks accountId, displayName, description, tokenValue,
 * qrCodeContent and qrCodeImage nullable).
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androidforworkenrollmentprofile
 */
import * as z from 'zod';
import {
  DATE_TIME_OFFSET_ERROR,
  dateTimeOffset,
  GUID_PATTERN,
  int32,
  loose,
  MAX_LENGTH,
  mimeContentSchema,
  tenantGuid,
  text,
} from '../edm.js';

export const androidForWorkIdSchema = z
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
    'The profile\'s id, a GUID such as "8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f". Find it with list-enrollment-profiles.',
  );

const INTUNE_SETS = 'Set by Intune';
const NEW_TOKEN = 'rotate with create-enrollment-token, never by writing it';

/** The properties a PATCH may carry, in the order of the Graph docs. */
export const androidForWorkWritableShape = {
  accountId: tenantGuid.nullable().optional().describe(`Tenant GUID. ${INTUNE_SETS}.`),
  displayName: text(MAX_LENGTH.text, 'the profile name').nullable().optional().describe('Name admins see in Intune.'),
  description: text(MAX_LENGTH.text, 'free text').nullable().optional().describe('Description of the profile.'),
  tokenValue: text(MAX_LENGTH.text, 'the enrollment token')
    .nullable()
    .optional()
    .describe(`The current enrollment token (secret). ${INTUNE_SETS}: ${NEW_TOKEN}.`),
  tokenExpirationDateTime: dateTimeOffset(DATE_TIME_OFFSET_ERROR)
    .optional()
    .describe(`When the token expires (DateTimeOffset, not nullable). ${INTUNE_SETS} when a token is created.`),
  enrolledDeviceCount: int32(0).optional().describe(`Devices enrolled with the profile (Int32); counted by Intune.`),
  qrCodeContent: text(MAX_LENGTH.qrCodeContent, 'the QR code payload')
    .nullable()
    .optional()
    .describe(`What the QR code encodes, the token included (secret). ${INTUNE_SETS}.`),
  qrCodeImage: mimeContentSchema
    .nullable()
    .optional()
    .describe(`QR code picture, mimeContent { type, value: base64 } (secret). ${INTUNE_SETS}.`),
} satisfies Record<string, z.ZodType>;

/**
 * The profile as Graph returns it. Tolerant by design: unknown properties pass, every property may be absent or null
 * (Graph omits or nulls some on partially provisioned profiles), and no format is enforced (secrets may be redacted).
 * Types only: the input schemas carry the descriptions, and tools/list should not pay for them twice.
 */
export const androidForWorkProfileSchema = z.looseObject({
  id: z.string(),
  accountId: loose.string(),
  displayName: loose.string(),
  description: loose.string(),
  createdDateTime: loose.string(),
  lastModifiedDateTime: loose.string(),
  tokenValue: loose.string(),
  tokenExpirationDateTime: loose.string(),
  enrolledDeviceCount: loose.int32(),
  qrCodeContent: loose.string(),
  qrCodeImage: loose.mimeContent(),
});
