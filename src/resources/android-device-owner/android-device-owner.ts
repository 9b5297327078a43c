/**
 * androidDeviceOwnerEnrollmentProfile: what the Intune admin center shows today for corporate-owned Android
 * (dedicated, fully managed, COPE, AOSP). Everything the generic profile tools need to know about it is declared here.
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androiddeviceownerenrollmentprofile
 */
import type { GraphEntity } from '../../graph/odata.js';
import { edmEnum } from '../edm.js';
import type { ProfileKind } from '../profile-tools/profile-kind.js';
import {
  AOSP_MODES,
  deviceOwnerIdSchema,
  deviceOwnerProfileSchema,
  deviceOwnerWritableShape,
  ENROLLMENT_MODES,
} from './schema.js';

/** Intune documentation: AOSP tokens must be replaced at least every 90 days; other device-owner tokens up to 65 years. */
const AOSP_MAX_TOKEN_SECONDS = 7_776_000;
const MAX_TOKEN_SECONDS = 2_049_840_000;
/** Token types only some modes allow (the Graph reference); `default` goes with every mode. */
const TOKEN_TYPE_MODES: ReadonlyMap<string, readonly string[]> = new Map([
  ['corporateOwnedDedicatedDeviceWithAzureADSharedMode', ['corporateOwnedDedicatedDevice']],
  ['deviceStaging', ['corporateOwnedFullyManaged', 'corporateOwnedWorkProfile']],
]);

export const androidDeviceOwner: ProfileKind = {
  profileType: 'androidDeviceOwner',
  toolset: 'device-owner',
  collectionPath: '/deviceManagement/androidDeviceOwnerEnrollmentProfiles',
  noun: 'Android device-owner enrollment profile',
  idSchema: deviceOwnerIdSchema,
  writableShape: deviceOwnerWritableShape,
  readOnlyProperties: new Set(['createdDateTime', 'lastModifiedDateTime']),
  secretPaths: ['tokenValue', 'qrCodeContent', 'qrCodeImage.value', 'wifiPassword'],
  intuneMaintained: new Set([
    'accountId',
    'enrollmentTokenUsageCount',
    'enrolledDeviceCount',
    'tokenValue',
    'tokenCreationDateTime',
    'tokenExpirationDateTime',
    'qrCodeContent',
    'qrCodeImage',
  ]),
  profileSchema: deviceOwnerProfileSchema,
  selectAll: Object.keys(deviceOwnerProfileSchema.shape),
  tools: {
    list: 'list-device-owner-enrollment-profiles',
    get: 'get-device-owner-enrollment-profile',
    update: 'update-device-owner-enrollment-profile',
    preview: 'preview-device-owner-enrollment-profile-update',
    createToken: 'create-device-owner-enrollment-token',
    revokeToken: 'revoke-device-owner-enrollment-token',
  },
  text: {
    list: {
      title: 'List device-owner enrollment profiles',
      description:
        'Lists Intune Android device-owner enrollment profiles, the corporate-owned ones the Intune admin center shows today (dedicated, fully managed, COPE, AOSP), optionally filtered by displayName text and enrollmentMode; use it to find an id. `truncated` says whether the list may be incomplete. Older Android for Work (COSU) profiles are listed by list-enrollment-profiles.',
    },
    get: {
      title: 'Get device-owner enrollment profile',
      description:
        'Reads one Android device-owner enrollment profile by id. Its lastModifiedDateTime can guard a later update (expectedLastModifiedDateTime).',
    },
    update: {
      title: 'Update device-owner enrollment profile',
      description:
        'Changes properties of an Android device-owner enrollment profile (Graph PATCH) and returns the updated profile, naming any property Graph did not take. Give the id and only the properties to change; null clears a nullable one; enums must be one of their values. Preview first with preview-device-owner-enrollment-profile-update; pass expectedLastModifiedDateTime to refuse the update if the profile changed since you read it. Tokens are not rotated here: use create-device-owner-enrollment-token.',
    },
    preview: {
      title: 'Preview device-owner enrollment profile update',
      description:
        'Shows what update-device-owner-enrollment-profile would change (each property from → to, secrets not shown) without changing anything. Takes the same arguments.',
    },
    createToken: {
      title: 'Create device-owner enrollment token',
      description:
        'Creates a new enrollment token for a device-owner profile (Graph createToken) valid for tokenValidityInSeconds (AOSP at most 7,776,000 s = 90 days; others at most 2,049,840,000 s = 65 years), and returns the profile with its new expiry. The previous token stops working at once. Not retried after an uncertain failure: the result says whether a token was created.',
    },
    revokeToken: {
      title: 'Revoke device-owner enrollment token',
      description:
        'Revokes the enrollment token of a device-owner profile (Graph revokeToken): devices can no longer enroll with it. Returns the profile read back.',
    },
  },
  tokenLimit(profile: GraphEntity | undefined) {
    const mode = typeof profile?.enrollmentMode === 'string' ? profile.enrollmentMode : undefined;
    if (mode !== undefined && AOSP_MODES.has(mode)) {
      return { maxSeconds: AOSP_MAX_TOKEN_SECONDS, why: `AOSP tokens (${mode}) last at most 90 days (7,776,000 s)` };
    }
    return { maxSeconds: MAX_TOKEN_SECONDS, why: 'device-owner tokens last at most 65 years (2,049,840,000 s)' };
  },
  patchRules: {
    // A token type and a mode go together: changing either one is checked against the other, as it would be after.
    needsProfile: (patch) => patch.enrollmentTokenType !== undefined || patch.enrollmentMode !== undefined,
    refuse(patch, current) {
      const type = patch.enrollmentTokenType ?? current.enrollmentTokenType;
      const mode = patch.enrollmentMode ?? current.enrollmentMode;
      const modes = TOKEN_TYPE_MODES.get(String(type));
      if (!modes || typeof mode !== 'string' || modes.includes(mode)) return undefined;
      return `enrollmentTokenType ${String(type)} is for ${modes.join(' and ')} profiles only, and the profile's enrollmentMode would be ${mode}.`;
    },
  },
  listFilters: {
    shape: {
      enrollmentMode: edmEnum(ENROLLMENT_MODES)
        .optional()
        .describe('Only profiles of this mode, e.g. corporateOwnedDedicatedDevice.'),
    },
    keep(input) {
      const mode = input.enrollmentMode;
      return typeof mode === 'string' ? (profile) => profile.enrollmentMode === mode : undefined;
    },
  },
  describeProfile(profile) {
    return typeof profile.enrollmentMode === 'string' ? profile.enrollmentMode : undefined;
  },
};
