/**
 * update-enrollment-profile: PATCH /deviceManagement/androidForWorkEnrollmentProfiles/{id} (Graph beta).
 * https://learn.microsoft.com/graph/api/intune-androidforwork-androidforworkenrollmentprofile-update
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import type { GraphProfile } from '../graph/enrollment-profiles.js';
import { applyPatch, describeChanges, sameInstant } from './profile-changes.js';
import {
  dateTimeOffset,
  enrollmentProfileSchema,
  profileIdSchema,
  WRITABLE_PROPERTIES,
  writableProfileShape,
} from './profile-schema.js';
import { defineTool, type ToolContext } from './tool.js';
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
    expectedLastModifiedDateTime: dateTimeOffset('must be a DateTimeOffset, as read from lastModifiedDateTime.')
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
    let current: GraphProfile | undefined;
    if (input.dryRun || input.expectedLastModifiedDateTime !== undefined) {
      current = await context.profiles.get(input.id, call);
      const refusal = checkGuard(input.expectedLastModifiedDateTime, current);
      if (refusal) return errorResult(refusal, context);
      if (input.dryRun) return dryRunResult(current, patch, context);
    }
    const updated = await context.profiles.update(input.id, patch, call);
    context.outcome.changeApplied = true;
    return structuredResult(presentProfile(updated, context), context, [updatedNote(updated, patch, current, context)]);
  },
});

/** The lost-update guard: a refusal text when Graph's lastModifiedDateTime is not the one the caller read. */
function checkGuard(expected: string | undefined, current: GraphProfile): string | undefined {
  if (expected === undefined) return undefined;
  const actual = lastModified(current);
  if (actual !== undefined && sameInstant(expected, actual)) return undefined;
  return `Refused: the profile changed since it was read. expectedLastModifiedDateTime is ${expected}, but Graph says lastModifiedDateTime is ${actual ?? '(not set)'}. Nothing was sent. Read the profile again (get-enrollment-profile), check the changes, and retry with the new value.`;
}

function dryRunResult(current: GraphProfile, patch: Record<string, unknown>, context: ToolContext): CallToolResult {
  const changes = describeChanges(current, patch, context.revealEnrollmentTokens);
  const stamp = lastModified(current);
  const apply =
    stamp === undefined
      ? 'To apply it: call update-enrollment-profile again with the same properties, without dryRun.'
      : `To apply it: call update-enrollment-profile again with the same properties, without dryRun, and with expectedLastModifiedDateTime: "${stamp}" so that it is refused if the profile changes in between.`;
  return structuredResult(presentProfile(applyPatch(current, patch), context), context, [
    [
      'Dry run: nothing was changed. The update would set:',
      ...changes.map((line) => `- ${line}`),
      '(lastModifiedDateTime would be set by Intune.)',
      apply,
    ].join('\n'),
  ]);
}

/** What was done, with the new lastModifiedDateTime an agent needs to guard its next update. */
function updatedNote(
  updated: GraphProfile,
  patch: Record<string, unknown>,
  before: GraphProfile | undefined,
  context: ToolContext,
): string {
  const done = before
    ? ['Updated:', ...describeChanges(before, patch, context.revealEnrollmentTokens).map((line) => `- ${line}`)].join(
        '\n',
      )
    : `Updated: ${Object.keys(patch).join(', ')}.`;
  const stamp = lastModified(updated);
  return stamp === undefined
    ? done
    : `${done}\nlastModifiedDateTime is now ${stamp}: pass it as expectedLastModifiedDateTime to guard a further update.`;
}

function lastModified(profile: GraphProfile): string | undefined {
  return typeof profile.lastModifiedDateTime === 'string' ? profile.lastModifiedDateTime : undefined;
}
