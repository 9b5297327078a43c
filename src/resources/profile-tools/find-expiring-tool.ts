/**
 * find-expiring-enrollment-tokens: across every enabled profile kind, the profiles whose token expires within
 * `withinDays`, expired ones included, soonest first, in one call ("what expires this month?"). Once a dedicated-device
 * token expires the admin center hides its profile unless inactive profiles are shown, so admins lose track of them.
 */
import * as z from 'zod';
import type { GraphEntity } from '../../graph/odata.js';
import { defineTool, READ_ONLY_ANNOTATIONS, type ToolContext, type ToolDefinition } from '../../mcp/tool.js';
import { callOptions, collectionOf, tokenExpiry } from './profile-access.js';
import type { ProfileKind } from './profile-kind.js';

export const FIND_EXPIRING_TOOL = 'find-expiring-enrollment-tokens';
const DAY_MS = 86_400_000;
/** Profiles read per kind at most: far beyond any tenant's enrollment profiles, and it bounds the call. */
const MAX_PROFILES_PER_KIND = 5_000;

const inputSchema = z.strictObject({
  withinDays: z
    .int({ error: 'must be a whole number of days from 0 to 36500.' })
    .min(0, { error: 'must be a whole number of days from 0 to 36500.' })
    .max(36_500, { error: 'must be a whole number of days from 0 to 36500.' })
    .optional()
    .describe('Tokens that expire within this many days from now (default 30); expired ones are always included.'),
});

const outputSchema = z.looseObject({
  tokens: z.array(
    z.looseObject({
      profileType: z.string(),
      id: z.string(),
      displayName: z.string().nullable().optional(),
      enrollmentMode: z.string().optional(),
      tokenExpirationDateTime: z.string(),
      daysLeft: z.int(),
      expired: z.boolean(),
    }),
  ),
  truncated: z.boolean(),
});

export function findExpiringTool(kinds: readonly ProfileKind[]): ToolDefinition {
  return defineTool({
    name: FIND_EXPIRING_TOOL,
    title: 'Find expiring enrollment tokens',
    // The same text whichever kinds are enabled: the build bakes one listing per tool name.
    description:
      "Finds the enrollment profiles of every enabled kind (Android for Work, device-owner) whose token expires within withinDays (default 30), expired ones included, soonest first, with daysLeft (whole days, negative once expired). Profiles without a token are left out. Renew one with its kind's create-token tool.",
    inputSchema,
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
    mutates: false,
    toolsets: kinds.map((kind) => kind.toolset),
    async run(input, context) {
      const withinDays = input.withinDays ?? 30;
      const now = Date.now();
      const found = await Promise.all(kinds.map((kind) => expiringOf(kind, now, withinDays, context)));
      const tokens = found.flatMap((result) => result.tokens).sort((a, b) => a.expiresAt - b.expiresAt);
      const truncated = found.some((result) => result.truncated);
      const withoutValue = found.flatMap(({ withoutValue, readWith }) => withoutValue.map((p) => ({ ...p, readWith })));
      return {
        structured: { tokens: tokens.map(({ expiresAt: _sortKey, ...token }) => token), truncated },
        notes: [summarize(tokens.length, withinDays, truncated), ...describeWithoutValue(withoutValue)],
      };
    },
  });
}

async function expiringOf(kind: ProfileKind, now: number, withinDays: number, context: ToolContext) {
  const hasMode = 'enrollmentMode' in kind.profileSchema.shape;
  // Asked for by name: list answers may leave the token fields empty otherwise. tokenValue tells whether there is a
  // token at all (an expiry may outlive a revoked one); it is only looked at, never kept or shown.
  const select = ['id', 'displayName', 'tokenValue', 'tokenExpirationDateTime', ...(hasMode ? ['enrollmentMode'] : [])];
  const page = await collectionOf(kind, context).list({ top: MAX_PROFILES_PER_KIND, select, ...callOptions(context) });
  const inWindow = (profiles: GraphEntity[]) => profiles.flatMap((profile) => expiring(kind, profile, now, withinDays));
  return {
    tokens: inWindow(page.entities.filter(hasTokenValue)),
    // An expiry in the window but no token value: revoked, or Graph did not show the value. Said, not hidden.
    withoutValue: inWindow(page.entities.filter((profile) => !hasTokenValue(profile))),
    readWith: kind.tools.get,
    truncated: page.stoppedBy !== 'end',
  };
}

function hasTokenValue(profile: GraphEntity): boolean {
  return profile.tokenValue !== null && profile.tokenValue !== '';
}

function expiring(kind: ProfileKind, profile: GraphEntity, now: number, withinDays: number) {
  const expiresAt = tokenExpiry(profile);
  if (expiresAt === undefined || expiresAt - now > withinDays * DAY_MS) return [];
  const daysLeft = Math.floor((expiresAt - now) / DAY_MS);
  return [
    {
      profileType: kind.profileType,
      id: profile.id,
      displayName: typeof profile.displayName === 'string' ? profile.displayName : null,
      ...(typeof profile.enrollmentMode === 'string' && { enrollmentMode: profile.enrollmentMode }),
      tokenExpirationDateTime: String(profile.tokenExpirationDateTime),
      daysLeft,
      expired: expiresAt <= now,
      expiresAt,
    },
  ];
}

/** How many of them are named; the rest are counted (expired profiles keep an expiry for ever, and a tenant has many). */
const NAMED_WITHOUT_VALUE = 10;

function describeWithoutValue(
  profiles: readonly { id: string; displayName: string | null; readWith: string }[],
): string[] {
  if (profiles.length === 0) return [];
  const named = profiles
    .slice(0, NAMED_WITHOUT_VALUE)
    .map((profile) => `${profile.displayName ?? '(no name)'} (${profile.id}, ${profile.readWith})`);
  const more = profiles.length > NAMED_WITHOUT_VALUE ? ` and ${profiles.length - NAMED_WITHOUT_VALUE} more` : '';
  return [
    `Left out: ${profiles.length} profile(s) with an expiry in the window but no token value (revoked, or not shown by Graph): ${named.join(', ')}${more}. Read one with the tool named to be sure.`,
  ];
}

function summarize(count: number, withinDays: number, truncated: boolean): string {
  const scope = `${count} token(s) expired or expiring within ${withinDays} day(s)`;
  return truncated
    ? `${scope}, possibly not all: reading the profiles stopped at its bound (${MAX_PROFILES_PER_KIND} per kind, or Graph's paging).`
    : `${scope}: every profile was checked.`;
}
