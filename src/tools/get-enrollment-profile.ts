/**
 * get-enrollment-profile: GET /deviceManagement/androidForWorkEnrollmentProfiles/{id} (Graph beta).
 * https://learn.microsoft.com/graph/api/intune-androidforwork-androidforworkenrollmentprofile-get
 */
import * as z from 'zod';
import { enrollmentProfileSchema, profileIdSchema } from './profile-schema.js';
import { defineTool, readOnlyAnnotations } from './tool.js';
import { presentProfile, structuredResult } from './tool-results.js';

const inputSchema = z.strictObject({ id: profileIdSchema });

export const getEnrollmentProfileTool = defineTool({
  name: 'get-enrollment-profile',
  title: 'Get Android for Work enrollment profile',
  description:
    'Reads one Intune Android for Work enrollment profile by id. Its lastModifiedDateTime can guard a later update (expectedLastModifiedDateTime). Enrollment-token values are redacted unless the operator allows them.',
  inputSchema,
  outputSchema: enrollmentProfileSchema,
  annotations: readOnlyAnnotations('Get Android for Work enrollment profile'),
  mutates: false,
  async run(input, context) {
    const profile = await context.profiles.get(input.id, { signal: context.signal, onRetry: context.onRetry });
    return structuredResult(presentProfile(profile, context), context);
  },
});
