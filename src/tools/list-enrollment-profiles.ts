/**
 * list-enrollment-profiles: GET /deviceManagement/androidForWorkEnrollmentProfiles (Graph beta), following
 * @odata.nextLink across pages.
 * https://learn.microsoft.com/graph/api/intune-androidforwork-androidforworkenrollmentprofile-list
 *
 * The tool cannot be resumed from a nextLink (an agent would have to carry Graph's paging state between calls), so
 * a call answers one question honestly: "are these all the matching profiles?". It reads one profile more than
 * `top`, which tells "exactly `top` exist" from "more exist" without trusting where a page happened to end.
 */
import * as z from 'zod';
import { MAX_PAGES, type ProfilePage } from '../graph/enrollment-profiles.js';
import { enrollmentProfileSchema } from './profile-schema.js';
import { defineTool, readOnlyAnnotations } from './tool.js';
import { presentProfile, structuredResult } from './tool-results.js';

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;

const TOP_ERROR = `must be a whole number from 1 to ${MAX_TOP}.`;

const inputSchema = z.strictObject({
  top: z
    .int({ error: TOP_ERROR })
    .min(1, { error: TOP_ERROR })
    .max(MAX_TOP, { error: TOP_ERROR })
    .optional()
    .describe(
      `Most profiles to return (default ${DEFAULT_TOP}, at most ${MAX_TOP}). Graph's pages are followed until this many are found; \`truncated\` in the result says whether more exist.`,
    ),
  displayName: z
    .string({ error: 'must be a string.' })
    .min(1, { error: 'must not be empty.' })
    .max(256, { error: 'must be at most 256 characters.' })
    .optional()
    .describe(
      'Only profiles whose displayName contains this text, ignoring case (e.g. "kiosk"). Filtered by this server, after reading the pages.',
    ),
});

const outputSchema = z.looseObject({
  profiles: z.array(enrollmentProfileSchema).describe("The profiles found, in Graph's order, at most `top`."),
  truncated: z
    .boolean()
    .describe(
      'true when more profiles (matching displayName) exist than were returned: raise `top` or narrow `displayName`.',
    ),
  nextLink: z
    .string()
    .optional()
    .describe(
      "Graph's @odata.nextLink for pages this call did not read, as Graph gave it. Informational: this tool does not take it back; raise `top` instead.",
    ),
});

export const listEnrollmentProfilesTool = defineTool({
  name: 'list-enrollment-profiles',
  title: 'List Android for Work enrollment profiles',
  description:
    'Lists Intune Android for Work enrollment profiles (id, displayName, description, lastModifiedDateTime, token expiry, device count, …), optionally only those whose displayName contains some text. Use it first, to find the id to get or update. The result says whether it is complete (truncated). Enrollment-token values are redacted unless the operator allows them.',
  inputSchema,
  outputSchema,
  annotations: readOnlyAnnotations('List Android for Work enrollment profiles'),
  mutates: false,
  async run(input, context) {
    const top = input.top ?? DEFAULT_TOP;
    const page = await context.profiles.list({
      top: top + 1, // the one beyond `top` only proves that more exist; it is not returned
      displayNameContains: input.displayName,
      signal: context.signal,
      onRetry: context.onRetry,
    });
    const truncated = page.profiles.length > top;
    const profiles = page.profiles.slice(0, top).map((profile) => presentProfile(profile, context));
    const structured = { profiles, truncated, ...(page.nextLink !== undefined && { nextLink: page.nextLink }) };
    return structuredResult(structured, context, [summarize(page, profiles.length, top, truncated, input.displayName)]);
  },
});

function summarize(
  page: ProfilePage,
  count: number,
  top: number,
  truncated: boolean,
  filter: string | undefined,
): string {
  const matching = filter === undefined ? '' : ` whose displayName contains "${filter}" (ignoring case)`;
  if (truncated) {
    const widen = top < MAX_TOP ? `raise top (now ${top}, at most ${MAX_TOP})` : 'top is already at its maximum';
    return `Showing ${count} profile(s)${matching}; more exist: ${widen}${filter === undefined ? ' or filter by displayName' : ' or narrow displayName'}.`;
  }
  if (page.stoppedBy === 'foreign-origin' && page.nextLink !== undefined) {
    return `${count} profile(s)${matching}, possibly not all: Graph's next page is at ${originOf(page.nextLink)}, outside the configured Graph URL, and was not read (requests carry the access token).`;
  }
  if (page.stoppedBy === 'page-limit') {
    return `${count} profile(s)${matching}, possibly not all: Graph kept sending further pages (${MAX_PAGES} read, or a page link repeated), so reading stopped.`;
  }
  if (count === 0 && filter !== undefined) {
    return `No profile's displayName contains "${filter}" (ignoring case). Call without displayName to see every profile.`;
  }
  return `${count} profile(s)${matching}: all there are.`;
}

function originOf(url: string): string {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? 'an address that is not an http(s) URL' : origin;
  } catch {
    return 'an address that is not a valid URL';
  }
}
