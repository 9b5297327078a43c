/**
 * The list tool of a profile kind: GET {collection}, following @odata.nextLink across pages.
 *
 * The tool cannot be resumed from a nextLink (an agent would have to carry Graph's paging state between calls), so
 * a call answers one question honestly: "are these all the matching profiles?". It reads one profile more than
 * `top`, which tells "exactly `top` exist" from "more exist" without trusting where a page happened to end.
 */
import * as z from 'zod';
import { type EntityPage, MAX_LIST_BYTES, MAX_PAGES } from '../../graph/entity-collection.js';
import type { GraphEntity } from '../../graph/odata.js';
import { defineTool, READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../../mcp/tool.js';
import { collectionOf, present, readOptions } from './profile-access.js';
import type { ProfileKind } from './profile-kind.js';

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;

const TOP_ERROR = `must be a whole number from 1 to ${MAX_TOP}.`;

const baseInput = {
  top: z
    .int({ error: TOP_ERROR })
    .min(1, { error: TOP_ERROR })
    .max(MAX_TOP, { error: TOP_ERROR })
    .optional()
    .describe(
      `Most profiles to return (default ${DEFAULT_TOP}, at most ${MAX_TOP}); \`truncated\` says whether the list may be incomplete.`,
    ),
  displayName: z
    .string({ error: 'must be a string.' })
    .min(1, { error: 'must not be empty.' })
    .max(256, { error: 'must be at most 256 characters.' })
    .optional()
    .describe('Only profiles whose displayName contains this text, ignoring case (e.g. "kiosk").'),
};

export function listTool(kind: ProfileKind): ToolDefinition {
  const inputSchema = z.strictObject({ ...baseInput, ...kind.listFilters?.shape });
  const outputSchema = z.looseObject({
    profiles: z.array(kind.profileSchema),
    truncated: z.boolean(),
    nextLink: z.string().optional(),
  });
  return defineTool({
    name: kind.tools.list,
    ...kind.text.list,
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
    mutates: false,
    toolsets: [kind.toolset],
    async run(input, context) {
      const top = input.top ?? DEFAULT_TOP;
      const needle = input.displayName?.toLowerCase();
      const extra = kind.listFilters?.keep(input);
      const keep = (profile: GraphEntity) =>
        (needle === undefined ||
          (typeof profile.displayName === 'string' && profile.displayName.toLowerCase().includes(needle))) &&
        (extra === undefined || extra(profile));
      const page = await collectionOf(kind, context).list({
        top: top + 1, // the one beyond `top` only proves that more exist; it is not returned
        keep,
        ...readOptions(kind, context),
      });
      const moreThanTop = page.entities.length > top;
      // Incomplete either way: more than `top` exist, or reading stopped before the pages ran out.
      const truncated = moreThanTop || (page.stoppedBy !== 'end' && page.stoppedBy !== 'top');
      const profiles = page.entities.slice(0, top).map((profile) => present(kind, profile, context));
      return {
        structured: { profiles, truncated, ...(page.nextLink !== undefined && { nextLink: page.nextLink }) },
        notes: [summarize(page, profiles.length, top, moreThanTop, describeFilter(input))],
      };
    },
  });
}

function describeFilter(input: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  if (typeof input.displayName === 'string')
    parts.push(`whose displayName contains "${input.displayName}" (ignoring case)`);
  if (typeof input.enrollmentMode === 'string') parts.push(`in mode ${input.enrollmentMode}`);
  return parts.length === 0 ? undefined : parts.join(' and ');
}

function summarize(
  page: EntityPage,
  count: number,
  top: number,
  moreThanTop: boolean,
  filter: string | undefined,
): string {
  const matching = filter === undefined ? '' : ` ${filter}`;
  if (moreThanTop) {
    const widen = top < MAX_TOP ? `raise top (now ${top}, at most ${MAX_TOP})` : 'top is already at its maximum';
    return `Showing ${count} profile(s)${matching}; more exist: ${widen} or narrow the filter.`;
  }
  if (page.stoppedBy === 'foreign-origin' && page.nextLink !== undefined) {
    return `${count} profile(s)${matching}, possibly not all: Graph's next page is at ${originOf(page.nextLink)}, outside the configured Graph URL, and was not read (requests carry the access token).`;
  }
  if (page.stoppedBy === 'page-limit') {
    return `${count} profile(s)${matching}, possibly not all: Graph kept sending further pages (${MAX_PAGES} read, or a page link repeated), so reading stopped.`;
  }
  if (page.stoppedBy === 'size-limit') {
    return `${count} profile(s)${matching}, possibly not all: the profiles read reached ${MAX_LIST_BYTES} bytes, the most one result carries, so reading stopped. Narrow the filter or lower top.`;
  }
  if (count === 0 && filter !== undefined)
    return `No profile${matching}. Call without the filter to see every profile.`;
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
