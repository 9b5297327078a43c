/**
 * androidForWorkEnrollmentProfile: the older "COSU" dedicated-device profile (Intune 1812 era), not deprecated.
 * Everything the generic profile tools need to know about it is declared here.
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androidforworkenrollmentprofile
 */
import type { ProfileKind } from '../profile-tools/profile-kind.js';
import { androidForWorkIdSchema, androidForWorkProfileSchema, androidForWorkWritableShape } from './schema.js';

/** Microsoft's sample calls 90 days the maximum for these tokens. */
const MAX_TOKEN_SECONDS = 7_776_000;

export const androidForWork: ProfileKind = {
  profileType: 'androidForWork',
  toolset: 'android-for-work',
  collectionPath: '/deviceManagement/androidForWorkEnrollmentProfiles',
  noun: 'Android for Work enrollment profile',
  idSchema: androidForWorkIdSchema,
  writableShape: androidForWorkWritableShape,
  readOnlyProperties: new Set(['createdDateTime', 'lastModifiedDateTime']),
  secretPaths: ['tokenValue', 'qrCodeContent', 'qrCodeImage.value'],
  intuneMaintained: new Set([
    'accountId',
    'tokenValue',
    'tokenExpirationDateTime',
    'enrolledDeviceCount',
    'qrCodeContent',
    'qrCodeImage',
  ]),
  profileSchema: androidForWorkProfileSchema,
  selectAll: Object.keys(androidForWorkProfileSchema.shape),
  tools: {
    list: 'list-enrollment-profiles',
    get: 'get-enrollment-profile',
    update: 'update-enrollment-profile',
    preview: 'preview-enrollment-profile-update',
    createToken: 'create-enrollment-token',
    revokeToken: 'revoke-enrollment-token',
  },
  text: {
    list: {
      title: 'List Android for Work enrollment profiles',
      description:
        'Lists Intune Android for Work (older COSU) enrollment profiles, optionally filtered by displayName text; use it to find an id. `truncated` says whether the list may be incomplete. The corporate-owned profiles the Intune admin center shows today (dedicated, fully managed, COPE, AOSP) are listed by list-device-owner-enrollment-profiles.',
    },
    get: {
      title: 'Get Android for Work enrollment profile',
      description:
        'Reads one Android for Work enrollment profile by id. Its lastModifiedDateTime can guard a later update (expectedLastModifiedDateTime).',
    },
    update: {
      title: 'Update Android for Work enrollment profile',
      description:
        'Changes properties of an Android for Work enrollment profile (Graph PATCH) and returns the updated profile, naming any property Graph did not take. Give the id and only the properties to change; null clears a nullable one. Preview first with preview-enrollment-profile-update; pass expectedLastModifiedDateTime to refuse the update if the profile changed since you read it. Tokens are not rotated here: use create-enrollment-token.',
    },
    preview: {
      title: 'Preview Android for Work enrollment profile update',
      description:
        'Shows what update-enrollment-profile would change (each property from → to, secrets not shown) without changing anything. Takes the same arguments.',
    },
    createToken: {
      title: 'Create Android for Work enrollment token',
      description:
        'Creates a new enrollment token for an Android for Work profile (Graph createToken) valid for tokenValidityInSeconds (at most 7,776,000 s = 90 days), and returns the profile with its new expiry. The previous token stops working at once. Not retried after an uncertain failure: the result says whether a token was created.',
    },
    revokeToken: {
      title: 'Revoke Android for Work enrollment token',
      description:
        'Revokes the enrollment token of an Android for Work profile (Graph revokeToken): devices can no longer enroll with it. Returns the profile read back.',
    },
  },
  tokenLimit: () => ({
    maxSeconds: MAX_TOKEN_SECONDS,
    why: 'Android for Work enrollment tokens last at most 90 days (7,776,000 s)',
  }),
};
