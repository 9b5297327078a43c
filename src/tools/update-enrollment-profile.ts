/**
 * update-enrollment-profile: PATCH /deviceManagement/androidForWorkEnrollmentProfiles/{id} (Graph beta).
 * https://learn.microsoft.com/graph/api/intune-androidforwork-androidforworkenrollmentprofile-update
 */
import * as z from 'zod';
import {
  enrollmentProfileSchema,
  isDateTimeOffset,
  profileIdSchema,
  WRITABLE_PROPERTIES,
  writableProfileShape,
} from './profile-schema.js';
import { applyPatch, describeChanges, sameInstant } from './profile-changes.js';
import { defineTool } from './tool.js';
import { errorResult, presentProfile, structuredResult } from './tool-results.js';

const inputSchema = z
  .strictObject({
    id: profileIdSchema,
    ...writableProfileShape,
    dryRun: z
      .boolean({ error: 'must be true or false.' })
      .optional()
      .describe(
        'true: read the profile and show what would change (from → to) without changing anything. Recommended before a real update.',
      ),
    expectedLastModifiedDateTime: z
      .string({ error: 'must be the lastModifiedDateTime string read from the profile.' })
      .refine(isDateTimeOffset, { error: 'must be a DateTimeOffset, as read from lastModifiedDateTime.' })
      .optional()
      .describe(
        "Lost-update guard: the profile's lastModifiedDateTime as you last read it. If the profile changed since, the update is refused and nothing is sent.",
      ),
  })
  .refine((input) => WRITABLE_PROPERTIES.some((key) => input[key] !== undefined), {
    error: `The call changes nothing: give at least one property to set (${WRITABLE_PROPERTIES.join(', ')}).`,
  });

type UpdateInput = z.output<typeof inputSchema>;

function toPatch(input: UpdateInput): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of WRITABLE_PROPERTIES) {
    if (input[key] !== undefined) patch[key] = input[key];
  }
  return patch;
}

export const updateEnrollmentProfileTool = defineTool({
  name: 'update-enrollment-profile',
  title: 'Update Android for Work enrollment profile',
  description: [
    'Changes properties of an Intune Android for Work enrollment profile (Graph beta PATCH) and returns the updated profile.',
    'Give the profile id and only the properties to change; others stay as they are. null clears a nullable property.',
    'createdDateTime and lastModifiedDateTime are read-only. Use dryRun: true to preview, and expectedLastModifiedDateTime to refuse the update if someone changed the profile since you read it.',
    'Enrollment-token values (tokenValue, qrCodeContent, qrCodeImage.value) are redacted in results unless the operator allows them.',
  ].join(' '),
  inputSchema,
  outputSchema: enrollmentProfileSchema,
  annotations: {
    title: 'Update Android for Work enrollment profile',
    readOnlyHint: false,
    destructiveHint: true, // it overwrites values
    idempotentHint: true, // the same PATCH twice leaves the same state
    openWorldHint: true,
  },
  mutates: true,
  async run(input, context) {
    const patch = toPatch(input);
    const call = { signal: context.signal, onRetry: context.onRetry };
    if (input.dryRun || input.expectedLastModifiedDateTime !== undefined) {
      const current = await context.profiles.get(input.id, call);
      const expected = input.expectedLastModifiedDateTime;
      const actual = typeof current.lastModifiedDateTime === 'string' ? current.lastModifiedDateTime : undefined;
      if (expected !== undefined && (actual === undefined || !sameInstant(expected, actual))) {
        return errorResult(
          `Refused: the profile changed since it was read. expectedLastModifiedDateTime is ${expected}, but Graph says lastModifiedDateTime is ${actual ?? '(not set)'}. Nothing was sent. Read the profile again (get-enrollment-profile), check the changes, and retry with the new value.`,
          context,
        );
      }
      if (input.dryRun) {
        const changes = describeChanges(current, patch, context.revealEnrollmentTokens);
        const preview = presentProfile(applyPatch(current, patch), context);
        return structuredResult(preview, context, [
          `Dry run: nothing was changed. The update would set:\n${changes.map((line) => `- ${line}`).join('\n')}\n(lastModifiedDateTime would be set by Intune.)`,
        ]);
      }
    }
    const updated = await context.profiles.update(input.id, patch, call);
    return structuredResult(presentProfile(updated, context), context);
  },
});
