/**
 * list-enrollment-profiles: GET /deviceManagement/androidForWorkEnrollmentProfiles (Graph beta), following
 * @odata.nextLink across pages.
 * https://learn.microsoft.com/graph/api/intune-androidforwork-androidforworkenrollmentprofile-list
 */
import * as z from 'zod';
import { enrollmentProfileSchema } from './profile-schema.js';
import { defineTool } from './tool.js';
import { presentProfile, structuredResult } from './tool-results.js';

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;

const inputSchema = z.strictObject({
  top: z
    .int({ error: `must be a whole number from 1 to ${MAX_TOP}.` })
    .min(1, { error: `must be a whole number from 1 to ${MAX_TOP}.` })
    .max(MAX_TOP, { error: `must be a whole number from 1 to ${MAX_TOP}.` })
    .optional()
    .describe(`Most profiles to return (default ${DEFAULT_TOP}, at most ${MAX_TOP}). Pages are followed until this many are found.`),
  displayName: z
    .string({ error: 'must be a string.' })
    .min(1, { error: 'must not be empty.' })
    .max(256, { error: 'must be at most 256 characters.' })
    .optional()
    .describe('Only profiles whose displayName contains this text, ignoring case (filtered by this server).'),
});

const outputSchema = z.looseObject({
  profiles: z.array(enrollmentProfileSchema).describe('The profiles found, at most `top`.'),
  nextLink: z
    .string()
    .optional()
    .describe('Present when Graph has more pages than were read: raise `top` to see more.'),
});

export const listEnrollmentProfilesTool = defineTool({
  name: 'list-enrollment-profiles',
  title: 'List Android for Work enrollment profiles',
  description:
    'Lists Intune Android for Work enrollment profiles (id, displayName, description, token expiry, device count, …), optionally only those whose displayName contains some text. Use it to find the id to get or update. Enrollment-token values are redacted unless the operator allows them.',
  inputSchema,
  outputSchema,
  annotations: {
    title: 'List Android for Work enrollment profiles',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  mutates: false,
  async run(input, context) {
    const top = input.top ?? DEFAULT_TOP;
    const page = await context.profiles.list({
      top,
      displayNameContains: input.displayName,
      signal: context.signal,
      onRetry: context.onRetry,
    });
    const profiles = page.profiles.map((profile) => presentProfile(profile, context));
    const structured = { profiles, ...(page.nextLink !== undefined && { nextLink: page.nextLink }) };
    const summary = `${profiles.length} profile(s)${input.displayName ? ` whose displayName contains "${input.displayName}"` : ''}${page.nextLink ? `; Graph has more pages (raise top, now ${top}, to read them)` : ''}.`;
    return structuredResult(structured, context, [summary]);
  },
});
