/**
 * Zod schemas that mirror Graph's `androidDeviceOwnerEnrollmentProfile` (beta): 23 properties with their names, types,
 * nullability and enums (../shared/reference/graph-android-enrollment.md, from the beta CSDL).
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androiddeviceownerenrollmentprofile
 */
import * as z from 'zod';
import {
  boolean,
  DATE_TIME_OFFSET_ERROR,
  dateTimeOffset,
  edmEnum,
  GUID_PATTERN,
  int32,
  loose,
  MAX_LENGTH,
  mimeContentSchema,
  tenantGuid,
  text,
} from '../edm.js';

export const ENROLLMENT_MODES = [
  'corporateOwnedDedicatedDevice',
  'corporateOwnedFullyManaged',
  'corporateOwnedWorkProfile',
  'corporateOwnedAOSPUserlessDevice',
  'corporateOwnedAOSPUserAssociatedDevice',
] as const;
export const AOSP_MODES: ReadonlySet<string> = new Set([
  'corporateOwnedAOSPUserlessDevice',
  'corporateOwnedAOSPUserAssociatedDevice',
]);
export const ENROLLMENT_TOKEN_TYPES = [
  'default',
  'corporateOwnedDedicatedDeviceWithAzureADSharedMode',
  'deviceStaging',
] as const;
export const WIFI_SECURITY_TYPES = ['none', 'wpa', 'wep'] as const;
export const MAX_DEVICE_NAME_TEMPLATE = 63;

/** A GUID, or `AOSP-<GUID>`: the prefix Microsoft's AOSP sample uses when it calls createToken. */
const DEVICE_OWNER_ID = new RegExp(`^(?:AOSP-)?${GUID_PATTERN.source.slice(1, -1)}$`);

export const deviceOwnerIdSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'id is required: the GUID of the device-owner enrollment profile. Find it with list-device-owner-enrollment-profiles.'
        : 'id must be a string: the GUID of the device-owner enrollment profile.',
  })
  .regex(DEVICE_OWNER_ID, {
    error: 'id must be a profile GUID (like 8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f) or AOSP-<GUID>.',
  })
  .describe('Profile GUID (or AOSP-<GUID>, sent as given), from list-device-owner-enrollment-profiles.');

const INTUNE_SETS = 'Set by Intune';
const NEW_TOKEN = 'rotate with create-device-owner-enrollment-token, never by writing it';

export const deviceOwnerWritableShape = {
  accountId: tenantGuid.nullable().optional().describe(`Tenant GUID. ${INTUNE_SETS}.`),
  displayName: text(MAX_LENGTH.text, 'the profile name').nullable().optional().describe('Name admins see in Intune.'),
  description: text(MAX_LENGTH.text, 'free text').nullable().optional().describe('Description of the profile.'),
  enrollmentMode: edmEnum(ENROLLMENT_MODES)
    .optional()
    .describe('Dedicated, fully managed, COPE (work profile) or AOSP.'),
  enrollmentTokenType: edmEnum(ENROLLMENT_TOKEN_TYPES)
    .optional()
    .describe('The AzureADSharedMode type is for dedicated only; deviceStaging for fully managed and COPE only.'),
  enrollmentTokenUsageCount: int32(0, 20_000)
    .optional()
    .describe('AOSP devices enrolled with the current token; counted by Intune.'),
  enrolledDeviceCount: int32(0).optional().describe('Devices enrolled with the profile; counted by Intune.'),
  tokenValue: text(MAX_LENGTH.text, 'the enrollment token')
    .nullable()
    .optional()
    .describe(`The current enrollment token (secret). ${INTUNE_SETS}: ${NEW_TOKEN}.`),
  tokenCreationDateTime: dateTimeOffset(DATE_TIME_OFFSET_ERROR)
    .optional()
    .describe(`When the current token was created. ${INTUNE_SETS}.`),
  tokenExpirationDateTime: dateTimeOffset(DATE_TIME_OFFSET_ERROR)
    .optional()
    .describe(`When the current token expires. ${INTUNE_SETS}.`),
  qrCodeContent: text(MAX_LENGTH.qrCodeContent, 'the QR code payload')
    .nullable()
    .optional()
    .describe(`What the QR code encodes: the token, and for AOSP the Wi-Fi key (secret). ${INTUNE_SETS}.`),
  qrCodeImage: mimeContentSchema
    .nullable()
    .optional()
    .describe(`QR code picture, mimeContent { type, value: base64 } (secret). ${INTUNE_SETS}.`),
  configureWifi: boolean().optional().describe('false: the Wi-Fi properties are ignored.'),
  wifiSsid: text(MAX_LENGTH.text, 'the network name').nullable().optional().describe('Wi-Fi network (SSID).'),
  wifiPassword: text(MAX_LENGTH.text, 'the Wi-Fi key').nullable().optional().describe('Wi-Fi key (secret).'),
  wifiSecurityType: edmEnum(WIFI_SECURITY_TYPES).optional().describe('Wi-Fi security: none, wpa or wep.'),
  wifiHidden: boolean().optional().describe('true when the network does not broadcast its SSID.'),
  deviceNameTemplate: z
    .string({ error: 'must be a string or null to clear it.' })
    .max(MAX_DEVICE_NAME_TEMPLATE, { error: `must be at most ${MAX_DEVICE_NAME_TEMPLATE} characters.` })
    .nullable()
    .optional()
    .describe(
      `Device name (≤ ${MAX_DEVICE_NAME_TEMPLATE} chars) with {{SERIAL}}, {{SERIALLAST4DIGITS}}, {{ENROLLMENTDATETIME}}, {{USERNAME}}, {{DEVICETYPE}}, {{UPNPREFIX}}, {{rand:x}}.`,
    ),
  isTeamsDeviceProfile: boolean().optional().describe('An AOSP profile for Teams devices.'),
  roleScopeTagIds: z
    .array(z.string({ error: 'must be a string: a scope tag id such as "0".' }).max(256), {
      error: 'must be an array of scope tag ids (strings), or null.',
    })
    .max(500, { error: 'must hold at most 500 scope tags.' })
    .nullable()
    .optional()
    .describe('Scope tag ids, e.g. ["0"]; the whole list is replaced.'),
} satisfies Record<string, z.ZodType>;

/** As Graph returns it: tolerant of properties and enum values Graph adds later (enums are plain strings here). */
export const deviceOwnerProfileSchema = z.looseObject({
  id: z.string(),
  accountId: loose.string(),
  displayName: loose.string(),
  description: loose.string(),
  createdDateTime: loose.string(),
  lastModifiedDateTime: loose.string(),
  enrollmentMode: loose.string(),
  enrollmentTokenType: loose.string(),
  enrollmentTokenUsageCount: loose.int32(),
  enrolledDeviceCount: loose.int32(),
  tokenValue: loose.string(),
  tokenCreationDateTime: loose.string(),
  tokenExpirationDateTime: loose.string(),
  qrCodeContent: loose.string(),
  qrCodeImage: loose.mimeContent(),
  configureWifi: loose.boolean(),
  wifiSsid: loose.string(),
  wifiPassword: loose.string(),
  wifiSecurityType: loose.string(),
  wifiHidden: loose.boolean(),
  deviceNameTemplate: loose.string(),
  isTeamsDeviceProfile: loose.boolean(),
  roleScopeTagIds: loose.strings(),
});
